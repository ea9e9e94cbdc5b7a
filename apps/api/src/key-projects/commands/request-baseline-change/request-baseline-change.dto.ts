import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../shared/calendar-date.validator';

export class RequestBaselineChangeDto {
  @ApiPropertyOptional({ description: '申请编号；不填时自动生成（审批时使用）', example: 'BC-1' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  requestId?: string;

  @ApiProperty({ description: '需调整基线的里程碑编号', example: 'M1' })
  @IsString()
  @IsNotEmpty()
  milestoneId!: string;

  @ApiProperty({ description: '拟调整的基线日期（YYYY-MM-DD）', example: '2025-06-30' })
  @IsCalendarDate()
  proposedBaselineDate!: string;

  @ApiProperty({ description: '调整理由', example: '冬季低温无法进行覆膜施工，需顺延至次年汛前。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../shared/calendar-date.validator';

export class PlanMilestoneDto {
  @ApiPropertyOptional({ description: '里程碑编号；不填时自动生成', example: 'M1' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  milestoneId?: string;

  @ApiProperty({ description: '里程碑名称', example: '填埋库区封场覆盖完工' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ description: '权重（大于 0；各里程碑按比例折算，不必合计 100）', example: 60 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  weight!: number;

  @ApiPropertyOptional({ description: '基线日期（YYYY-MM-DD）；规划未给出日期时为 null', example: '2024-10-31', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  baselineDate?: string | null;

  @ApiPropertyOptional({ description: '是否为必须完成的里程碑（默认 true；只有必须完成的里程碑决定能否完工）', example: true })
  @IsOptional()
  @IsBoolean()
  mandatory?: boolean;
}

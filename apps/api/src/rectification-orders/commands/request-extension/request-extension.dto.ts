import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../shared/is-calendar-date';

/** 申请延期 */
export class RequestExtensionDto {
  @ApiPropertyOptional({ description: '申请编号（不填则由系统生成）', example: 'X-001' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  requestId?: string;

  @ApiProperty({ description: '申请延期至（YYYY-MM-DD，北京时间）', example: '2024-12-31', format: 'date' })
  @IsCalendarDate()
  requestedDeadline!: string;

  @ApiProperty({ description: '延期理由', example: '冬季低温无法施工，管网工程须顺延至次年开化后。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({ description: '目前整改进展', example: '主体工程已完成 80%。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  progressSoFar!: string;
}

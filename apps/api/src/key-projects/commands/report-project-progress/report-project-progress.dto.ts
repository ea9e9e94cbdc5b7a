import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../shared/calendar-date.validator';

export class ReportProjectProgressDto {
  @ApiPropertyOptional({ description: '报告编号；不填时自动生成', example: 'R-2024-03' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  reportId?: string;

  @ApiPropertyOptional({ description: '正在推进的里程碑编号；仅文字说明时为 null', example: 'M1', nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  milestoneId?: string | null;

  @ApiPropertyOptional({ description: '该里程碑完成百分比（0–100），填写里程碑时必填', example: 50, nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  percentComplete?: number | null;

  @ApiPropertyOptional({ description: '预计完成日期（YYYY-MM-DD）', example: '2024-11-30', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  forecastDate?: string | null;

  @ApiProperty({ description: '进展情况说明', example: '封场覆盖完成一半，飞灰处置设施设备已招标。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  narrative!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** 报送整改进展 */
export class ReportOrderProgressDto {
  @ApiPropertyOptional({ description: '报告编号（不填则由系统生成）', example: 'R-2024-06' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reportId?: string;

  @ApiProperty({ description: '进展情况', example: '已完成污水管网铺设 3.2 公里，处理站主体完工。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;

  @ApiPropertyOptional({ description: '完成百分比（0–100）', example: 60, nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  percentComplete?: number | null;
}

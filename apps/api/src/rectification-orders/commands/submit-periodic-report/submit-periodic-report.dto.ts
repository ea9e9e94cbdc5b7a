import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** 报送定期进展 */
export class SubmitPeriodicReportDto {
  @ApiPropertyOptional({ description: '报告编号（不填则由系统生成）', example: 'Q-2024-2' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reportId?: string;

  @ApiProperty({ description: '定期进展情况', example: '本季度巡查 12 次，未发现新问题。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;
}

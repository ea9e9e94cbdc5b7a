import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsAsOf } from '../../as-of';

export class GetIndicatorDto {
  @ApiPropertyOptional({
    description:
      '查看截至某日（北京时间当日结束）或某一时刻的历史状态：YYYY-MM-DD 或 ISO 日期时间（如 2026-01-20T10:00:00+08:00，未带时区按北京时间）',
    example: '2025-12-31',
  })
  @IsOptional()
  @IsAsOf()
  asOf?: string;
}

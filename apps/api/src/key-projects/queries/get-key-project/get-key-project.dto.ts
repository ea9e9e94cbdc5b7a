import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsAsOf } from '../../../shared/is-as-of';

export class GetKeyProjectDto {
  @ApiPropertyOptional({
    description:
      '查看历史状态：日期（YYYY-MM-DD，北京时间当日 24 时，如 2023-12-31 中期评估时点）或时刻（ISO 8601，如 2024-06-30T15:30:00+08:00；不带时区按北京时间），可区分同一天内先后发生的变化',
    example: '2023-12-31',
  })
  @IsOptional()
  @IsAsOf()
  asOf?: string;
}

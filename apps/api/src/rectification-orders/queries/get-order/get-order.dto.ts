import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../../shared/is-calendar-date';

export class GetOrderQueryDto {
  @ApiPropertyOptional({
    description: '查看截至该日（北京时间）24 时的状态，如 2023-06-30（中期评估）',
    example: '2023-06-30',
    format: 'date',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

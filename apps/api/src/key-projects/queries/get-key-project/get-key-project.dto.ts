import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../../shared/is-calendar-date';

export class GetKeyProjectDto {
  @ApiPropertyOptional({ description: '查看截至该日（北京时间当日结束）的历史状态，如 2023 年中期评估时点', example: '2023-12-31' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

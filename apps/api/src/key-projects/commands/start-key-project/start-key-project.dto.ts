import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../shared/calendar-date.validator';

export class StartKeyProjectDto {
  @ApiProperty({ description: '实际开工日期（YYYY-MM-DD），不得晚于今天', example: '2023-04-10' })
  @IsCalendarDate()
  startedOn!: string;
}

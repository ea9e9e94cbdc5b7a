import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../shared/calendar-date.validator';

export class CompleteKeyProjectDto {
  @ApiProperty({ description: '完工日期（YYYY-MM-DD），不得晚于今天；须全部必须完成的里程碑已完成', example: '2024-11-15' })
  @IsCalendarDate()
  completedOn!: string;
}

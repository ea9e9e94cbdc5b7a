import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { PetitionFinding, SecondCheckOutcome } from '@app/domain';
import { IsCalendarDate } from '../../shared/is-calendar-date';

/** 录入复核结果 */
export class RecordSecondCheckDto {
  @ApiProperty({ description: '复核日期（YYYY-MM-DD，北京时间）', example: '2024-07-10', format: 'date' })
  @IsCalendarDate()
  checkedOn!: string;

  @ApiProperty({ description: '复核结论：CONFIRMED 维持 / REVISED 改变', enum: ['CONFIRMED', 'REVISED'], example: 'CONFIRMED' })
  @IsIn(['CONFIRMED', 'REVISED'])
  outcome!: SecondCheckOutcome;

  @ApiPropertyOptional({
    description: '复核后结论（outcome 为 REVISED 时必填）',
    enum: ['TRUE', 'BASICALLY_TRUE', 'PARTLY_TRUE'],
    nullable: true,
  })
  @IsOptional()
  @IsIn(['TRUE', 'BASICALLY_TRUE', 'PARTLY_TRUE', 'UNTRUE'])
  revisedFinding?: PetitionFinding | null;

  @ApiProperty({ description: '复核情况', example: '复核组现场核查，维持"不属实"结论。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;
}

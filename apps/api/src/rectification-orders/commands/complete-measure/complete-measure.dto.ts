import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../shared/is-calendar-date';

/** 完成整改措施 */
export class CompleteMeasureDto {
  @ApiProperty({ description: '整改措施编号', example: 'M1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  measureId!: string;

  @ApiProperty({ description: '完成日期（YYYY-MM-DD，北京时间）', example: '2024-06-28', format: 'date' })
  @IsCalendarDate()
  completedOn!: string;

  @ApiPropertyOptional({ description: '备注', example: '经现场核查，设施已稳定运行。', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

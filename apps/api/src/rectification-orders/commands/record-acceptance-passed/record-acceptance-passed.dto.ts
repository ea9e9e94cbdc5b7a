import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../shared/is-calendar-date';

/** 录入验收通过 */
export class RecordAcceptancePassedDto {
  @ApiPropertyOptional({ description: '验收记录编号（不填则由系统生成）', example: 'A-001' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  recordId?: string;

  @ApiProperty({ description: '验收日期（YYYY-MM-DD，北京时间）', example: '2024-07-05', format: 'date' })
  @IsCalendarDate()
  checkedOn!: string;

  @ApiProperty({ description: '验收意见', example: '经现场核查，整改到位，同意通过验收。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;

  @ApiProperty({ description: '验收文件编号或链接', example: '牡环验〔2024〕12号' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  documentRef!: string;
}

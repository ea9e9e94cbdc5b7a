import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../shared/is-calendar-date';

/** 录入验收不通过 */
export class RecordAcceptanceFailedDto {
  @ApiPropertyOptional({ description: '验收记录编号（不填则由系统生成）', example: 'A-001' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  recordId?: string;

  @ApiProperty({ description: '验收日期（YYYY-MM-DD，北京时间）', example: '2024-07-05', format: 'date' })
  @IsCalendarDate()
  checkedOn!: string;

  @ApiProperty({ description: '不通过原因（逐条）', example: ['出水总磷仍超标'], type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  reasons!: string[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../shared/is-calendar-date';

/** 登记回访 */
export class RecordFollowUpVisitDto {
  @ApiPropertyOptional({ description: '回访编号（不填则由系统生成）', example: 'V-001' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  visitId?: string;

  @ApiProperty({ description: '回访日期（YYYY-MM-DD，北京时间）', example: '2024-07-15', format: 'date' })
  @IsCalendarDate()
  visitedOn!: string;

  @ApiProperty({ description: '回访情况', example: '电话回访，信访人表示异味已消除。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;

  @ApiPropertyOptional({ description: '信访人是否满意；未询问或未联系上时为空', example: true, nullable: true })
  @IsOptional()
  @IsBoolean()
  satisfied?: boolean | null;
}

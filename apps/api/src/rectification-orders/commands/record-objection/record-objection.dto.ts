import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../shared/is-calendar-date';

/** 登记公示异议 */
export class RecordObjectionDto {
  @ApiPropertyOptional({ description: '异议编号（不填则由系统生成）', example: 'O-001' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  objectionId?: string;

  @ApiProperty({ description: '异议内容', example: '群众反映河道仍有异味。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;

  @ApiProperty({ description: '收到日期（YYYY-MM-DD，北京时间）', example: '2024-07-08', format: 'date' })
  @IsCalendarDate()
  receivedOn!: string;
}

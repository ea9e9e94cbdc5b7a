import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../shared/is-calendar-date';

/** 重新打开 */
export class ReopenOrderDto {
  @ApiProperty({ description: '重新打开原因', example: '"回头看"发现问题反弹。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({
    description: '新的整改时限（YYYY-MM-DD）；不填则沿用现行时限',
    example: '2025-06-30',
    format: 'date',
    nullable: true,
  })
  @IsOptional()
  @IsCalendarDate()
  newDeadline?: string | null;
}

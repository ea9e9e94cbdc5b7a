import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** 约谈 */
export class SummonResponsibleLeaderDto {
  @ApiProperty({ description: '约谈日期（YYYY-MM-DD）', example: '2024-07-10' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date 须为 YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ description: '被约谈人（职务）', example: '宁安市人民政府分管副市长' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  attendee!: string;

  @ApiPropertyOptional({ description: '地点', example: '市政府 3 楼会议室', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  place?: string | null;

  @ApiPropertyOptional({ description: '备注', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

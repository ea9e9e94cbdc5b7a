import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** 督办单 */
export class IssueSupervisionNoticeDto {
  @ApiPropertyOptional({ description: '督办单编号', example: '牡生态督〔2024〕3号', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  noticeNumber?: string | null;

  @ApiProperty({ description: '督办要求', example: '限 15 日内完成整改并书面报告。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  text!: string;
}

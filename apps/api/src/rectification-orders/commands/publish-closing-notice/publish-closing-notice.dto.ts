import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** 发布拟销号公示 */
export class PublishClosingNoticeDto {
  @ApiPropertyOptional({ description: '公示编号（不填则由系统生成）', example: 'N-001' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  noticeId?: string;
}

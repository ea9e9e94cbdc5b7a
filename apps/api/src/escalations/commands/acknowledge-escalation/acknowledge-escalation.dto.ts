import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** 签阅 */
export class AcknowledgeEscalationDto {
  @ApiPropertyOptional({ description: '签阅意见', example: '已阅，请责任单位抓紧整改。', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

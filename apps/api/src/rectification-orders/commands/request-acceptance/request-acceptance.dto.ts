import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** 申请验收 */
export class RequestAcceptanceDto {
  @ApiPropertyOptional({ description: '申请说明', example: '各项措施已完成，佐证材料已上传，申请验收。', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** 批示 */
export class InstructOnEscalationDto {
  @ApiProperty({ description: '批示内容', example: '请宁安市政府一周内报送整改方案，市生态环境局跟踪督办。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  text!: string;
}

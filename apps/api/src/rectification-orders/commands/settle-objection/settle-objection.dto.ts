import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { ObjectionOutcome } from '@app/domain';

/** 处理公示异议 */
export class SettleObjectionDto {
  @ApiProperty({ description: '异议编号', example: 'O-001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  objectionId!: string;

  @ApiProperty({ description: '处理结论：UPHELD 成立 / DISMISSED 不成立', enum: ['UPHELD', 'DISMISSED'], example: 'UPHELD' })
  @IsIn(['UPHELD', 'DISMISSED'])
  outcome!: ObjectionOutcome;

  @ApiProperty({ description: '处理意见', example: '经核查异议属实，退回继续整改。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  resolution!: string;
}

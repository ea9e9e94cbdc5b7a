import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RejectBaselineChangeDto {
  @ApiProperty({ description: '基线调整申请编号', example: 'BC-1' })
  @IsString()
  @IsNotEmpty()
  requestId!: string;

  @ApiProperty({ description: '驳回理由', example: '理由不充分，请按原基线组织施工。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

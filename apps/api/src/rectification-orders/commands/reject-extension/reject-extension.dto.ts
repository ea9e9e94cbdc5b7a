import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** 驳回延期申请 */
export class RejectExtensionDto {
  @ApiProperty({ description: '延期申请编号', example: 'X-001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  requestId!: string;

  @ApiProperty({ description: '驳回理由', example: '理由不充分，请按原时限完成。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

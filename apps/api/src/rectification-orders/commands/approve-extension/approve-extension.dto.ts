import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** 批准延期 */
export class ApproveExtensionDto {
  @ApiProperty({ description: '延期申请编号', example: 'X-001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  requestId!: string;

  @ApiPropertyOptional({ description: '审批意见', example: '同意延期，请按新时限完成。', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

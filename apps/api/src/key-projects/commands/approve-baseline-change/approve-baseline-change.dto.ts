import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class ApproveBaselineChangeDto {
  @ApiProperty({ description: '基线调整申请编号', example: 'BC-1' })
  @IsString()
  @IsNotEmpty()
  requestId!: string;

  @ApiPropertyOptional({ description: '审批意见', example: '同意顺延，请倒排工期确保按新基线完成。', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

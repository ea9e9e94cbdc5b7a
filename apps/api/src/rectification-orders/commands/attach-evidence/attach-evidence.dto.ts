import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** 上传佐证材料 */
export class AttachEvidenceDto {
  @ApiPropertyOptional({ description: '材料编号（不填则由系统生成）', example: 'E-001' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  evidenceId?: string;

  @ApiProperty({ description: '材料名称', example: '污水处理站竣工验收报告' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiPropertyOptional({ description: '材料链接', example: 'https://oa.example.gov.cn/files/123', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  uri?: string | null;

  @ApiPropertyOptional({ description: '所佐证的整改措施编号', example: 'M2', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  measureId?: string | null;

  @ApiPropertyOptional({ description: '是否为长效机制佐证（"长期坚持"类任务销号须有）', example: false })
  @IsOptional()
  @IsBoolean()
  lastingMechanism?: boolean;
}

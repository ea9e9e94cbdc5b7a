import { randomUUID } from 'node:crypto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import type { IssueCircular } from '@app/domain';

const SUBJECT_TYPES = ['ESCALATION', 'DEPARTMENT'] as const;

/** 发布通报 */
export class IssueCircularDto {
  @ApiProperty({ description: '通报对象：ESCALATION 一条督办预警 / DEPARTMENT 一个单位', enum: SUBJECT_TYPES, example: 'ESCALATION' })
  @IsIn(SUBJECT_TYPES)
  subjectType!: (typeof SUBJECT_TYPES)[number];

  @ApiPropertyOptional({ description: '被通报的督办预警编号（subjectType 为 ESCALATION 时必填）', format: 'uuid' })
  @ValidateIf((o: IssueCircularDto) => o.subjectType === 'ESCALATION')
  @IsUUID()
  escalationId?: string;

  @ApiPropertyOptional({ description: '被通报单位编号（subjectType 为 DEPARTMENT 时必填）', example: 'ning-an-city' })
  @ValidateIf((o: IssueCircularDto) => o.subjectType === 'DEPARTMENT')
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ type: String, description: '文号', example: '牡整改办通〔2025〕3号', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  documentNumber?: string | null;

  @ApiProperty({ description: '通报标题', example: '关于宁安市镜泊湖流域污水治理问题敷衍整改的通报' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiProperty({ description: '通报内容', example: '经验收核查，该问题整改流于形式……现予以通报批评。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  text!: string;

  toCommand(circularId: string = randomUUID()): IssueCircular {
    return {
      type: 'IssueCircular',
      circularId,
      subject:
        this.subjectType === 'ESCALATION'
          ? { type: 'ESCALATION', escalationId: this.escalationId as string, subjectCode: '', itemName: '', department: null }
          : { type: 'DEPARTMENT', department: this.department as string },
      documentNumber: this.documentNumber ?? null,
      title: this.title,
      text: this.text,
    };
  }
}

export class ListCircularsQueryDto {
  @ApiPropertyOptional({ description: '按督办预警筛选', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  escalationId?: string;

  @ApiPropertyOptional({ description: '按被通报单位（含被通报预警所属单位）筛选', example: 'ning-an-city' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  department?: string;
}

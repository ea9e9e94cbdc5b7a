import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../shared/calendar-date.validator';

export class AcceptanceRecordDto {
  @ApiProperty({ description: '验收记录编号', example: 'YS-2024-008' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  recordId!: string;

  @ApiProperty({ description: '验收日期（YYYY-MM-DD），不早于完工日期、不晚于今天', example: '2024-12-05' })
  @IsCalendarDate()
  acceptedOn!: string;

  @ApiProperty({ description: '验收单位或专家组', example: '牡丹江市生态环境局组织的专家验收组' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  acceptingBody!: string;

  @ApiProperty({ description: '签署的验收文件编号或链接', example: '牡环验〔2024〕21号' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  documentRef!: string;

  @ApiPropertyOptional({ description: '验收结论摘要', example: '封场治理和飞灰处置设施达到设计要求，同意通过验收。' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  summary?: string;
}

export class AcceptKeyProjectDto {
  @ApiProperty({ description: '验收记录', type: AcceptanceRecordDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => AcceptanceRecordDto)
  acceptanceRecord!: AcceptanceRecordDto;
}

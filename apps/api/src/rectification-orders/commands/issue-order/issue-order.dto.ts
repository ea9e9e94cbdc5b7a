import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { DeadlineKind, OrderSource } from '@app/domain';
import { IsCalendarDate } from '../../shared/is-calendar-date';

const SOURCES: OrderSource[] = [
  'CENTRAL_INSPECTION',
  'CENTRAL_FOLLOW_UP',
  'PROVINCIAL_INSPECTION',
  'PETITION',
  'SPECIAL_CAMPAIGN',
  'SELF_FOUND',
];
const KINDS: DeadlineKind[] = ['IMMEDIATE', 'BY_DATE', 'ONGOING'];

export class MeasurePlanDto {
  @ApiProperty({ description: '措施编号（任务内唯一）', example: 'M1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  measureId!: string;

  @ApiProperty({ description: '整改措施', example: '建设沿湖村屯污水收集管网和处理设施' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  description!: string;

  @ApiProperty({ description: '措施完成时限（YYYY-MM-DD）', example: '2024-09-30', format: 'date' })
  @IsCalendarDate()
  dueDate!: string;
}

export class PetitionDetailsDto {
  @ApiProperty({ description: '信访件转办日期（YYYY-MM-DD）', example: '2024-06-01', format: 'date' })
  @IsCalendarDate()
  forwardedOn!: string;

  @ApiPropertyOptional({ description: '信访件编号', example: 'D2024-0612', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  caseNumber?: string | null;
}

/** 下达整改任务 */
export class IssueOrderDto {
  @ApiProperty({ description: '任务编码（批次 + 序号）', example: '第二轮中央督察-12' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  code!: string;

  @ApiProperty({
    description: '问题来源：中央督察 / "回头看" / 省级督察 / 督察转办信访件 / 专项行动 / 自查发现',
    enum: SOURCES,
    example: 'CENTRAL_INSPECTION',
  })
  @IsIn(SOURCES)
  source!: OrderSource;

  @ApiProperty({ description: '批次', example: '第二轮中央生态环境保护督察' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  batch!: string;

  @ApiProperty({ description: '督察意见 / 问题', example: '镜泊湖流域部分村屯生活污水未经处理直排入湖河流。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  finding!: string;

  @ApiProperty({ description: '整改目标', example: '沿湖村屯生活污水全部收集处理、稳定达标。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  target!: string;

  @ApiProperty({ description: '整改时限类型：IMMEDIATE 立行立改 / BY_DATE 限期整改 / ONGOING 长期坚持', enum: KINDS, example: 'BY_DATE' })
  @IsIn(KINDS)
  deadlineKind!: DeadlineKind;

  @ApiPropertyOptional({ description: '整改时限（YYYY-MM-DD）；"长期坚持"类留空', example: '2024-12-31', format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  deadline?: string | null;

  @ApiProperty({ description: '整改措施（各有完成时限）', type: [MeasurePlanDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MeasurePlanDto)
  measures!: MeasurePlanDto[];

  @ApiPropertyOptional({ description: '信访件信息；仅来源为督察转办信访件时填写', type: PetitionDetailsDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PetitionDetailsDto)
  petition?: PetitionDetailsDto | null;
}

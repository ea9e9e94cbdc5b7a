import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { SEED_DEPARTMENTS } from '../../../../../../libs/domain/src/seed/plan-register';
import { IsCalendarDate } from '../../shared/calendar-date.validator';

const DEPARTMENT_IDS = SEED_DEPARTMENTS.map((d) => d.id);

export class RegisterKeyProjectDto {
  @ApiPropertyOptional({ description: '工程编号（UUID）；不填时由工程代码生成，同一代码只能登记一次', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ description: '工程代码，如 ZL8-1（专栏8第1项）', example: 'ZL8-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  code!: string;

  @ApiProperty({ description: '工程名称（规划原文）', example: '郭家沟生活垃圾处理场二期填埋库区封场治理暨飞灰处置项目' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: '所属专栏（1–9）；规划承诺事项或正文所列项目为 null', example: 8, nullable: true })
  @IsOptional()
  @IsInt()
  planBox?: number | null;

  @ApiProperty({
    description: '工程类别：water 水、air 大气、soil 土壤、ecology 生态、risk 风险、rural 农村、climate 气候、capacity 能力建设等',
    example: 'risk',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  category!: string;

  @ApiPropertyOptional({
    description: '牵头单位编号（见 /api/v1/reference/departments）；规划未明确时为 null',
    example: 'city-urban-management-bureau',
    nullable: true,
  })
  @IsOptional()
  @IsIn(DEPARTMENT_IDS)
  leadDepartment?: string | null;

  @ApiPropertyOptional({ description: '配合单位编号列表', example: ['city-eco-env-bureau'], type: [String] })
  @IsOptional()
  @IsArray()
  @IsIn(DEPARTMENT_IDS, { each: true })
  cooperatingDepartments?: string[];

  @ApiPropertyOptional({ description: '实施单位', example: '牡丹江市城市管理综合执法局', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  implementingUnit?: string | null;

  @ApiPropertyOptional({ description: '责任人', example: '王建国', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  responsiblePerson?: string | null;

  @ApiPropertyOptional({ description: '计划开工日期（YYYY-MM-DD）', example: '2023-04-01', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  plannedStart?: string | null;

  @ApiPropertyOptional({ description: '计划完工日期（YYYY-MM-DD）', example: '2025-10-31', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  plannedEnd?: string | null;

  @ApiPropertyOptional({ description: '计划投资（万元）；规划未列明时为 null', example: 12000, nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  plannedInvestment?: number | null;

  @ApiPropertyOptional({ description: '工程简介', example: '对郭家沟生活垃圾处理场二期填埋库区实施封场治理，并建设飞灰处置设施。' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;
}

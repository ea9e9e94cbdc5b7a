import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import type {
  AssignIndicator,
  CorrectIndicatorValue,
  IndicatorValue,
  LinkContributingProject,
  ReassignIndicator,
  ReportIndicatorValue,
  SetYearlyTargets,
} from '@app/domain';
import { SEED_DEPARTMENTS } from '@app/seed';

/*
 * The request bodies of the indicator commands. Each is validated here (400 for malformed input) and
 * turned into the domain command by `toCommand`. Whether a value fits the indicator (a number in its
 * unit, 达到/未达到, a period that has ended and is not yet reported) is the domain's call (409/422),
 * because only it knows the indicator.
 */

const DEPARTMENT_IDS = SEED_DEPARTMENTS.map((d) => d.id);

/** A number, or a short text (MET / NOT_MET for a qualitative indicator; anything else the domain refuses by name). */
function IsNumberOrShortText(): PropertyDecorator {
  return ValidateBy({
    name: 'isNumberOrShortText',
    validator: {
      validate: (value: unknown) =>
        (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length <= 50),
      defaultMessage: () => '$property must be a number, or MET / NOT_MET for a qualitative indicator',
    },
  });
}

export class LeaderInChargeDto {
  @ApiProperty({ description: '责任领导姓名', example: '张某' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;

  @ApiProperty({ description: '责任领导职务', example: '副市长' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  title!: string;
}

/** The fields of 交办 and 重新交办. */
class AssignmentDto {
  @ApiProperty({ description: '牵头单位编号（见 /api/v1/reference/departments）', example: 'city-eco-env-bureau' })
  @IsIn(DEPARTMENT_IDS)
  leadDepartment!: string;

  @ApiPropertyOptional({ description: '配合单位编号列表', example: ['city-transport-bureau'], type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsIn(DEPARTMENT_IDS, { each: true })
  cooperatingDepartments?: string[];

  @ApiPropertyOptional({ description: '责任领导（市领导）', type: LeaderInChargeDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LeaderInChargeDto)
  leaderInCharge?: LeaderInChargeDto | null;

  @ApiPropertyOptional({ type: String, description: '责任人', example: '大气环境科科长', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  responsiblePerson?: string | null;

  protected assignment(): Omit<AssignIndicator, 'type'> {
    return {
      leadDepartment: this.leadDepartment,
      cooperatingDepartments: this.cooperatingDepartments ?? [],
      leaderInCharge: this.leaderInCharge ? { name: this.leaderInCharge.name, title: this.leaderInCharge.title } : null,
      responsiblePerson: this.responsiblePerson ?? null,
    };
  }
}

/** 交办指标 */
export class AssignIndicatorDto extends AssignmentDto {
  toCommand(): AssignIndicator {
    return { type: 'AssignIndicator', ...this.assignment() };
  }
}

/** 重新交办指标 */
export class ReassignIndicatorDto extends AssignmentDto {
  @ApiProperty({ description: '重新交办理由', example: '机构改革，职责调整' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;

  toCommand(): ReassignIndicator {
    return { type: 'ReassignIndicator', ...this.assignment(), reason: this.reason };
  }
}

export class YearlyTargetDto {
  @ApiProperty({ description: '年份（2021–2025）', example: 2024 })
  @IsInt()
  year!: number;

  @ApiProperty({ description: '该年目标值（指标计量单位）', example: 30.4 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;
}

/** 设定年度目标（序时进度） */
export class SetYearlyTargetsDto {
  @ApiProperty({ description: '年度目标；未列出的年份保持原目标', type: [YearlyTargetDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => YearlyTargetDto)
  targets!: YearlyTargetDto[];

  @ApiProperty({ description: '目标依据，如省下达目标的文号', example: '黑环发〔2024〕12号' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  grounds!: string;

  toCommand(): SetYearlyTargets {
    return { type: 'SetYearlyTargets', targets: this.targets.map((t) => ({ year: t.year, value: t.value })), grounds: this.grounds };
  }
}

/** 报送指标数值 */
export class ReportIndicatorValueDto {
  @ApiProperty({ description: '统计期：按月 YYYY-MM，按季 YYYY-Qn，按年 YYYY；须已结束', example: '2025-11' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  period!: string;

  @ApiProperty({
    description: '数值（按指标计量单位）；定性指标填 MET（达到）或 NOT_MET（未达到）',
    oneOf: [{ type: 'number' }, { type: 'string', enum: ['MET', 'NOT_MET'] }],
    example: 29.6,
  })
  @IsDefined()
  @IsNumberOrShortText()
  value!: number | string;

  @ApiPropertyOptional({ type: String, description: '数值的计量单位；不填即为指标的计量单位', example: 'μg/m³', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  unit?: string | null;

  @ApiProperty({ description: '数据来源：监测站、统计年鉴、部门统计等', example: '国控站点自动监测' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  source!: string;

  @ApiPropertyOptional({ type: String, description: '说明', example: '1—11月累计均值', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;

  toCommand(): ReportIndicatorValue {
    return {
      type: 'ReportIndicatorValue',
      period: this.period,
      value: this.value as IndicatorValue,
      unit: this.unit ?? null,
      source: this.source,
      note: this.note ?? null,
    };
  }
}

/** 更正指标数值 */
export class CorrectIndicatorValueDto {
  @ApiProperty({ description: '要更正的统计期（须已报送）', example: '2025-11' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  period!: string;

  @ApiProperty({
    description: '更正后的数值；定性指标填 MET 或 NOT_MET',
    oneOf: [{ type: 'number' }, { type: 'string', enum: ['MET', 'NOT_MET'] }],
    example: 31.2,
  })
  @IsDefined()
  @IsNumberOrShortText()
  value!: number | string;

  @ApiPropertyOptional({ type: String, description: '数值的计量单位；不填即为指标的计量单位', example: 'μg/m³', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  unit?: string | null;

  @ApiPropertyOptional({ type: String, description: '更正后的数据来源；不填则沿用原来源', example: '省站审核数据', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string | null;

  @ApiProperty({ description: '更正理由', example: '省站审核后剔除沙尘天气影响' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;

  toCommand(): CorrectIndicatorValue {
    return {
      type: 'CorrectIndicatorValue',
      period: this.period,
      value: this.value as IndicatorValue,
      unit: this.unit ?? null,
      source: this.source ?? null,
      reason: this.reason,
    };
  }
}

/** 关联支撑工程 */
export class LinkContributingProjectDto {
  @ApiProperty({ description: '重点工程编号（UUID）；工程代码和名称取自该工程', format: 'uuid' })
  @IsUUID()
  projectId!: string;

  @ApiPropertyOptional({ type: String, description: '说明', example: '专栏6（二）支撑农村生活污水治理率', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;

  toCommand(): LinkContributingProject {
    // Code and name are filled from the key project by the command path (indicators.prepare).
    return { type: 'LinkContributingProject', projectId: this.projectId, projectCode: '', projectName: '', note: this.note ?? null };
  }
}

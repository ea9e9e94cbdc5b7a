import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  DEPARTMENTS,
  planItemKinds,
  type AmendKeyProjectRegistration,
  type AssignKeyProject,
  type PlanItemKind,
  type ReassignKeyProject,
} from '@app/domain';
import { IsCalendarDate } from '../shared/is-calendar-date';

/* The bodies of 交办, 重新交办 and 更正登记信息 (supervision office). */

const DEPARTMENT_IDS = DEPARTMENTS.map((d) => d.id);

export class ResponsibleLeaderDto {
  @ApiProperty({ description: '责任领导姓名', example: '王明' })
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

export class AssignedMilestoneDto {
  @ApiProperty({ description: '里程碑编号：已有里程碑按编号设定日期，新编号即新增里程碑', example: 'ZL7-1-M1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  milestoneId!: string;

  @ApiPropertyOptional({ type: String, description: '里程碑名称（新增时必填；已有里程碑保留原名称）', example: '完成建设', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @ApiProperty({ description: '里程碑日期（YYYY-MM-DD）', example: '2026-10-31' })
  @IsCalendarDate()
  baselineDate!: string;

  @ApiPropertyOptional({ type: Number, description: '权重（新增时，默认 1；已有里程碑保留原权重）', example: 1, nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  weight?: number | null;

  @ApiPropertyOptional({ type: Boolean, description: '是否必须完成（新增时，默认 true）', example: true, nullable: true })
  @IsOptional()
  @IsBoolean()
  mandatory?: boolean | null;
}

abstract class AssignmentFieldsDto {
  @ApiProperty({ description: '牵头单位编号（见 /api/v1/reference/departments）', example: 'city-natural-resources-bureau' })
  @IsIn(DEPARTMENT_IDS, { message: 'leadDepartment must be a department id of /api/v1/reference/departments' })
  leadDepartment!: string;

  @ApiPropertyOptional({ description: '配合单位编号列表', example: ['city-eco-env-bureau'], type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(40)
  @IsIn(DEPARTMENT_IDS, { each: true, message: 'each of cooperatingDepartments must be a department id of /api/v1/reference/departments' })
  cooperatingDepartments?: string[];

  @ApiProperty({ description: '责任领导（市领导）', type: ResponsibleLeaderDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ResponsibleLeaderDto)
  responsibleLeader!: ResponsibleLeaderDto;

  @ApiPropertyOptional({ description: '责任人', example: '赵敏', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  responsiblePerson?: string | null;
}

/** 交办 */
export class AssignKeyProjectDto extends AssignmentFieldsDto {
  @ApiPropertyOptional({ type: String, description: '计划开始日期（YYYY-MM-DD）', example: '2026-04-01', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  plannedStart?: string | null;

  @ApiPropertyOptional({ type: String, description: '计划完成日期（YYYY-MM-DD）', example: '2026-10-31', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  plannedEnd?: string | null;

  @ApiPropertyOptional({ description: '里程碑及其日期', type: [AssignedMilestoneDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AssignedMilestoneDto)
  milestones?: AssignedMilestoneDto[];

  toCommand(): AssignKeyProject {
    return {
      type: 'AssignKeyProject',
      leadDepartment: this.leadDepartment,
      cooperatingDepartments: this.cooperatingDepartments ?? [],
      responsibleLeader: { name: this.responsibleLeader.name, title: this.responsibleLeader.title },
      responsiblePerson: this.responsiblePerson ?? null,
      plannedStart: this.plannedStart ?? null,
      plannedEnd: this.plannedEnd ?? null,
      milestones: (this.milestones ?? []).map((m) => ({
        milestoneId: m.milestoneId,
        name: m.name ?? null,
        baselineDate: m.baselineDate,
        weight: m.weight ?? null,
        mandatory: m.mandatory ?? null,
      })),
    };
  }
}

/** 重新交办 */
export class ReassignKeyProjectDto extends AssignmentFieldsDto {
  @ApiProperty({ description: '重新交办理由', example: '矿山生态修复职能调整，改由自然资源部门牵头。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  toCommand(): ReassignKeyProject {
    return {
      type: 'ReassignKeyProject',
      leadDepartment: this.leadDepartment,
      cooperatingDepartments: this.cooperatingDepartments ?? [],
      responsibleLeader: { name: this.responsibleLeader.name, title: this.responsibleLeader.title },
      responsiblePerson: this.responsiblePerson ?? null,
      reason: this.reason,
    };
  }
}

/** 更正登记信息 */
export class AmendKeyProjectRegistrationDto {
  @ApiProperty({ description: '事项类型：PROJECT 工程项目、TASK 工作任务、STRIVE 争取类', enum: planItemKinds, example: 'TASK' })
  @IsIn(planItemKinds)
  planItemKind!: PlanItemKind;

  @ApiPropertyOptional({ type: String, description: '规划出处（专栏、章节）', example: '专栏7；第一章 二（四）', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string | null;

  @ApiPropertyOptional({ description: '撤回登记时记录的牵头单位（仅在交办前、计划中时），事项回到待交办', example: false })
  @IsOptional()
  @IsBoolean()
  withdrawLeadDepartment?: boolean;

  @ApiProperty({ description: '更正理由', example: '按规划原文更正事项类型。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  toCommand(): AmendKeyProjectRegistration {
    return {
      type: 'AmendKeyProjectRegistration',
      planItemKind: this.planItemKind,
      source: this.source ?? null,
      withdrawLeadDepartment: this.withdrawLeadDepartment ?? false,
      reason: this.reason,
    };
  }
}

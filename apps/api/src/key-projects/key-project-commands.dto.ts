import { randomUUID } from 'node:crypto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type {
  AcceptKeyProject,
  AchieveMilestone,
  ApproveBaselineChange,
  CancelKeyProject,
  CompleteKeyProject,
  PlanMilestone,
  RegisterKeyProject,
  RejectBaselineChange,
  ReportProjectProgress,
  RequestBaselineChange,
  ResumeKeyProject,
  StartKeyProject,
  SuspendKeyProject,
} from '@app/domain';
import { planItemKinds, type PlanItemKind } from '@app/domain';
import { SEED_DEPARTMENTS } from '@app/seed';
import { IsCalendarDate } from '../shared/is-calendar-date';

/*
 * The request bodies of the key-project commands. Each is validated here (400 for malformed input)
 * and turned into the domain command by `toCommand`, which fills what the body may leave out.
 */

const DEPARTMENT_IDS = SEED_DEPARTMENTS.map((d) => d.id);

/** 登记重点工程 */
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

  @ApiPropertyOptional({ type: Number, description: '所属专栏（1–9）；规划承诺事项或正文所列项目为 null', example: 8, nullable: true })
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
    description: '事项类型：PROJECT 工程项目（开工/完工/验收，默认）、TASK 工作任务（启动/完成，不验收）、STRIVE 争取类（最高黄色预警）',
    enum: planItemKinds,
    example: 'PROJECT',
  })
  @IsOptional()
  @IsIn(planItemKinds)
  planItemKind?: PlanItemKind;

  @ApiPropertyOptional({ type: String, description: '规划出处（专栏、章节）', example: '专栏8', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: '牵头单位编号（见 /api/v1/reference/departments）；规划未明确时为 null，事项待交办',
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

  @ApiPropertyOptional({ type: String, description: '实施单位', example: '牡丹江市城市管理综合执法局', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  implementingUnit?: string | null;

  @ApiPropertyOptional({ type: String, description: '责任人', example: '王建国', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  responsiblePerson?: string | null;

  @ApiPropertyOptional({ type: String, description: '计划开工日期（YYYY-MM-DD）', example: '2023-04-01', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  plannedStart?: string | null;

  @ApiPropertyOptional({ type: String, description: '计划完工日期（YYYY-MM-DD）', example: '2025-10-31', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  plannedEnd?: string | null;

  @ApiPropertyOptional({ type: Number, description: '计划投资（万元）；规划未列明时为 null', example: 12000, nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  plannedInvestment?: number | null;

  @ApiPropertyOptional({ description: '工程简介', example: '对郭家沟生活垃圾处理场二期填埋库区实施封场治理，并建设飞灰处置设施。' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  toCommand(projectId: string): RegisterKeyProject {
    return {
      type: 'RegisterKeyProject',
      projectId,
      code: this.code,
      name: this.name,
      planBox: this.planBox ?? null,
      category: this.category,
      planItemKind: this.planItemKind ?? 'PROJECT',
      source: this.source ?? null,
      leadDepartment: this.leadDepartment ?? null,
      cooperatingDepartments: this.cooperatingDepartments ?? [],
      implementingUnit: this.implementingUnit ?? null,
      responsiblePerson: this.responsiblePerson ?? null,
      plannedStart: this.plannedStart ?? null,
      plannedEnd: this.plannedEnd ?? null,
      plannedInvestment: this.plannedInvestment ?? null,
      description: this.description ?? '',
    };
  }
}

/** 开工 */
export class StartKeyProjectDto {
  @ApiProperty({ description: '实际开工日期（YYYY-MM-DD），不得晚于今天', example: '2023-04-10' })
  @IsCalendarDate()
  startedOn!: string;

  toCommand(): StartKeyProject {
    return { type: 'StartKeyProject', startedOn: this.startedOn };
  }
}

/** 制定里程碑 */
export class PlanMilestoneDto {
  @ApiPropertyOptional({ description: '里程碑编号；不填时自动生成', example: 'M1' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  milestoneId?: string;

  @ApiProperty({ description: '里程碑名称', example: '填埋库区封场覆盖完工' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ description: '权重（大于 0；各里程碑按比例折算，不必合计 100）', example: 60 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  weight!: number;

  @ApiPropertyOptional({
    type: String,
    description: '基线日期（YYYY-MM-DD）；规划未给出日期时为 null',
    example: '2024-10-31',
    nullable: true,
  })
  @IsOptional()
  @IsCalendarDate()
  baselineDate?: string | null;

  @ApiPropertyOptional({ description: '是否为必须完成的里程碑（默认 true；只有必须完成的里程碑决定能否完工）', example: true })
  @IsOptional()
  @IsBoolean()
  mandatory?: boolean;

  toCommand(): PlanMilestone {
    return {
      type: 'PlanMilestone',
      milestoneId: this.milestoneId ?? randomUUID(),
      name: this.name,
      weight: this.weight,
      baselineDate: this.baselineDate ?? null,
      mandatory: this.mandatory,
    };
  }
}

/** 报送进展 */
export class ReportProjectProgressDto {
  @ApiPropertyOptional({ description: '报告编号；不填时自动生成', example: 'R-2024-03' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  reportId?: string;

  @ApiPropertyOptional({ type: String, description: '正在推进的里程碑编号；仅文字说明时为 null', example: 'M1', nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  milestoneId?: string | null;

  @ApiPropertyOptional({ type: Number, description: '该里程碑完成百分比（0–100），填写里程碑时必填', example: 50, nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  percentComplete?: number | null;

  @ApiPropertyOptional({ type: String, description: '预计完成日期（YYYY-MM-DD）', example: '2024-11-30', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  forecastDate?: string | null;

  @ApiProperty({ description: '进展情况说明', example: '封场覆盖完成一半，飞灰处置设施设备已招标。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  narrative!: string;

  toCommand(): ReportProjectProgress {
    return {
      type: 'ReportProjectProgress',
      reportId: this.reportId ?? randomUUID(),
      milestoneId: this.milestoneId ?? null,
      percentComplete: this.percentComplete ?? null,
      forecastDate: this.forecastDate ?? null,
      narrative: this.narrative,
    };
  }
}

/** 申请调整里程碑基线 */
export class RequestBaselineChangeDto {
  @ApiPropertyOptional({ description: '申请编号；不填时自动生成（审批时使用）', example: 'BC-1' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  requestId?: string;

  @ApiProperty({ description: '需调整基线的里程碑编号', example: 'M1' })
  @IsString()
  @IsNotEmpty()
  milestoneId!: string;

  @ApiProperty({ description: '拟调整的基线日期（YYYY-MM-DD）', example: '2025-06-30' })
  @IsCalendarDate()
  proposedBaselineDate!: string;

  @ApiProperty({ description: '调整理由', example: '冬季低温无法进行覆膜施工，需顺延至次年汛前。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  toCommand(): RequestBaselineChange {
    return {
      type: 'RequestBaselineChange',
      requestId: this.requestId ?? randomUUID(),
      milestoneId: this.milestoneId,
      proposedBaselineDate: this.proposedBaselineDate,
      reason: this.reason,
    };
  }
}

/** 批准基线调整 */
export class ApproveBaselineChangeDto {
  @ApiProperty({ description: '基线调整申请编号', example: 'BC-1' })
  @IsString()
  @IsNotEmpty()
  requestId!: string;

  @ApiPropertyOptional({ type: String, description: '审批意见', example: '同意顺延，请倒排工期确保按新基线完成。', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  toCommand(): ApproveBaselineChange {
    return { type: 'ApproveBaselineChange', requestId: this.requestId, note: this.note ?? null };
  }
}

/** 驳回基线调整 */
export class RejectBaselineChangeDto {
  @ApiProperty({ description: '基线调整申请编号', example: 'BC-1' })
  @IsString()
  @IsNotEmpty()
  requestId!: string;

  @ApiProperty({ description: '驳回理由', example: '理由不充分，请按原基线组织施工。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  toCommand(): RejectBaselineChange {
    return { type: 'RejectBaselineChange', requestId: this.requestId, reason: this.reason };
  }
}

export class EvidenceItemDto {
  @ApiProperty({ description: '佐证材料编号', example: 'EV-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  evidenceId!: string;

  @ApiProperty({ description: '佐证材料名称', example: '封场覆盖工程竣工验收单' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ type: String, description: '文档系统中的链接或文号', example: '牡城管发〔2024〕12号', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  uri?: string | null;
}

/** 确认里程碑完成 */
export class AchieveMilestoneDto {
  @ApiProperty({ description: '里程碑编号', example: 'M1' })
  @IsString()
  @IsNotEmpty()
  milestoneId!: string;

  @ApiProperty({ description: '实际完成日期（YYYY-MM-DD），不得晚于今天', example: '2024-10-20' })
  @IsCalendarDate()
  achievedOn!: string;

  @ApiProperty({ description: '佐证材料（至少一项）', type: [EvidenceItemDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => EvidenceItemDto)
  evidence!: EvidenceItemDto[];

  toCommand(): AchieveMilestone {
    return {
      type: 'AchieveMilestone',
      milestoneId: this.milestoneId,
      achievedOn: this.achievedOn,
      evidence: this.evidence.map((e) => ({ evidenceId: e.evidenceId, title: e.title, uri: e.uri ?? null })),
    };
  }
}

/** 暂停工程 */
export class SuspendKeyProjectDto {
  @ApiProperty({ description: '暂停原因', example: '冬季停工' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  toCommand(): SuspendKeyProject {
    return { type: 'SuspendKeyProject', reason: this.reason };
  }
}

/** 恢复实施 */
export class ResumeKeyProjectDto {
  @ApiPropertyOptional({ type: String, description: '复工说明', example: '气温回升，恢复施工。', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  toCommand(): ResumeKeyProject {
    return { type: 'ResumeKeyProject', note: this.note ?? null };
  }
}

/** 确认完工 */
export class CompleteKeyProjectDto {
  @ApiProperty({ description: '完工日期（YYYY-MM-DD），不得晚于今天；须全部必须完成的里程碑已完成', example: '2024-11-15' })
  @IsCalendarDate()
  completedOn!: string;

  toCommand(): CompleteKeyProject {
    return { type: 'CompleteKeyProject', completedOn: this.completedOn };
  }
}

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

/** 验收工程 */
export class AcceptKeyProjectDto {
  @ApiProperty({ description: '验收记录', type: AcceptanceRecordDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => AcceptanceRecordDto)
  acceptanceRecord!: AcceptanceRecordDto;

  toCommand(): AcceptKeyProject {
    const r = this.acceptanceRecord;
    return {
      type: 'AcceptKeyProject',
      acceptanceRecord: {
        recordId: r.recordId,
        acceptedOn: r.acceptedOn,
        acceptingBody: r.acceptingBody,
        documentRef: r.documentRef,
        summary: r.summary ?? '',
      },
    };
  }
}

/** 取消工程 */
export class CancelKeyProjectDto {
  @ApiProperty({ description: '取消原因', example: '经领导小组研究，项目并入其他工程实施。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  toCommand(): CancelKeyProject {
    return { type: 'CancelKeyProject', reason: this.reason };
  }
}

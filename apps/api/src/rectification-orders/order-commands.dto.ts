import { randomUUID } from 'node:crypto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { orderSectors } from '@app/domain';
import type {
  ConcludePetitionCase,
  ApproveExtension,
  ApproveRectificationPlan,
  AssignOrder,
  BackfillOrder,
  BackfillStatus,
  EvidencePhase,
  OrderAssignment,
  OrderSector,
  PerfunctoryKind,
  PlannedMeasure,
  ProvincialSignOff,
  ReassignOrder,
  ReviseMeasures,
  ReturnRectificationPlan,
  SubmitRectificationPlan,
  AttachEvidence,
  CloseOrder,
  CompleteMeasure,
  ConcludeInStages,
  DeadlineKind,
  IssueOrder,
  ObjectionOutcome,
  OrderSource,
  PetitionFinding,
  PublishClosingNotice,
  RecordAcceptanceFailed,
  RecordAcceptancePassed,
  RecordFollowUpVisit,
  RecordObjection,
  RecordSecondCheck,
  RejectExtension,
  ReopenOrder,
  ReportOrderProgress,
  ReportPetitionFinding,
  RequestAcceptance,
  RequestExtension,
  SecondCheckOutcome,
  SettleObjection,
  StartRectification,
  SubmitPeriodicReport,
} from '@app/domain';
import { IsCalendarDate } from '../shared/is-calendar-date';
import { IsDepartmentId } from '../reference/is-department-id';

/*
 * The request bodies of the rectification-order commands. Each is validated here (400 for malformed
 * input) and turned into the domain command by `toCommand`, which fills what the body may leave out.
 */

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

/** 信访人：存入加密的个人信息库，事件中只记录引用 */
export class PetitionerDto {
  @ApiProperty({ description: '信访人姓名（个人信息，加密存放，仅整改办、领导小组和牵头单位可见）', example: '张三' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ description: '联系方式（个人信息）', example: '13800138000', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contact?: string | null;

  @ApiPropertyOptional({ description: '住址（个人信息）', example: '牡丹江市东安区某小区', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string | null;
}

export class PetitionDetailsDto {
  @ApiProperty({ description: '信访件转办日期（YYYY-MM-DD）', example: '2024-06-01', format: 'date' })
  @IsCalendarDate()
  forwardedOn!: string;

  @ApiPropertyOptional({ type: String, description: '信访件编号', example: 'D2024-0612', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  caseNumber?: string | null;

  @ApiPropertyOptional({ description: '信访人（个人信息，加密存放，事件只记引用）', type: PetitionerDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PetitionerDto)
  petitioner?: PetitionerDto | null;
}

const SECTOR_DESCRIPTION = `问题所属领域，按“谁主管谁验收”确定默认验收单位：${orderSectors.join(' / ')}`;

/** 下达整改任务 */
export class IssueOrderDto {
  @ApiProperty({ description: '任务编码（批次 + 序号）', example: '第二轮中央督察-12' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  code!: string;

  @ApiProperty({
    description: '问题来源：中央督察 / “回头看” / 省级督察 / 督察转办信访件 / 专项行动 / 自查发现',
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

  @ApiPropertyOptional({
    type: String,
    description: '整改时限（YYYY-MM-DD）；"长期坚持"类留空',
    example: '2024-12-31',
    format: 'date',
    nullable: true,
  })
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

  @ApiPropertyOptional({ description: SECTOR_DESCRIPTION, enum: orderSectors, example: 'URBAN_SEWAGE', nullable: true })
  @IsOptional()
  @IsIn(orderSectors)
  sector?: OrderSector | null;

  toCommand(orderId: string): IssueOrder {
    return {
      type: 'IssueOrder',
      orderId,
      code: this.code,
      source: this.source,
      batch: this.batch,
      finding: this.finding,
      target: this.target,
      deadlineKind: this.deadlineKind,
      deadline: this.deadline ?? null,
      measures: this.measures.map(({ measureId, description, dueDate }) => ({ measureId, description, dueDate })),
      petition: this.petition ? { forwardedOn: this.petition.forwardedOn, caseNumber: this.petition.caseNumber ?? null } : null,
      sector: this.sector ?? null,
    };
  }
}

/** 交办内容（交办、重新交办、补录共用） */
export class AssignmentDto {
  @ApiProperty({ description: '牵头单位编号', example: 'ning-an-city' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsDepartmentId()
  leadDepartment!: string;

  @ApiPropertyOptional({ description: '责任领导（包保市领导）', example: '分管副市长', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  leaderInCharge?: string | null;

  @ApiPropertyOptional({ description: '责任人（职务）', example: '宁安市人民政府市长', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  responsiblePerson?: string | null;

  @ApiProperty({ description: '配合单位编号列表', example: ['city-eco-env-bureau'], type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  @IsDepartmentId({ each: true })
  cooperatingDepartments!: string[];

  @ApiPropertyOptional({
    description: '验收单位编号；不填则按问题所属领域的主管部门（谁主管谁验收）',
    example: 'city-eco-env-bureau',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsDepartmentId()
  acceptanceDepartment?: string | null;

  assignment(): OrderAssignment {
    return {
      leadDepartment: this.leadDepartment,
      responsiblePerson: this.responsiblePerson ?? null,
      cooperatingDepartments: this.cooperatingDepartments,
      acceptanceDepartment: this.acceptanceDepartment ?? null,
      leaderInCharge: this.leaderInCharge ?? null,
    };
  }
}

/** 交办整改任务 */
export class AssignOrderDto extends AssignmentDto {
  toCommand(): AssignOrder {
    return { type: 'AssignOrder', ...this.assignment() };
  }
}

/** 修改整改措施（交办前） */
export class ReviseMeasuresDto {
  @ApiProperty({ description: '修改后的全部整改措施（各有完成时限），取代原有措施', type: [MeasurePlanDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MeasurePlanDto)
  measures!: MeasurePlanDto[];

  @ApiPropertyOptional({ description: '修改原因', example: '补充管网排查措施。', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;

  toCommand(): ReviseMeasures {
    return {
      type: 'ReviseMeasures',
      measures: this.measures.map(({ measureId, description, dueDate }) => ({ measureId, description, dueDate })),
      reason: this.reason ?? null,
    };
  }
}

/** 重新交办 */
export class ReassignOrderDto extends AssignmentDto {
  @ApiProperty({ description: '重新交办原因', example: '机构改革后职能划转。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  toCommand(): ReassignOrder {
    return { type: 'ReassignOrder', ...this.assignment(), reason: this.reason };
  }
}

const BACKFILL_STATUSES: BackfillStatus[] = ['ISSUED', 'ASSIGNED', 'IN_PROGRESS'];

/** 补录整改任务 */
export class BackfillOrderDto extends IssueOrderDto {
  @ApiProperty({ description: '原下达日期（YYYY-MM-DD），不晚于今天', example: '2017-12-20', format: 'date' })
  @IsCalendarDate()
  issuedOn!: string;

  @ApiProperty({ description: '目前状态：ISSUED 已下达 / ASSIGNED 已交办 / IN_PROGRESS 整改中', enum: BACKFILL_STATUSES })
  @IsIn(BACKFILL_STATUSES)
  status!: BackfillStatus;

  @ApiPropertyOptional({ description: '交办情况（状态为已交办、整改中时必填）', type: AssignmentDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AssignmentDto)
  assignment?: AssignmentDto | null;

  @ApiPropertyOptional({ description: '开始整改日期（状态为整改中时；不填则按下达日期）', format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  startedOn?: string | null;

  toBackfill(orderId: string): BackfillOrder {
    const { type: _type, ...issued } = this.toCommand(orderId);
    return {
      ...issued,
      type: 'BackfillOrder',
      issuedOn: this.issuedOn,
      status: this.status,
      assignment: this.assignment ? this.assignment.assignment() : null,
      startedOn: this.startedOn ?? null,
    };
  }
}

export class PlannedMeasureDto extends MeasurePlanDto {
  @ApiProperty({ type: String, description: '措施责任人', example: '宁安市住建局局长' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  responsiblePerson!: string;
}

/** 报送整改方案 */
export class SubmitRectificationPlanDto {
  @ApiPropertyOptional({ description: '方案编号（不填则由系统生成）', example: 'PLAN-1' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  planId?: string;

  @ApiProperty({ type: String, description: '责任领导（包保市领导）', example: '分管副市长' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  leaderInCharge!: string;

  @ApiProperty({ description: '整改措施（各有完成时限和责任人）', type: [PlannedMeasureDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PlannedMeasureDto)
  measures!: PlannedMeasureDto[];

  @ApiPropertyOptional({ description: '说明', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  toCommand(): SubmitRectificationPlan {
    const measures: PlannedMeasure[] = this.measures.map(({ measureId, description, dueDate, responsiblePerson }) => ({
      measureId,
      description,
      dueDate,
      responsiblePerson,
    }));
    return {
      type: 'SubmitRectificationPlan',
      planId: this.planId ?? randomUUID(),
      leaderInCharge: this.leaderInCharge,
      measures,
      note: this.note ?? null,
    };
  }
}

const SIGN_OFF_KINDS: Array<ProvincialSignOff['kind']> = ['APPROVAL', 'FILING'];

/** 省整改办审核 / 备案 */
export class ProvincialSignOffDto {
  @ApiProperty({ description: 'APPROVAL 省整改办审核同意 / FILING 报省整改办备案', enum: SIGN_OFF_KINDS, example: 'APPROVAL' })
  @IsIn(SIGN_OFF_KINDS)
  kind!: ProvincialSignOff['kind'];

  @ApiProperty({ description: '省级批复文号', example: '黑整改办函〔2025〕18号' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  documentNumber!: string;

  @ApiProperty({ description: '批复日期（YYYY-MM-DD）', example: '2025-06-10', format: 'date' })
  @IsCalendarDate()
  approvedOn!: string;

  @ApiProperty({ description: '审批机关', example: '黑龙江省生态环境保护督察整改工作领导小组办公室' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  approverBody!: string;

  toSignOff(): ProvincialSignOff {
    return { kind: this.kind, documentNumber: this.documentNumber, approvedOn: this.approvedOn, approverBody: this.approverBody };
  }
}

/** 审核通过整改方案 */
export class ApproveRectificationPlanDto {
  @ApiProperty({ description: '方案编号', example: 'PLAN-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  planId!: string;

  @ApiPropertyOptional({ description: '审核意见', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @ApiPropertyOptional({
    description: '省级审核或备案（中央、省级督察任务的方案推迟措施时限时必填）',
    type: ProvincialSignOffDto,
    nullable: true,
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProvincialSignOffDto)
  provincialSignOff?: ProvincialSignOffDto | null;

  toCommand(): ApproveRectificationPlan {
    return {
      type: 'ApproveRectificationPlan',
      planId: this.planId,
      note: this.note ?? null,
      provincialSignOff: this.provincialSignOff ? this.provincialSignOff.toSignOff() : null,
    };
  }
}

/** 退回整改方案 */
export class ReturnRectificationPlanDto {
  @ApiProperty({ description: '方案编号', example: 'PLAN-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  planId!: string;

  @ApiProperty({ description: '退回理由（逐条）', example: ['措施未明确责任人'], type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  reasons!: string[];

  toCommand(): ReturnRectificationPlan {
    return { type: 'ReturnRectificationPlan', planId: this.planId, reasons: this.reasons };
  }
}

/** 开始整改：无请求字段。 */
export class StartRectificationDto {
  toCommand(): StartRectification {
    return { type: 'StartRectification' };
  }
}

/** 报送整改进展 */
export class ReportOrderProgressDto {
  @ApiPropertyOptional({ description: '报告编号（不填则由系统生成）', example: 'R-2024-06' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reportId?: string;

  @ApiProperty({ description: '进展情况', example: '已完成污水管网铺设 3.2 公里，处理站主体完工。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;

  @ApiPropertyOptional({ type: Number, description: '完成百分比（0–100）', example: 60, nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  percentComplete?: number | null;

  toCommand(): ReportOrderProgress {
    return {
      type: 'ReportOrderProgress',
      reportId: this.reportId ?? randomUUID(),
      summary: this.summary,
      percentComplete: this.percentComplete ?? null,
    };
  }
}

/** 完成整改措施 */
export class CompleteMeasureDto {
  @ApiProperty({ description: '整改措施编号', example: 'M1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  measureId!: string;

  @ApiProperty({ description: '完成日期（YYYY-MM-DD，北京时间）', example: '2024-06-28', format: 'date' })
  @IsCalendarDate()
  completedOn!: string;

  @ApiPropertyOptional({ type: String, description: '备注', example: '经现场核查，设施已稳定运行。', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  toCommand(): CompleteMeasure {
    return { type: 'CompleteMeasure', measureId: this.measureId, completedOn: this.completedOn, note: this.note ?? null };
  }
}

export const EVIDENCE_PHASES: EvidencePhase[] = ['BEFORE', 'AFTER'];

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

  @ApiPropertyOptional({ type: String, description: '材料链接', example: 'https://oa.example.gov.cn/files/123', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  uri?: string | null;

  @ApiPropertyOptional({ type: String, description: '所佐证的整改措施编号', example: 'M2', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  measureId?: string | null;

  @ApiPropertyOptional({ description: '是否为长效机制佐证（"长期坚持"类任务销号须有）', example: false })
  @IsOptional()
  @IsBoolean()
  lastingMechanism?: boolean;

  @ApiPropertyOptional({ description: '整改前 BEFORE / 整改后 AFTER（同一措施的前后对比）', enum: EVIDENCE_PHASES, nullable: true })
  @IsOptional()
  @IsIn(EVIDENCE_PHASES)
  phase?: EvidencePhase | null;

  toCommand(): AttachEvidence {
    return {
      type: 'AttachEvidence',
      evidenceId: this.evidenceId ?? randomUUID(),
      title: this.title,
      uri: this.uri ?? null,
      measureId: this.measureId ?? null,
      lastingMechanism: this.lastingMechanism ?? false,
      phase: this.phase ?? null,
    };
  }
}

/** 申请延期 */
export class RequestExtensionDto {
  @ApiPropertyOptional({ description: '申请编号（不填则由系统生成）', example: 'X-001' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  requestId?: string;

  @ApiProperty({ description: '申请延期至（YYYY-MM-DD，北京时间）', example: '2024-12-31', format: 'date' })
  @IsCalendarDate()
  requestedDeadline!: string;

  @ApiProperty({ description: '延期理由', example: '冬季低温无法施工，管网工程须顺延至次年开化后。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({ description: '目前整改进展', example: '主体工程已完成 80%。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  progressSoFar!: string;

  toCommand(): RequestExtension {
    return {
      type: 'RequestExtension',
      requestId: this.requestId ?? randomUUID(),
      requestedDeadline: this.requestedDeadline,
      reason: this.reason,
      progressSoFar: this.progressSoFar,
    };
  }
}

/** 批准延期 */
export class ApproveExtensionDto {
  @ApiProperty({ description: '延期申请编号', example: 'X-001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  requestId!: string;

  @ApiPropertyOptional({ type: String, description: '审批意见', example: '同意延期，请按新时限完成。', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @ApiPropertyOptional({
    description: '省级审核或备案（中央督察、“回头看”和省级督察任务延期时必填）',
    type: ProvincialSignOffDto,
    nullable: true,
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProvincialSignOffDto)
  provincialSignOff?: ProvincialSignOffDto | null;

  toCommand(): ApproveExtension {
    return {
      type: 'ApproveExtension',
      requestId: this.requestId,
      note: this.note ?? null,
      provincialSignOff: this.provincialSignOff ? this.provincialSignOff.toSignOff() : null,
    };
  }
}

/** 驳回延期申请 */
export class RejectExtensionDto {
  @ApiProperty({ description: '延期申请编号', example: 'X-001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  requestId!: string;

  @ApiProperty({ description: '驳回理由', example: '理由不充分，请按原时限完成。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  toCommand(): RejectExtension {
    return { type: 'RejectExtension', requestId: this.requestId, reason: this.reason };
  }
}

/** 申请验收 */
export class RequestAcceptanceDto {
  @ApiPropertyOptional({ type: String, description: '申请说明', example: '各项措施已完成，佐证材料已上传，申请验收。', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  toCommand(): RequestAcceptance {
    return { type: 'RequestAcceptance', note: this.note ?? null };
  }
}

/** 录入验收通过 */
export class RecordAcceptancePassedDto {
  @ApiPropertyOptional({ description: '验收记录编号（不填则由系统生成）', example: 'A-001' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  recordId?: string;

  @ApiProperty({ description: '验收日期（YYYY-MM-DD，北京时间）', example: '2024-07-05', format: 'date' })
  @IsCalendarDate()
  checkedOn!: string;

  @ApiProperty({ description: '验收意见', example: '经现场核查，整改到位，同意通过验收。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;

  @ApiProperty({ description: '验收文件编号或链接', example: '牡环验〔2024〕12号' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  documentRef!: string;

  toCommand(): RecordAcceptancePassed {
    return {
      type: 'RecordAcceptancePassed',
      recordId: this.recordId ?? randomUUID(),
      checkedOn: this.checkedOn,
      summary: this.summary,
      documentRef: this.documentRef,
    };
  }
}

const PERFUNCTORY_KINDS: PerfunctoryKind[] = ['PERFUNCTORY', 'SUPERFICIAL', 'FAKE'];

/** 录入验收不通过 */
export class RecordAcceptanceFailedDto {
  @ApiPropertyOptional({ description: '验收记录编号（不填则由系统生成）', example: 'A-001' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  recordId?: string;

  @ApiProperty({ description: '验收日期（YYYY-MM-DD，北京时间）', example: '2024-07-05', format: 'date' })
  @IsCalendarDate()
  checkedOn!: string;

  @ApiProperty({ description: '不通过原因（逐条）', example: ['出水总磷仍超标'], type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  reasons!: string[];

  @ApiPropertyOptional({
    description: '认定为 PERFUNCTORY 敷衍整改 / SUPERFICIAL 表面整改 / FAKE 假装整改（即时启动问责）',
    enum: PERFUNCTORY_KINDS,
    nullable: true,
  })
  @IsOptional()
  @IsIn(PERFUNCTORY_KINDS)
  perfunctory?: PerfunctoryKind | null;

  toCommand(): RecordAcceptanceFailed {
    return {
      type: 'RecordAcceptanceFailed',
      recordId: this.recordId ?? randomUUID(),
      checkedOn: this.checkedOn,
      reasons: this.reasons,
      perfunctory: this.perfunctory ?? null,
    };
  }
}

/** 发布拟销号公示 */
export class PublishClosingNoticeDto {
  @ApiPropertyOptional({ description: '公示编号（不填则由系统生成）', example: 'N-001' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  noticeId?: string;

  toCommand(): PublishClosingNotice {
    return { type: 'PublishClosingNotice', noticeId: this.noticeId ?? randomUUID() };
  }
}

/** 登记公示异议 */
export class RecordObjectionDto {
  @ApiPropertyOptional({ description: '异议编号（不填则由系统生成）', example: 'O-001' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  objectionId?: string;

  @ApiProperty({ description: '异议内容', example: '群众反映河道仍有异味。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;

  @ApiProperty({ description: '收到日期（YYYY-MM-DD，北京时间）', example: '2024-07-08', format: 'date' })
  @IsCalendarDate()
  receivedOn!: string;

  toCommand(): RecordObjection {
    return {
      type: 'RecordObjection',
      objectionId: this.objectionId ?? randomUUID(),
      summary: this.summary,
      receivedOn: this.receivedOn,
    };
  }
}

/** 处理公示异议 */
export class SettleObjectionDto {
  @ApiProperty({ description: '异议编号', example: 'O-001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  objectionId!: string;

  @ApiProperty({ description: '处理结论：UPHELD 成立 / DISMISSED 不成立', enum: ['UPHELD', 'DISMISSED'], example: 'UPHELD' })
  @IsIn(['UPHELD', 'DISMISSED'])
  outcome!: ObjectionOutcome;

  @ApiProperty({ description: '处理意见', example: '经核查异议属实，退回继续整改。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  resolution!: string;

  toCommand(): SettleObjection {
    return { type: 'SettleObjection', objectionId: this.objectionId, outcome: this.outcome, resolution: this.resolution };
  }
}

/** 销号：无请求字段。 */
export class CloseOrderDto {
  toCommand(): CloseOrder {
    return { type: 'CloseOrder' };
  }
}

/** 重新打开 */
export class ReopenOrderDto {
  @ApiProperty({ description: '退回重新整改的原因', example: '“回头看”发现问题反弹。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({
    type: String,
    description: '新的整改时限（YYYY-MM-DD）；不填则沿用现行时限',
    example: '2025-06-30',
    format: 'date',
    nullable: true,
  })
  @IsOptional()
  @IsCalendarDate()
  newDeadline?: string | null;

  toCommand(): ReopenOrder {
    return { type: 'ReopenOrder', reason: this.reason, newDeadline: this.newDeadline ?? null };
  }
}

/** 报送信访件调查核实结果 */
export class ReportPetitionFindingDto {
  @ApiProperty({
    description: '核实结论：TRUE 属实 / BASICALLY_TRUE 基本属实 / PARTLY_TRUE 部分属实 / UNTRUE 不属实',
    enum: ['TRUE', 'BASICALLY_TRUE', 'PARTLY_TRUE', 'UNTRUE'],
    example: 'PARTLY_TRUE',
  })
  @IsIn(['TRUE', 'BASICALLY_TRUE', 'PARTLY_TRUE', 'UNTRUE'])
  finding!: PetitionFinding;

  @ApiProperty({ description: '调查核实情况', example: '经现场核查，企业存在夜间超标排放问题，已责令停产整改。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;

  @ApiPropertyOptional({
    description: '本段文字含信访人个人信息（姓名、电话、住址等）：勾选后加密存放，事件中只记引用，可依法删除',
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  containsPersonalData?: boolean;

  toCommand(): ReportPetitionFinding {
    return { type: 'ReportPetitionFinding', finding: this.finding, summary: this.summary };
  }
}

/** 录入复核结果 */
export class RecordSecondCheckDto {
  @ApiProperty({ description: '复核日期（YYYY-MM-DD，北京时间）', example: '2024-07-10', format: 'date' })
  @IsCalendarDate()
  checkedOn!: string;

  @ApiProperty({ description: '复核结论：CONFIRMED 维持 / REVISED 改变', enum: ['CONFIRMED', 'REVISED'], example: 'CONFIRMED' })
  @IsIn(['CONFIRMED', 'REVISED'])
  outcome!: SecondCheckOutcome;

  @ApiPropertyOptional({
    description: '复核后结论（outcome 为 REVISED 时必填）',
    enum: ['TRUE', 'BASICALLY_TRUE', 'PARTLY_TRUE'],
    nullable: true,
  })
  @IsOptional()
  @IsIn(['TRUE', 'BASICALLY_TRUE', 'PARTLY_TRUE', 'UNTRUE'])
  revisedFinding?: PetitionFinding | null;

  @ApiProperty({ description: '复核情况', example: '复核组现场核查，维持"不属实"结论。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;

  @ApiPropertyOptional({
    description: '本段文字含信访人个人信息（姓名、电话、住址等）：勾选后加密存放，事件中只记引用，可依法删除',
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  containsPersonalData?: boolean;

  toCommand(): RecordSecondCheck {
    return {
      type: 'RecordSecondCheck',
      checkedOn: this.checkedOn,
      outcome: this.outcome,
      revisedFinding: this.revisedFinding ?? null,
      summary: this.summary,
    };
  }
}

/** 阶段性办结 */
export class ConcludeInStagesDto {
  @ApiProperty({ description: '承接剩余整改工作的整改任务编号', example: '3f1c2a9e-6b7d-4c1e-9a51-2f0d8e4b7c10' })
  @IsUUID()
  linkedOrderId!: string;

  @ApiProperty({ description: '阶段性办结情况', example: '已纳入镜泊湖流域污水治理任务统一整改。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;

  toCommand(): ConcludeInStages {
    return {
      type: 'ConcludeInStages',
      linkedOrderId: this.linkedOrderId,
      // Read from the linked order's stream by the command path (rectificationOrders.prepare).
      linkedOrderDeadline: null,
      summary: this.summary,
    };
  }
}

/** 登记回访 */
export class RecordFollowUpVisitDto {
  @ApiPropertyOptional({ description: '回访编号（不填则由系统生成）', example: 'V-001' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  visitId?: string;

  @ApiProperty({ description: '回访日期（YYYY-MM-DD，北京时间）', example: '2024-07-15', format: 'date' })
  @IsCalendarDate()
  visitedOn!: string;

  @ApiProperty({ description: '回访情况', example: '电话回访，信访人表示异味已消除。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;

  @ApiPropertyOptional({
    description: '本段文字含信访人个人信息（姓名、电话、住址等）：勾选后加密存放，事件中只记引用，可依法删除',
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  containsPersonalData?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: '信访人是否满意；未询问或未联系上时为空', example: true, nullable: true })
  @IsOptional()
  @IsBoolean()
  satisfied?: boolean | null;

  toCommand(): RecordFollowUpVisit {
    return {
      type: 'RecordFollowUpVisit',
      visitId: this.visitId ?? randomUUID(),
      visitedOn: this.visitedOn,
      summary: this.summary,
      satisfied: this.satisfied ?? null,
    };
  }
}

/** 报送定期进展 */
export class SubmitPeriodicReportDto {
  @ApiPropertyOptional({ description: '报告编号（不填则由系统生成）', example: 'Q-2024-2' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reportId?: string;

  @ApiProperty({ description: '定期进展情况', example: '本季度巡查 12 次，未发现新问题。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;

  toCommand(): SubmitPeriodicReport {
    return { type: 'SubmitPeriodicReport', reportId: this.reportId ?? randomUUID(), summary: this.summary };
  }
}

/** 办理结果的公开 */
export class PetitionResultPublicationDto {
  @ApiProperty({ description: '公开方式（媒体或网站）', example: '牡丹江日报、牡丹江市人民政府门户网站' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  channel!: string;

  @ApiProperty({ description: '公开日期（YYYY-MM-DD），不晚于今天、不早于转办日期', example: '2024-07-20', format: 'date' })
  @IsCalendarDate()
  publishedOn!: string;

  @ApiPropertyOptional({ description: '版面、网址或文号', example: '2024年7月20日第3版', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reference?: string | null;
}

/** 信访件办结 */
export class ConcludePetitionCaseDto {
  @ApiProperty({
    description: '办理结果：调查核实情况报告的结论及处理整改情况（将公开，请勿写入信访人个人信息）',
    example: '经调查核实，反映的夜间排放异味问题基本属实；已责令企业停产整改，处罚款 5 万元，现已整改到位。',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  result!: string;

  @ApiProperty({ description: '办理结果的公开情况', type: PetitionResultPublicationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PetitionResultPublicationDto)
  publication!: PetitionResultPublicationDto;

  toCommand(): ConcludePetitionCase {
    return {
      type: 'ConcludePetitionCase',
      result: this.result,
      publication: {
        channel: this.publication.channel,
        publishedOn: this.publication.publishedOn,
        reference: this.publication.reference ?? null,
      },
    };
  }
}

import type { PersonalText, Petitioner } from '../shared/personal-data';
import type { CalendarDate } from '../shared/dates';

export type OrderSource =
  'CENTRAL_INSPECTION' | 'CENTRAL_FOLLOW_UP' | 'PROVINCIAL_INSPECTION' | 'PETITION' | 'SPECIAL_CAMPAIGN' | 'SELF_FOUND';

export const orderSourceLabels: Record<OrderSource, string> = {
  CENTRAL_INSPECTION: '中央生态环境保护督察',
  CENTRAL_FOLLOW_UP: '中央生态环境保护督察“回头看”',
  PROVINCIAL_INSPECTION: '省级生态环境保护督察',
  PETITION: '督察转办信访件',
  SPECIAL_CAMPAIGN: '专项行动',
  SELF_FOUND: '自查发现',
};

/** 立行立改 / 限期整改 / 长期坚持. IMMEDIATE orders carry a (usually short) deadline as well. */
export type DeadlineKind = 'IMMEDIATE' | 'BY_DATE' | 'ONGOING';

export const deadlineKindLabels: Record<DeadlineKind, string> = {
  IMMEDIATE: '立行立改',
  BY_DATE: '限期整改',
  ONGOING: '长期坚持',
};

/** 属实 / 基本属实 / 部分属实 / 不属实. */
export type PetitionFinding = 'TRUE' | 'BASICALLY_TRUE' | 'PARTLY_TRUE' | 'UNTRUE';

export const petitionFindingLabels: Record<PetitionFinding, string> = {
  TRUE: '属实',
  BASICALLY_TRUE: '基本属实',
  PARTLY_TRUE: '部分属实',
  UNTRUE: '不属实',
};

export interface MeasurePlan {
  measureId: string;
  description: string;
  dueDate: CalendarDate;
}

/** A measure of a rectification plan (整改方案): what, by when, and who answers for it. */
export interface PlannedMeasure extends MeasurePlan {
  responsiblePerson: string;
}

/**
 * The finding's sector (领域), which names the department in charge of it: 谁主管谁验收, that
 * department checks the rectification (see reference/sectors.ts).
 */
export type OrderSector =
  | 'WATER_ENVIRONMENT'
  | 'URBAN_SEWAGE'
  | 'WATER_CONSERVANCY'
  | 'DRINKING_WATER_SOURCE'
  | 'AIR_INDUSTRY'
  | 'CONSTRUCTION_DUST'
  | 'DOMESTIC_WASTE'
  | 'URBAN_NUISANCE'
  | 'LIVESTOCK_AGRICULTURE'
  | 'SOLID_WASTE'
  | 'MINING_ECOLOGY'
  | 'FOREST_GRASSLAND'
  | 'OTHER';

/** 省整改办审核 / 备案: the provincial office's approval (or filing) of a change to a province-approved plan. */
export interface ProvincialSignOff {
  kind: 'APPROVAL' | 'FILING';
  /** 文号, e.g. 黑整改办函〔2025〕18号 */
  documentNumber: string;
  approvedOn: CalendarDate;
  /** The approving body, e.g. 黑龙江省生态环境保护督察整改工作领导小组办公室 */
  approverBody: string;
}

export const provincialSignOffKindLabels: Record<ProvincialSignOff['kind'], string> = {
  APPROVAL: '省整改办审核同意',
  FILING: '报省整改办备案',
};

/** 敷衍整改 / 表面整改 / 假装整改: a failed acceptance that finds the rectification was not genuine. */
export type PerfunctoryKind = 'PERFUNCTORY' | 'SUPERFICIAL' | 'FAKE';

export const perfunctoryKindLabels: Record<PerfunctoryKind, string> = {
  PERFUNCTORY: '敷衍整改',
  SUPERFICIAL: '表面整改',
  FAKE: '假装整改',
};

/** A file kept by the engine's file store, as the evidence event records it. */
export interface EvidenceFile {
  fileId: string;
  fileName: string;
  contentType: string;
  size: number;
  /** Hex SHA-256 of the content; a download is checked against it. */
  sha256: string;
}

/** Before/after photos of a measure (整改前 / 整改后). */
export type EvidencePhase = 'BEFORE' | 'AFTER';

/** The statuses an order can be registered in by 补录 (backfill): the open orders a city carries over. */
export type BackfillStatus = 'ISSUED' | 'ASSIGNED' | 'IN_PROGRESS';

export interface IssueOrder {
  type: 'IssueOrder';
  orderId: string;
  /** Batch and item number, e.g. '第二轮中央督察-12'. */
  code: string;
  source: OrderSource;
  batch: string;
  /** 督察意见 / 问题. */
  finding: string;
  /** 整改目标. */
  target: string;
  deadlineKind: DeadlineKind;
  /** Required for IMMEDIATE and BY_DATE, must be null for ONGOING. */
  deadline: CalendarDate | null;
  measures: MeasurePlan[];
  /** Required when source is PETITION, null otherwise. */
  petition: {
    forwardedOn: CalendarDate;
    caseNumber: string | null;
    /** 信访人: references to the personal-data store only (ORD-PII-1). */
    petitioner?: Petitioner | null;
  } | null;
  /** The finding's sector; it names the default acceptance department. Optional. */
  sector?: OrderSector | null;
}

export interface OrderAssignment {
  leadDepartment: string;
  /** A reference to the personal-data store when sent through the API; plain text in events recorded before it. */
  responsiblePerson: PersonalText | null;
  cooperatingDepartments: string[];
  /** 谁主管谁验收: null takes the department in charge of the finding's sector. */
  acceptanceDepartment: string | null;
  /** 责任领导 (包保市领导): the city leader in charge. */
  leaderInCharge?: string | null;
}

export interface AssignOrder extends OrderAssignment {
  type: 'AssignOrder';
}

/** 修改整改措施: the supervision office corrects the measures of an order before 交办 (ORD-ISSUE-5). */
export interface ReviseMeasures {
  type: 'ReviseMeasures';
  measures: MeasurePlan[];
  reason: string | null;
}

/** 重新交办: a change of the departments or persons answering for an order, with its reason. */
export interface ReassignOrder extends OrderAssignment {
  type: 'ReassignOrder';
  reason: string;
}

/** 补录: an order issued before the engine existed, registered with its original dates and its status now. */
export interface BackfillOrder extends Omit<IssueOrder, 'type'> {
  type: 'BackfillOrder';
  /** The original issue date (下达日期), not after today. */
  issuedOn: CalendarDate;
  status: BackfillStatus;
  /** Required for ASSIGNED and IN_PROGRESS. */
  assignment: OrderAssignment | null;
  /** IN_PROGRESS only: when the rectification started; null for unknown. */
  startedOn: CalendarDate | null;
}

/** 一问题一方案: the lead department's plan for one order. */
export interface SubmitRectificationPlan {
  type: 'SubmitRectificationPlan';
  planId: string;
  leaderInCharge: string;
  measures: PlannedMeasure[];
  note: string | null;
}

export interface ApproveRectificationPlan {
  type: 'ApproveRectificationPlan';
  planId: string;
  note: string | null;
  /** Required for central and provincial inspection orders when the plan moves a measure's date later. */
  provincialSignOff?: ProvincialSignOff | null;
}

export interface ReturnRectificationPlan {
  type: 'ReturnRectificationPlan';
  planId: string;
  reasons: string[];
}

export interface StartRectification {
  type: 'StartRectification';
}

export interface ReportOrderProgress {
  type: 'ReportOrderProgress';
  reportId: string;
  summary: string;
  percentComplete: number | null;
}

export interface CompleteMeasure {
  type: 'CompleteMeasure';
  measureId: string;
  completedOn: CalendarDate;
  note: string | null;
}

export interface AttachEvidence {
  type: 'AttachEvidence';
  evidenceId: string;
  title: string;
  uri: string | null;
  /** The measure the evidence documents, if any. */
  measureId: string | null;
  /** Evidence of a lasting mechanism (长效机制), which closing an ONGOING order requires. */
  lastingMechanism: boolean;
  /** The uploaded file, when the evidence is one (kept by the file store, checked by its hash). */
  file?: EvidenceFile | null;
  /** Before or after the measure's work, for the before/after pair. */
  phase?: EvidencePhase | null;
}

export interface RequestExtension {
  type: 'RequestExtension';
  requestId: string;
  requestedDeadline: CalendarDate;
  reason: string;
  progressSoFar: string;
}

export interface ApproveExtension {
  type: 'ApproveExtension';
  requestId: string;
  note: string | null;
  /** Required for orders from central or provincial inspection (their deadlines are in the province-approved plan). */
  provincialSignOff?: ProvincialSignOff | null;
}

export interface RejectExtension {
  type: 'RejectExtension';
  requestId: string;
  reason: string;
}

export interface RequestAcceptance {
  type: 'RequestAcceptance';
  note: string | null;
}

export interface RecordAcceptancePassed {
  type: 'RecordAcceptancePassed';
  recordId: string;
  checkedOn: CalendarDate;
  summary: string;
  /** Number or link of the acceptance document signed by the acceptance department. */
  documentRef: string;
}

export interface RecordAcceptanceFailed {
  type: 'RecordAcceptanceFailed';
  recordId: string;
  checkedOn: CalendarDate;
  reasons: string[];
  /** Set when the check found the rectification perfunctory, superficial or faked: 问责 at once. */
  perfunctory?: PerfunctoryKind | null;
}

export interface PublishClosingNotice {
  type: 'PublishClosingNotice';
  noticeId: string;
}

export interface RecordObjection {
  type: 'RecordObjection';
  objectionId: string;
  summary: string;
  receivedOn: CalendarDate;
}

export type ObjectionOutcome = 'UPHELD' | 'DISMISSED';

export interface SettleObjection {
  type: 'SettleObjection';
  objectionId: string;
  outcome: ObjectionOutcome;
  resolution: string;
}

export interface CloseOrder {
  type: 'CloseOrder';
}

export interface ReopenOrder {
  type: 'ReopenOrder';
  reason: string;
  /** Optional new current deadline (the original deadline never changes); null keeps the current one. */
  newDeadline: CalendarDate | null;
}

export interface ReportPetitionFinding {
  type: 'ReportPetitionFinding';
  finding: PetitionFinding;
  /** 调查核实情况 / 复核 / 回访 text: a reference when the user marked it as holding personal data. */
  summary: PersonalText;
}

export type SecondCheckOutcome = 'CONFIRMED' | 'REVISED';

export interface RecordSecondCheck {
  type: 'RecordSecondCheck';
  checkedOn: CalendarDate;
  outcome: SecondCheckOutcome;
  /** Required when REVISED: the finding the second check arrived at. */
  revisedFinding: PetitionFinding | null;
  /** 调查核实情况 / 复核 / 回访 text: a reference when the user marked it as holding personal data. */
  summary: PersonalText;
}

export interface ConcludeInStages {
  type: 'ConcludeInStages';
  /** The rectification order that carries the remaining work. */
  linkedOrderId: string;
  /** That order's current deadline, looked up by the command handler; null when it has none. */
  linkedOrderDeadline: CalendarDate | null;
  summary: string;
}

export interface RecordFollowUpVisit {
  type: 'RecordFollowUpVisit';
  visitId: string;
  visitedOn: CalendarDate;
  /** 调查核实情况 / 复核 / 回访 text: a reference when the user marked it as holding personal data. */
  summary: PersonalText;
  /** Whether the petitioner was satisfied; null when not asked or not reached. */
  satisfied: boolean | null;
}

/** Where and when the handling result of a petition case was made public (公开). */
export interface PetitionResultPublication {
  /** 公开方式, e.g. 牡丹江日报、市政府门户网站、牡丹江新闻. */
  channel: string;
  publishedOn: CalendarDate;
  /** 版面、网址或文号; optional. */
  reference: string | null;
}

/** 办结: the petition case ends with its result made public, after the 回访 (and the 复核 of a 不属实 finding). */
export interface ConcludePetitionCase {
  type: 'ConcludePetitionCase';
  /** 办理结果: what the 调查核实情况报告 found and what was done. */
  result: string;
  publication: PetitionResultPublication;
}

export interface SubmitPeriodicReport {
  type: 'SubmitPeriodicReport';
  reportId: string;
  summary: string;
}

export type RectificationOrderCommand =
  | IssueOrder
  | BackfillOrder
  | AssignOrder
  | ReassignOrder
  | ReviseMeasures
  | SubmitRectificationPlan
  | ApproveRectificationPlan
  | ReturnRectificationPlan
  | StartRectification
  | ReportOrderProgress
  | CompleteMeasure
  | AttachEvidence
  | RequestExtension
  | ApproveExtension
  | RejectExtension
  | RequestAcceptance
  | RecordAcceptancePassed
  | RecordAcceptanceFailed
  | PublishClosingNotice
  | RecordObjection
  | SettleObjection
  | CloseOrder
  | ReopenOrder
  | ReportPetitionFinding
  | RecordSecondCheck
  | ConcludeInStages
  | RecordFollowUpVisit
  | ConcludePetitionCase
  | SubmitPeriodicReport;

export type RectificationOrderCommandType = RectificationOrderCommand['type'];

export const rectificationOrderCommandLabels: Record<RectificationOrderCommandType, string> = {
  IssueOrder: '下达整改任务',
  BackfillOrder: '补录整改任务',
  AssignOrder: '交办整改任务',
  ReassignOrder: '重新交办',
  ReviseMeasures: '修改整改措施',
  SubmitRectificationPlan: '报送整改方案',
  ApproveRectificationPlan: '审核通过整改方案',
  ReturnRectificationPlan: '退回整改方案',
  StartRectification: '开始整改',
  ReportOrderProgress: '报送整改进展',
  CompleteMeasure: '完成整改措施',
  AttachEvidence: '上传佐证材料',
  RequestExtension: '申请延期',
  ApproveExtension: '批准延期',
  RejectExtension: '驳回延期申请',
  RequestAcceptance: '申请验收',
  RecordAcceptancePassed: '录入验收通过',
  RecordAcceptanceFailed: '录入验收不通过',
  PublishClosingNotice: '发布拟销号公示',
  RecordObjection: '登记公示异议',
  SettleObjection: '处理公示异议',
  CloseOrder: '销号',
  ReopenOrder: '退回重新整改',
  ReportPetitionFinding: '报送信访件调查核实结果',
  RecordSecondCheck: '录入复核结果',
  ConcludeInStages: '阶段性办结',
  RecordFollowUpVisit: '登记回访',
  ConcludePetitionCase: '办结并公开办理结果',
  SubmitPeriodicReport: '报送定期进展',
};

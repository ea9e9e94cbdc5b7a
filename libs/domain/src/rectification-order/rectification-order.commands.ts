import type { CalendarDate } from '../shared/dates';

export type OrderSource =
  'CENTRAL_INSPECTION' | 'CENTRAL_FOLLOW_UP' | 'PROVINCIAL_INSPECTION' | 'PETITION' | 'SPECIAL_CAMPAIGN' | 'SELF_FOUND';

export const orderSourceLabels: Record<OrderSource, string> = {
  CENTRAL_INSPECTION: '中央生态环境保护督察',
  CENTRAL_FOLLOW_UP: '中央生态环境保护督察"回头看"',
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
  petition: { forwardedOn: CalendarDate; caseNumber: string | null } | null;
}

export interface AssignOrder {
  type: 'AssignOrder';
  leadDepartment: string;
  responsiblePerson: string | null;
  cooperatingDepartments: string[];
  acceptanceDepartment: string;
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
  summary: string;
}

export type SecondCheckOutcome = 'CONFIRMED' | 'REVISED';

export interface RecordSecondCheck {
  type: 'RecordSecondCheck';
  checkedOn: CalendarDate;
  outcome: SecondCheckOutcome;
  /** Required when REVISED: the finding the second check arrived at. */
  revisedFinding: PetitionFinding | null;
  summary: string;
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
  summary: string;
  /** Whether the petitioner was satisfied; null when not asked or not reached. */
  satisfied: boolean | null;
}

export interface SubmitPeriodicReport {
  type: 'SubmitPeriodicReport';
  reportId: string;
  summary: string;
}

export type RectificationOrderCommand =
  | IssueOrder
  | AssignOrder
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
  | SubmitPeriodicReport;

export type RectificationOrderCommandType = RectificationOrderCommand['type'];

export const rectificationOrderCommandLabels: Record<RectificationOrderCommandType, string> = {
  IssueOrder: '下达整改任务',
  AssignOrder: '交办整改任务',
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
  ReopenOrder: '重新打开',
  ReportPetitionFinding: '报送信访件调查核实结果',
  RecordSecondCheck: '录入复核结果',
  ConcludeInStages: '阶段性办结',
  RecordFollowUpVisit: '登记回访',
  SubmitPeriodicReport: '报送定期进展',
};

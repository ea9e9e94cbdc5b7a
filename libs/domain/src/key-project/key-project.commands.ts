import type { CalendarDate } from '../shared/dates';

export interface EvidenceItem {
  evidenceId: string;
  title: string;
  /** Link or document number of the file in the document system. */
  uri: string | null;
}

export interface RegisterKeyProject {
  type: 'RegisterKeyProject';
  projectId: string;
  /** e.g. 'ZL8-1' = plan box 8, item 1. */
  code: string;
  name: string;
  /** 专栏 1–9; null for a dated commitment or a project named only in the plan's chapter text. */
  planBox: number | null;
  /** water, air, soil, ecology, risk, rural, climate, capacity, … */
  category: string;
  /** null where the plan names no department (the seed does not invent one). */
  leadDepartment: string | null;
  cooperatingDepartments: string[];
  implementingUnit: string | null;
  responsiblePerson: string | null;
  plannedStart: CalendarDate | null;
  plannedEnd: CalendarDate | null;
  /** 万元. */
  plannedInvestment: number | null;
  description: string;
}

export interface StartKeyProject {
  type: 'StartKeyProject';
  startedOn: CalendarDate;
}

export interface PlanMilestone {
  type: 'PlanMilestone';
  milestoneId: string;
  name: string;
  /** Relative weight in the project's progress; weights are normalised, they need not sum to 100. */
  weight: number;
  /** null where the plan gives no date (the seed does not invent one); set later by a baseline change. */
  baselineDate: CalendarDate | null;
  /** Defaults to true; only mandatory milestones gate completion. */
  mandatory?: boolean;
}

export interface ReportProjectProgress {
  type: 'ReportProjectProgress';
  reportId: string;
  /** The milestone being worked on; null for a narrative-only report. */
  milestoneId: string | null;
  /** Percentage of that milestone done; required with a milestone. */
  percentComplete: number | null;
  forecastDate: CalendarDate | null;
  narrative: string;
}

export interface RequestBaselineChange {
  type: 'RequestBaselineChange';
  requestId: string;
  milestoneId: string;
  proposedBaselineDate: CalendarDate;
  reason: string;
}

export interface ApproveBaselineChange {
  type: 'ApproveBaselineChange';
  requestId: string;
  note: string | null;
}

export interface RejectBaselineChange {
  type: 'RejectBaselineChange';
  requestId: string;
  reason: string;
}

export interface AchieveMilestone {
  type: 'AchieveMilestone';
  milestoneId: string;
  achievedOn: CalendarDate;
  evidence: EvidenceItem[];
}

export interface SuspendKeyProject {
  type: 'SuspendKeyProject';
  reason: string;
}

export interface ResumeKeyProject {
  type: 'ResumeKeyProject';
  note: string | null;
}

export interface CompleteKeyProject {
  type: 'CompleteKeyProject';
  completedOn: CalendarDate;
}

export interface AcceptanceRecord {
  recordId: string;
  acceptedOn: CalendarDate;
  /** The body that carried out the acceptance (验收单位/专家组). */
  acceptingBody: string;
  /** Number or link of the signed acceptance document. */
  documentRef: string;
  summary: string;
}

export interface AcceptKeyProject {
  type: 'AcceptKeyProject';
  acceptanceRecord: AcceptanceRecord;
}

export interface CancelKeyProject {
  type: 'CancelKeyProject';
  reason: string;
}

export type KeyProjectCommand =
  | RegisterKeyProject
  | StartKeyProject
  | PlanMilestone
  | ReportProjectProgress
  | RequestBaselineChange
  | ApproveBaselineChange
  | RejectBaselineChange
  | AchieveMilestone
  | SuspendKeyProject
  | ResumeKeyProject
  | CompleteKeyProject
  | AcceptKeyProject
  | CancelKeyProject;

export type KeyProjectCommandType = KeyProjectCommand['type'];

export const keyProjectCommandLabels: Record<KeyProjectCommandType, string> = {
  RegisterKeyProject: '登记重点工程',
  StartKeyProject: '开工',
  PlanMilestone: '制定里程碑',
  ReportProjectProgress: '报送进度',
  RequestBaselineChange: '申请调整里程碑基线',
  ApproveBaselineChange: '批准基线调整',
  RejectBaselineChange: '驳回基线调整',
  AchieveMilestone: '确认里程碑完成',
  SuspendKeyProject: '暂停工程',
  ResumeKeyProject: '恢复实施',
  CompleteKeyProject: '确认完工',
  AcceptKeyProject: '验收工程',
  CancelKeyProject: '取消工程',
};

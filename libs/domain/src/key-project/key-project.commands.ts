import type { CalendarDate } from '../shared/dates';
import { planItemWords, type PlanItemKind } from './key-project.kinds';

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
  /** 工程项目 / 工作任务 / 争取类; PROJECT when not sent. */
  planItemKind?: PlanItemKind;
  /** Where the plan lists the item (专栏, chapter and section), e.g. '专栏7；第一章 二（四）'. */
  source?: string | null;
  /**
   * null where the plan names no department (the seed does not invent one): the item waits for
   * 交办 (AssignKeyProject). A department given here is assigned at registration.
   */
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

/** The city leader in charge of an item (责任领导). */
export interface ResponsibleLeader {
  name: string;
  /** e.g. 副市长 */
  title: string;
}

/** A milestone set at 交办: an existing one gets its date, a new id is planned with it. */
export interface AssignedMilestone {
  milestoneId: string;
  /** Required for a new milestone; an existing one keeps its name. */
  name?: string | null;
  baselineDate: CalendarDate;
  /** For a new milestone (default 1); an existing one keeps its weight. */
  weight?: number | null;
  mandatory?: boolean | null;
}

/** 交办: the supervision office names who answers for a registered item, and by when. */
export interface AssignKeyProject {
  type: 'AssignKeyProject';
  leadDepartment: string;
  cooperatingDepartments: string[];
  /** null only where nobody is named yet (the seeder, for a department the plan names). */
  responsibleLeader: ResponsibleLeader | null;
  responsiblePerson: string | null;
  plannedStart: CalendarDate | null;
  plannedEnd: CalendarDate | null;
  milestones: AssignedMilestone[];
}

/** 重新交办: another department, leader or person answers for the item from now on. */
export interface ReassignKeyProject {
  type: 'ReassignKeyProject';
  leadDepartment: string;
  cooperatingDepartments: string[];
  responsibleLeader: ResponsibleLeader | null;
  responsiblePerson: string | null;
  reason: string;
}

/**
 * 更正登记信息: the item's kind and its source in the plan, and, before any 交办 and before work
 * starts, the withdrawal of a lead department recorded at registration (e.g. one inferred from a
 * place name), which returns the item to 待交办.
 */
export interface AmendKeyProjectRegistration {
  type: 'AmendKeyProjectRegistration';
  planItemKind: PlanItemKind;
  source: string | null;
  withdrawLeadDepartment: boolean;
  reason: string;
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
  | AssignKeyProject
  | ReassignKeyProject
  | AmendKeyProjectRegistration
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
  AssignKeyProject: '交办',
  ReassignKeyProject: '重新交办',
  AmendKeyProjectRegistration: '更正登记信息',
  StartKeyProject: '开工',
  PlanMilestone: '制定里程碑',
  ReportProjectProgress: '报送进展',
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

/** The command names in the words of the item's kind: a task is 启动 and 完成, not 开工 and 完工. */
export function keyProjectCommandLabelsFor(kind: PlanItemKind): Record<KeyProjectCommandType, string> {
  if (kind === 'PROJECT') return keyProjectCommandLabels;
  const words = planItemWords[kind];
  return {
    ...keyProjectCommandLabels,
    RegisterKeyProject: '登记规划事项',
    StartKeyProject: words.start,
    SuspendKeyProject: `暂停${words.item}`,
    CompleteKeyProject: `确认${words.complete}`,
    AcceptKeyProject: '验收',
    CancelKeyProject: `取消${words.item}`,
  };
}

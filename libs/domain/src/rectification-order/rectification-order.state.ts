import type { PersonalText, Petitioner } from '../shared/personal-data';
import type { CalendarDate } from '../shared/dates';
import type {
  DeadlineKind,
  EvidenceFile,
  EvidencePhase,
  ObjectionOutcome,
  OrderSector,
  OrderSource,
  PerfunctoryKind,
  PetitionFinding,
  PetitionResultPublication,
  PlannedMeasure,
  ProvincialSignOff,
  SecondCheckOutcome,
} from './rectification-order.commands';
import type { Backfill, RectificationOrderEvent } from './rectification-order.events';

export type OrderStatus =
  'ISSUED' | 'ASSIGNED' | 'IN_PROGRESS' | 'ACCEPTANCE_REQUESTED' | 'ACCEPTED' | 'IN_PUBLIC_NOTICE' | 'CLOSED' | 'REOPENED';

export const orderStatusLabels: Record<OrderStatus, string> = {
  ISSUED: '已下达',
  ASSIGNED: '已交办',
  IN_PROGRESS: '整改中',
  ACCEPTANCE_REQUESTED: '待验收',
  ACCEPTED: '验收通过',
  IN_PUBLIC_NOTICE: '拟销号公示中',
  CLOSED: '已销号',
  REOPENED: '退回重新整改',
};

/** The status as people call it: a closed petition case is 已办结 (ORD-PET-6), not 已销号. */
export function orderStatusLabel(s: Pick<RectificationOrderState, 'status' | 'source'>): string | null {
  if (!s.status) return null;
  return s.status === 'CLOSED' && s.source === 'PETITION' ? '已办结' : orderStatusLabels[s.status];
}

/**
 * The way from 下达 to 销号, for a progress display only: what may follow a status is the decider's
 * to say (allowed actions), never this list.
 */
export const orderStatusPath: readonly OrderStatus[] = [
  'ISSUED',
  'ASSIGNED',
  'IN_PROGRESS',
  'ACCEPTANCE_REQUESTED',
  'ACCEPTED',
  'IN_PUBLIC_NOTICE',
  'CLOSED',
];

export function rectificationOrderStreamId(id: string): string {
  return `rectification-order-${id}`;
}

export interface Measure {
  measureId: string;
  description: string;
  dueDate: CalendarDate;
  status: 'OPEN' | 'DONE';
  completedOn: CalendarDate | null;
  note: string | null;
  /** From the approved plan; null for measures set at issue. */
  responsiblePerson?: string | null;
}

/** One version of the lead department's rectification plan (整改方案). */
export interface RectificationPlan {
  planId: string;
  version: number;
  status: 'SUBMITTED' | 'APPROVED' | 'RETURNED' | 'SUPERSEDED';
  leaderInCharge: string;
  measures: PlannedMeasure[];
  note: string | null;
  submittedOn: CalendarDate;
  submittedBy: string;
  decidedOn: CalendarDate | null;
  decidedBy: string | null;
  decisionNote: string | null;
  returnReasons: string[];
  provincialSignOff: ProvincialSignOff | null;
}

export interface Evidence {
  evidenceId: string;
  title: string;
  uri: string | null;
  measureId: string | null;
  lastingMechanism: boolean;
  attachedBy: string;
  attachedByDepartment: string | null;
  attachedAt: string;
  file?: EvidenceFile | null;
  phase?: EvidencePhase | null;
}

export interface OrderProgressReport {
  reportId: string;
  summary: string;
  percentComplete: number | null;
  reportedOn: CalendarDate;
  reportedBy: string;
  reportedByDepartment: string | null;
  reportedAt: string;
}

export interface Extension {
  requestId: string;
  currentDeadline: CalendarDate;
  requestedDeadline: CalendarDate;
  reason: string;
  progressSoFar: string;
  requestedOn: CalendarDate;
  requestedBy: string;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  provincialSignOff?: ProvincialSignOff | null;
}

export interface AcceptanceCheck {
  recordId: string;
  outcome: 'PASSED' | 'FAILED';
  checkedOn: CalendarDate;
  acceptanceDepartment: string;
  summary: string | null;
  documentRef: string | null;
  reasons: string[];
  recordedBy: string;
  recordedAt: string;
  perfunctory?: PerfunctoryKind | null;
}

export interface PublicNotice {
  noticeId: string;
  publishedOn: CalendarDate;
  endsOn: CalendarDate;
  workingDays: number;
  publishedAt: string;
  /** Set when an upheld objection ended the notice early. */
  withdrawnAt: string | null;
}

export interface Objection {
  objectionId: string;
  noticeId: string;
  summary: string;
  receivedOn: CalendarDate;
  status: 'OPEN' | ObjectionOutcome;
  resolution: string | null;
  settledAt: string | null;
  settledBy: string | null;
}

export interface PeriodicReport {
  reportId: string;
  summary: string;
  reportedOn: CalendarDate;
  dueOn: CalendarDate;
  late: boolean;
}

export interface PetitionCase {
  forwardedOn: CalendarDate;
  caseNumber: string | null;
  reportDueOn: CalendarDate;
  /** 信访人, as references to the personal-data store; absent for cases recorded before it. */
  petitioner?: Petitioner | null;
  finding: PetitionFinding | null;
  findingSummary: PersonalText | null;
  findingReportedOn: CalendarDate | null;
  findingReportedLate: boolean | null;
  secondCheck: {
    checkedOn: CalendarDate;
    outcome: SecondCheckOutcome;
    originalFinding: PetitionFinding;
    revisedFinding: PetitionFinding | null;
    summary: PersonalText;
  } | null;
  stagedConclusion: {
    linkedOrderId: string;
    linkedOrderDeadline: CalendarDate;
    summary: string;
    concludedOn: CalendarDate;
  } | null;
  followUpVisits: Array<{ visitId: string; visitedOn: CalendarDate; summary: PersonalText; satisfied: boolean | null }>;
  /** 办结 with the result made public (ORD-PET-6); voided by a reopening. Absent in states kept before it existed. */
  conclusion?: {
    result: string;
    publication: PetitionResultPublication;
    concludedOn: CalendarDate;
    concludedBy: string;
  } | null;
}

export interface RectificationOrderState {
  /** null until OrderIssued: the stream does not exist yet. */
  status: OrderStatus | null;
  orderId: string;
  code: string;
  source: OrderSource | null;
  batch: string;
  finding: string;
  target: string;
  sector: OrderSector | null;
  /** Set for an order registered by 补录. */
  backfill: Backfill | null;
  deadlineKind: DeadlineKind | null;
  /** As issued; never changes. */
  originalDeadline: CalendarDate | null;
  /** After approved extensions or a reopening. */
  currentDeadline: CalendarDate | null;
  issuedOn: CalendarDate | null;
  leadDepartment: string | null;
  responsiblePerson: PersonalText | null;
  cooperatingDepartments: string[];
  acceptanceDepartment: string | null;
  /** 责任领导 (包保市领导), from the assignment or the approved plan. */
  leaderInCharge: string | null;
  assignedOn: CalendarDate | null;
  /** When the lead department owes its first plan; null when the measures were set at issue. */
  planDueOn: CalendarDate | null;
  /** Every plan version, in order. */
  plans: RectificationPlan[];
  reassignments: Array<{ reason: string; decidedBy: string; reassignedAt: string }>;
  startedOn: CalendarDate | null;
  measures: Measure[];
  evidence: Evidence[];
  progressReports: OrderProgressReport[];
  extensions: Extension[];
  acceptanceRequestedOn: CalendarDate | null;
  acceptanceChecks: AcceptanceCheck[];
  /** The passed acceptance that counts for the current closing; voided by an upheld objection or a reopening. */
  validAcceptanceRecordId: string | null;
  /** The notice of the current closing cycle; all notices stay in `publicNotices`. */
  publicNotice: PublicNotice | null;
  publicNotices: PublicNotice[];
  objections: Objection[];
  /** ONGOING orders only. */
  periodicReportDueOn: CalendarDate | null;
  periodicReports: PeriodicReport[];
  petition: PetitionCase | null;
  closedOn: CalendarDate | null;
  reopenings: Array<{ reason: string; newDeadline: CalendarDate | null; decidedBy: string; reopenedAt: string }>;
  /** Number of events applied; equals the stream version. */
  version: number;
}

export function initialRectificationOrderState(): RectificationOrderState {
  return {
    status: null,
    orderId: '',
    code: '',
    source: null,
    batch: '',
    finding: '',
    target: '',
    sector: null,
    backfill: null,
    deadlineKind: null,
    originalDeadline: null,
    currentDeadline: null,
    issuedOn: null,
    leadDepartment: null,
    responsiblePerson: null,
    cooperatingDepartments: [],
    acceptanceDepartment: null,
    leaderInCharge: null,
    assignedOn: null,
    planDueOn: null,
    plans: [],
    reassignments: [],
    startedOn: null,
    measures: [],
    evidence: [],
    progressReports: [],
    extensions: [],
    acceptanceRequestedOn: null,
    acceptanceChecks: [],
    validAcceptanceRecordId: null,
    publicNotice: null,
    publicNotices: [],
    objections: [],
    periodicReportDueOn: null,
    periodicReports: [],
    petition: null,
    closedOn: null,
    reopenings: [],
    version: 0,
  };
}

/** The event payload minus `occurredAt`, for entities that keep their own timestamp field or none. */
function withoutTimestamp<D extends { occurredAt: string }>(data: D): Omit<D, 'occurredAt'> {
  const copy: Partial<D> = { ...data };
  delete copy.occurredAt;
  return copy as Omit<D, 'occurredAt'>;
}

function withPetition(state: RectificationOrderState, patch: (p: PetitionCase) => Partial<PetitionCase>): RectificationOrderState {
  return state.petition ? { ...state, petition: { ...state.petition, ...patch(state.petition) } } : state;
}

function decideExtension(
  state: RectificationOrderState,
  requestId: string,
  decision: Pick<Extension, 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote' | 'provincialSignOff'>,
): Extension[] {
  return state.extensions.map((x) => (x.requestId === requestId ? { ...x, ...decision } : x));
}

/** The order's measures under an approved plan: completed ones stay as they were (ORD-PLAN-3), the rest follow the plan. */
function measuresOfPlan(current: Measure[], planned: PlannedMeasure[]): Measure[] {
  return planned.map((p) => {
    const done = current.find((m) => m.measureId === p.measureId && m.status === 'DONE');
    if (done) return { ...done, responsiblePerson: p.responsiblePerson };
    return { ...p, status: 'OPEN', completedOn: null, note: null };
  });
}

function withdrawNotice(state: RectificationOrderState, at: string): Pick<RectificationOrderState, 'publicNotice' | 'publicNotices'> {
  const noticeId = state.publicNotice?.noticeId;
  return {
    publicNotice: null,
    publicNotices: state.publicNotices.map((n) => (n.noticeId === noticeId ? { ...n, withdrawnAt: at } : n)),
  };
}

function apply(state: RectificationOrderState, event: RectificationOrderEvent): RectificationOrderState {
  switch (event.type) {
    case 'OrderIssued': {
      const d = event.data;
      return {
        ...state,
        status: 'ISSUED',
        orderId: d.orderId,
        code: d.code,
        source: d.source,
        batch: d.batch,
        finding: d.finding,
        target: d.target,
        sector: d.sector ?? null,
        backfill: d.backfill ?? null,
        deadlineKind: d.deadlineKind,
        originalDeadline: d.deadline,
        currentDeadline: d.deadline,
        issuedOn: d.issuedOn,
        measures: d.measures.map((m) => ({ ...m, status: 'OPEN', completedOn: null, note: null })),
        periodicReportDueOn: d.firstPeriodicReportDueOn,
        petition: d.petition && {
          ...d.petition,
          finding: null,
          findingSummary: null,
          findingReportedOn: null,
          findingReportedLate: null,
          secondCheck: null,
          stagedConclusion: null,
          followUpVisits: [],
        },
      };
    }
    case 'OrderAssigned': {
      const { assignedOn, planDueOn, leaderInCharge, ...assignment } = withoutTimestamp(event.data);
      return {
        ...state,
        ...assignment,
        leaderInCharge: leaderInCharge ?? null,
        assignedOn: assignedOn ?? null,
        planDueOn: planDueOn ?? null,
        status: 'ASSIGNED',
      };
    }
    case 'MeasuresRevised':
      return {
        ...state,
        measures: event.data.measures.map((m) => ({ ...m, status: 'OPEN' as const, completedOn: null, note: null })),
      };
    case 'OrderReassigned': {
      const { reason, decidedBy, occurredAt, leaderInCharge, ...assignment } = event.data;
      return {
        ...state,
        ...assignment,
        leaderInCharge: leaderInCharge ?? state.leaderInCharge,
        reassignments: [...state.reassignments, { reason, decidedBy, reassignedAt: occurredAt }],
      };
    }
    case 'RectificationPlanSubmitted': {
      const { occurredAt: _at, submittedByDepartment: _dept, ...plan } = event.data;
      const submitted: RectificationPlan = {
        ...plan,
        status: 'SUBMITTED',
        decidedOn: null,
        decidedBy: null,
        decisionNote: null,
        returnReasons: [],
        provincialSignOff: null,
      };
      return { ...state, plans: [...state.plans, submitted] };
    }
    case 'RectificationPlanApproved': {
      const { planId, note, decidedOn, decidedBy, provincialSignOff } = event.data;
      const approved = state.plans.find((p) => p.planId === planId);
      if (!approved) return state;
      return {
        ...state,
        leaderInCharge: approved.leaderInCharge,
        measures: measuresOfPlan(state.measures, approved.measures),
        plans: state.plans.map((p) => {
          if (p.planId === planId) return { ...p, status: 'APPROVED', decidedOn, decidedBy, decisionNote: note, provincialSignOff };
          return p.status === 'APPROVED' ? { ...p, status: 'SUPERSEDED' } : p;
        }),
      };
    }
    case 'RectificationPlanReturned': {
      const { planId, reasons, decidedOn, decidedBy } = event.data;
      return {
        ...state,
        plans: state.plans.map((p) =>
          p.planId === planId ? { ...p, status: 'RETURNED', decidedOn, decidedBy, returnReasons: reasons } : p,
        ),
      };
    }
    case 'RectificationStarted':
      return { ...state, status: 'IN_PROGRESS', startedOn: state.startedOn ?? event.data.startedOn };
    case 'OrderProgressReported': {
      const { occurredAt, ...report } = event.data;
      return { ...state, progressReports: [...state.progressReports, { ...report, reportedAt: occurredAt }] };
    }
    case 'MeasureCompleted': {
      const { measureId, completedOn, note } = event.data;
      return {
        ...state,
        measures: state.measures.map((m) => (m.measureId === measureId ? { ...m, status: 'DONE', completedOn, note } : m)),
      };
    }
    case 'EvidenceAttached': {
      const { occurredAt, ...evidence } = event.data;
      return { ...state, evidence: [...state.evidence, { ...evidence, attachedAt: occurredAt }] };
    }
    case 'ExtensionRequested': {
      const request = withoutTimestamp(event.data);
      const extension: Extension = { ...request, status: 'PENDING', decidedBy: null, decidedAt: null, decisionNote: null };
      return { ...state, extensions: [...state.extensions, extension] };
    }
    case 'ExtensionApproved': {
      const { requestId, newDeadline, note, decidedBy, occurredAt, provincialSignOff } = event.data;
      return {
        ...state,
        currentDeadline: newDeadline,
        extensions: decideExtension(state, requestId, {
          status: 'APPROVED',
          decidedBy,
          decidedAt: occurredAt,
          decisionNote: note,
          provincialSignOff: provincialSignOff ?? null,
        }),
      };
    }
    case 'ExtensionRejected': {
      const { requestId, reason, decidedBy, occurredAt } = event.data;
      return {
        ...state,
        extensions: decideExtension(state, requestId, { status: 'REJECTED', decidedBy, decidedAt: occurredAt, decisionNote: reason }),
      };
    }
    case 'AcceptanceRequested':
      return { ...state, status: 'ACCEPTANCE_REQUESTED', acceptanceRequestedOn: event.data.requestedOn };
    case 'AcceptancePassed': {
      const { occurredAt, ...record } = event.data;
      const check: AcceptanceCheck = { ...record, outcome: 'PASSED', reasons: [], recordedAt: occurredAt };
      return {
        ...state,
        status: 'ACCEPTED',
        acceptanceChecks: [...state.acceptanceChecks, check],
        validAcceptanceRecordId: record.recordId,
      };
    }
    case 'AcceptanceFailed': {
      const { occurredAt, ...record } = event.data;
      const check: AcceptanceCheck = { ...record, outcome: 'FAILED', summary: null, documentRef: null, recordedAt: occurredAt };
      return { ...state, status: 'IN_PROGRESS', acceptanceChecks: [...state.acceptanceChecks, check] };
    }
    case 'PublicNoticePublished': {
      const { occurredAt, ...notice } = event.data;
      const published: PublicNotice = { ...notice, publishedAt: occurredAt, withdrawnAt: null };
      return { ...state, status: 'IN_PUBLIC_NOTICE', publicNotice: published, publicNotices: [...state.publicNotices, published] };
    }
    case 'ObjectionRecorded': {
      const objection = withoutTimestamp(event.data);
      const recorded: Objection = { ...objection, status: 'OPEN', resolution: null, settledAt: null, settledBy: null };
      return { ...state, objections: [...state.objections, recorded] };
    }
    case 'ObjectionSettled': {
      const { objectionId, outcome, resolution, returnsToRectification, decidedBy, occurredAt } = event.data;
      const objections = state.objections.map((o) =>
        o.objectionId === objectionId ? { ...o, status: outcome, resolution, settledAt: occurredAt, settledBy: decidedBy } : o,
      );
      if (!returnsToRectification) return { ...state, objections };
      return {
        ...state,
        ...withdrawNotice(state, occurredAt),
        objections,
        status: 'IN_PROGRESS',
        validAcceptanceRecordId: null,
      };
    }
    case 'OrderClosed':
      return { ...state, status: 'CLOSED', closedOn: event.data.closedOn };
    case 'OrderReopened': {
      const { reason, newDeadline, decidedBy, occurredAt } = event.data;
      return {
        ...withPetition(state, () => ({ conclusion: null })),
        status: 'REOPENED',
        currentDeadline: newDeadline ?? state.currentDeadline,
        validAcceptanceRecordId: null,
        publicNotice: null,
        closedOn: null,
        reopenings: [...state.reopenings, { reason, newDeadline, decidedBy, reopenedAt: occurredAt }],
      };
    }
    case 'PetitionFindingReported': {
      const { finding, summary, reportedOn, late } = event.data;
      return withPetition(state, () => ({
        finding,
        findingSummary: summary,
        findingReportedOn: reportedOn,
        findingReportedLate: late,
      }));
    }
    case 'PetitionSecondCheckRecorded': {
      const secondCheck = withoutTimestamp(event.data);
      return withPetition(state, (p) => ({ secondCheck, finding: secondCheck.revisedFinding ?? p.finding }));
    }
    case 'PetitionConcludedInStages': {
      const stagedConclusion = withoutTimestamp(event.data);
      return withPetition(state, () => ({ stagedConclusion }));
    }
    case 'PetitionCaseConcluded': {
      const { result, publication, concludedOn, concludedBy } = event.data;
      return {
        ...withPetition(state, () => ({ conclusion: { result, publication, concludedOn, concludedBy } })),
        status: 'CLOSED',
        closedOn: concludedOn,
      };
    }
    case 'FollowUpVisitRecorded': {
      const visit = withoutTimestamp(event.data);
      return withPetition(state, (p) => ({ followUpVisits: [...p.followUpVisits, visit] }));
    }
    case 'PeriodicReportSubmitted': {
      const { reportId, summary, reportedOn, dueOn, late, nextDueOn } = event.data;
      return {
        ...state,
        periodicReportDueOn: nextDueOn,
        periodicReports: [...state.periodicReports, { reportId, summary, reportedOn, dueOn, late }],
      };
    }
  }
}

export function evolveRectificationOrder(state: RectificationOrderState, event: RectificationOrderEvent): RectificationOrderState {
  return { ...apply(state, event), version: state.version + 1 };
}

export function pendingExtension(state: RectificationOrderState): Extension | undefined {
  return state.extensions.find((x) => x.status === 'PENDING');
}

export function openObjections(state: RectificationOrderState): Objection[] {
  return state.objections.filter((o) => o.status === 'OPEN');
}

/** The plan awaiting the supervision office's review, if any. */
export function pendingPlan(state: RectificationOrderState): RectificationPlan | undefined {
  return state.plans.find((p) => p.status === 'SUBMITTED');
}

/** The plan in force, if any. */
export function approvedPlan(state: RectificationOrderState): RectificationPlan | undefined {
  return state.plans.find((p) => p.status === 'APPROVED');
}

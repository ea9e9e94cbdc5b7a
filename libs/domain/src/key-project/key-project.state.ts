import { daysBetween, type CalendarDate } from '../shared/dates';
import type { AcceptanceRecord, EvidenceItem, ResponsibleLeader } from './key-project.commands';
import type { KeyProjectEvent } from './key-project.events';
import type { PlanItemKind } from './key-project.kinds';

export type KeyProjectStatus = 'PLANNED' | 'IN_PROGRESS' | 'SUSPENDED' | 'COMPLETED' | 'ACCEPTED' | 'CANCELLED';

export const keyProjectStatusLabels: Record<KeyProjectStatus, string> = {
  PLANNED: '计划中',
  IN_PROGRESS: '实施中',
  SUSPENDED: '已暂停',
  COMPLETED: '已完工',
  ACCEPTED: '已验收',
  CANCELLED: '已取消',
};

export function keyProjectStreamId(id: string): string {
  return `key-project-${id}`;
}

export interface Milestone {
  milestoneId: string;
  name: string;
  weight: number;
  mandatory: boolean;
  /** The baseline as first planned; never changes, variance is reported against it. null: the plan gives no date. */
  originalBaselineDate: CalendarDate | null;
  /** The baseline after approved changes. */
  baselineDate: CalendarDate | null;
  forecastDate: CalendarDate | null;
  /** Latest reported percentage; reports are append-only, so a correction is simply a later report. */
  latestPercentComplete: number | null;
  achievedOn: CalendarDate | null;
  evidence: EvidenceItem[];
}

export interface ProgressReport {
  reportId: string;
  milestoneId: string | null;
  percentComplete: number | null;
  forecastDate: CalendarDate | null;
  narrative: string;
  reportedOn: CalendarDate;
  reportedBy: string;
  reportedByDepartment: string | null;
  reportedAt: string;
}

export type BaselineChangeStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

export interface BaselineChange {
  requestId: string;
  milestoneId: string;
  currentBaselineDate: CalendarDate | null;
  proposedBaselineDate: CalendarDate;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  status: BaselineChangeStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

/** One 交办 or 重新交办, as recorded. */
export interface AssignmentRecord {
  type: 'ASSIGNED' | 'REASSIGNED';
  leadDepartment: string;
  cooperatingDepartments: string[];
  responsibleLeader: ResponsibleLeader | null;
  responsiblePerson: string | null;
  /** The reason of a 重新交办; null for the 交办. */
  reason: string | null;
  on: CalendarDate;
  at: string;
  by: string;
}

export interface Suspension {
  reason: string;
  suspendedAt: string;
  resumedAt: string | null;
  resumeNote: string | null;
}

export interface KeyProjectState {
  /** null until KeyProjectRegistered: the stream does not exist yet. */
  status: KeyProjectStatus | null;
  projectId: string;
  code: string;
  name: string;
  planBox: number | null;
  category: string;
  planItemKind: PlanItemKind;
  /** Where the plan lists the item; null when not known. */
  source: string | null;
  /** null while 待交办; set at registration or by 交办 / 重新交办. */
  leadDepartment: string | null;
  cooperatingDepartments: string[];
  implementingUnit: string | null;
  responsiblePerson: string | null;
  responsibleLeader: ResponsibleLeader | null;
  /** 交办 and 重新交办, oldest first; empty when the department came with the registration or is still missing. */
  assignments: AssignmentRecord[];
  plannedStart: CalendarDate | null;
  plannedEnd: CalendarDate | null;
  plannedInvestment: number | null;
  description: string;
  registeredAt: string | null;
  startedOn: CalendarDate | null;
  milestones: Milestone[];
  progressReports: ProgressReport[];
  baselineChanges: BaselineChange[];
  suspensions: Suspension[];
  completedOn: CalendarDate | null;
  acceptance: (AcceptanceRecord & { recordedBy: string; recordedAt: string }) | null;
  cancellation: { reason: string; cancelledAt: string; decidedBy: string } | null;
  /** Number of events applied; equals the stream version. */
  version: number;
}

export function initialKeyProjectState(): KeyProjectState {
  return {
    status: null,
    projectId: '',
    code: '',
    name: '',
    planBox: 0,
    category: '',
    planItemKind: 'PROJECT',
    source: null,
    leadDepartment: null,
    cooperatingDepartments: [],
    implementingUnit: null,
    responsiblePerson: null,
    responsibleLeader: null,
    assignments: [],
    plannedStart: null,
    plannedEnd: null,
    plannedInvestment: null,
    description: '',
    registeredAt: null,
    startedOn: null,
    milestones: [],
    progressReports: [],
    baselineChanges: [],
    suspensions: [],
    completedOn: null,
    acceptance: null,
    cancellation: null,
    version: 0,
  };
}

function updateMilestone(state: KeyProjectState, milestoneId: string, patch: (m: Milestone) => Partial<Milestone>): Milestone[] {
  return state.milestones.map((m) => (m.milestoneId === milestoneId ? { ...m, ...patch(m) } : m));
}

function decideBaselineChange(
  state: KeyProjectState,
  requestId: string,
  decision: Pick<BaselineChange, 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote'>,
): BaselineChange[] {
  return state.baselineChanges.map((c) => (c.requestId === requestId ? { ...c, ...decision } : c));
}

function apply(state: KeyProjectState, event: KeyProjectEvent): KeyProjectState {
  switch (event.type) {
    case 'KeyProjectRegistered': {
      const { occurredAt, planItemKind, source, ...fields } = event.data;
      return {
        ...state,
        ...fields,
        planItemKind: planItemKind ?? 'PROJECT',
        source: source ?? null,
        status: 'PLANNED',
        registeredAt: occurredAt,
      };
    }
    case 'KeyProjectAssigned': {
      const { occurredAt, milestones: assigned, assignedOn, assignedBy, ...fields } = event.data;
      const dated = new Map(assigned.filter((m) => !m.isNew).map((m) => [m.milestoneId, m.baselineDate]));
      const milestones = state.milestones.map((m) => {
        const date = dated.get(m.milestoneId);
        return date === undefined ? m : { ...m, baselineDate: date, originalBaselineDate: m.originalBaselineDate ?? date };
      });
      for (const m of assigned.filter((a) => a.isNew)) {
        milestones.push({
          milestoneId: m.milestoneId,
          name: m.name,
          weight: m.weight,
          mandatory: m.mandatory,
          originalBaselineDate: m.baselineDate,
          baselineDate: m.baselineDate,
          forecastDate: null,
          latestPercentComplete: null,
          achievedOn: null,
          evidence: [],
        });
      }
      const record: AssignmentRecord = {
        type: 'ASSIGNED',
        leadDepartment: fields.leadDepartment,
        cooperatingDepartments: fields.cooperatingDepartments,
        responsibleLeader: fields.responsibleLeader,
        responsiblePerson: fields.responsiblePerson,
        reason: null,
        on: assignedOn,
        at: occurredAt,
        by: assignedBy,
      };
      return { ...state, ...fields, milestones, assignments: [...state.assignments, record] };
    }
    case 'KeyProjectReassigned': {
      const {
        leadDepartment,
        cooperatingDepartments,
        responsibleLeader,
        responsiblePerson,
        reason,
        reassignedOn,
        reassignedBy,
        occurredAt,
      } = event.data;
      const record: AssignmentRecord = {
        type: 'REASSIGNED',
        leadDepartment,
        cooperatingDepartments,
        responsibleLeader,
        responsiblePerson,
        reason,
        on: reassignedOn,
        at: occurredAt,
        by: reassignedBy,
      };
      return {
        ...state,
        leadDepartment,
        cooperatingDepartments,
        responsibleLeader,
        responsiblePerson,
        assignments: [...state.assignments, record],
      };
    }
    case 'KeyProjectRegistrationAmended': {
      const { planItemKind, source, withdrawnLeadDepartment } = event.data;
      const withdrawn = withdrawnLeadDepartment === null ? {} : { leadDepartment: null, cooperatingDepartments: [] };
      return { ...state, planItemKind, source, ...withdrawn };
    }
    case 'KeyProjectStarted':
      return { ...state, status: 'IN_PROGRESS', startedOn: event.data.startedOn };
    case 'MilestonePlanned': {
      const { milestoneId, name, weight, mandatory, baselineDate } = event.data;
      const milestone: Milestone = {
        milestoneId,
        name,
        weight,
        mandatory,
        originalBaselineDate: baselineDate,
        baselineDate,
        forecastDate: null,
        latestPercentComplete: null,
        achievedOn: null,
        evidence: [],
      };
      return { ...state, milestones: [...state.milestones, milestone] };
    }
    case 'ProgressReported': {
      const { occurredAt, ...report } = event.data;
      const milestones =
        report.milestoneId === null
          ? state.milestones
          : updateMilestone(state, report.milestoneId, (m) => ({
              latestPercentComplete: report.percentComplete,
              forecastDate: report.forecastDate ?? m.forecastDate,
            }));
      return { ...state, milestones, progressReports: [...state.progressReports, { ...report, reportedAt: occurredAt }] };
    }
    case 'BaselineChangeRequested': {
      const { occurredAt, ...request } = event.data;
      const change: BaselineChange = {
        ...request,
        requestedAt: occurredAt,
        status: 'PENDING',
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
      };
      return { ...state, baselineChanges: [...state.baselineChanges, change] };
    }
    case 'BaselineChangeApproved': {
      const { requestId, milestoneId, newBaselineDate, note, decidedBy, occurredAt } = event.data;
      return {
        ...state,
        milestones: updateMilestone(state, milestoneId, () => ({ baselineDate: newBaselineDate })),
        baselineChanges: decideBaselineChange(state, requestId, {
          status: 'APPROVED',
          decidedBy,
          decidedAt: occurredAt,
          decisionNote: note,
        }),
      };
    }
    case 'BaselineChangeRejected': {
      const { requestId, reason, decidedBy, occurredAt } = event.data;
      return {
        ...state,
        baselineChanges: decideBaselineChange(state, requestId, {
          status: 'REJECTED',
          decidedBy,
          decidedAt: occurredAt,
          decisionNote: reason,
        }),
      };
    }
    case 'MilestoneAchieved': {
      const { milestoneId, achievedOn, evidence } = event.data;
      return {
        ...state,
        milestones: updateMilestone(state, milestoneId, (m) => ({ achievedOn, evidence: [...m.evidence, ...evidence] })),
      };
    }
    case 'KeyProjectSuspended': {
      const suspension: Suspension = {
        reason: event.data.reason,
        suspendedAt: event.data.occurredAt,
        resumedAt: null,
        resumeNote: null,
      };
      return { ...state, status: 'SUSPENDED', suspensions: [...state.suspensions, suspension] };
    }
    case 'KeyProjectResumed': {
      const suspensions = state.suspensions.map((s, i) =>
        i === state.suspensions.length - 1 ? { ...s, resumedAt: event.data.occurredAt, resumeNote: event.data.note } : s,
      );
      return { ...state, status: 'IN_PROGRESS', suspensions };
    }
    case 'KeyProjectCompleted':
      return { ...state, status: 'COMPLETED', completedOn: event.data.completedOn };
    case 'KeyProjectAccepted': {
      const { acceptanceRecord, recordedBy, occurredAt } = event.data;
      return { ...state, status: 'ACCEPTED', acceptance: { ...acceptanceRecord, recordedBy, recordedAt: occurredAt } };
    }
    case 'KeyProjectCancelled': {
      const { reason, decidedBy, occurredAt } = event.data;
      return { ...state, status: 'CANCELLED', cancellation: { reason, decidedBy, cancelledAt: occurredAt } };
    }
  }
}

/**
 * 待交办: registered, not cancelled, and no department answers for it yet. Only the supervision
 * office acts on it (交办); no department is escalated for it.
 */
export function isAwaitingAssignment(state: Pick<KeyProjectState, 'status' | 'leadDepartment'>): boolean {
  return state.status === 'PLANNED' && state.leadDepartment === null;
}

/**
 * A state stored by an earlier version of the code (a read model's folded state) lacks the fields
 * added since; they take their initial values, as the events that predate them imply.
 */
export function upgradeKeyProjectState(stored: Partial<KeyProjectState>): KeyProjectState {
  return { ...initialKeyProjectState(), ...stored };
}

export function evolveKeyProject(state: KeyProjectState, event: KeyProjectEvent): KeyProjectState {
  return { ...apply(state, event), version: state.version + 1 };
}

/**
 * Weighted share of achieved milestones plus, for each milestone not yet achieved, its weight times
 * its latest reported percentage. 0–100, one decimal.
 */
export function projectProgress(state: KeyProjectState): number {
  const totalWeight = state.milestones.reduce((sum, m) => sum + m.weight, 0);
  if (totalWeight === 0) return 0;
  const done = state.milestones.reduce((sum, m) => {
    if (m.achievedOn !== null) return sum + m.weight;
    return sum + (m.weight * (m.latestPercentComplete ?? 0)) / 100;
  }, 0);
  return Math.round((done / totalWeight) * 1000) / 10;
}

export interface MilestoneVariance {
  /** The achieved date, else the forecast, else the current baseline; null when none is known. */
  comparedDate: CalendarDate | null;
  /** Days late (positive) or early (negative) against the original baseline; null without a baseline. */
  daysAgainstOriginalBaseline: number | null;
  /** The same against the baseline after approved changes. */
  daysAgainstCurrentBaseline: number | null;
}

export function milestoneVariance(milestone: Milestone): MilestoneVariance {
  const comparedDate = milestone.achievedOn ?? milestone.forecastDate ?? milestone.baselineDate;
  const against = (baseline: CalendarDate | null) =>
    baseline === null || comparedDate === null ? null : daysBetween(baseline, comparedDate);
  return {
    comparedDate,
    daysAgainstOriginalBaseline: against(milestone.originalBaselineDate),
    daysAgainstCurrentBaseline: against(milestone.baselineDate),
  };
}

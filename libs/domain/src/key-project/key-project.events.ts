import type { CalendarDate } from '../shared/dates';
import type { DomainEvent } from '../shared/decider';
import type { AcceptanceRecord, EvidenceItem, ResponsibleLeader } from './key-project.commands';
import type { PlanItemKind } from './key-project.kinds';

/** Every event carries `occurredAt` (ISO instant from the command context); evolve never reads a clock. A type alias, not an interface, so it satisfies Record<string, unknown>. */
type Timed = {
  /** @format date-time */
  occurredAt: string;
};

export type KeyProjectRegistered = DomainEvent<
  'KeyProjectRegistered',
  Timed & {
    projectId: string;
    code: string;
    name: string;
    planBox: number | null;
    category: string;
    /** Absent from events recorded before kinds existed: read as PROJECT. */
    planItemKind?: PlanItemKind;
    /** Absent from events recorded before sources were kept: read as null. */
    source?: string | null;
    leadDepartment: string | null;
    cooperatingDepartments: string[];
    implementingUnit: string | null;
    responsiblePerson: string | null;
    plannedStart: CalendarDate | null;
    plannedEnd: CalendarDate | null;
    plannedInvestment: number | null;
    description: string;
  }
>;

export type KeyProjectAssigned = DomainEvent<
  'KeyProjectAssigned',
  Timed & {
    leadDepartment: string;
    cooperatingDepartments: string[];
    responsibleLeader: ResponsibleLeader | null;
    responsiblePerson: string | null;
    plannedStart: CalendarDate | null;
    plannedEnd: CalendarDate | null;
    /** Each milestone as it stands after the 交办; `isNew` for one planned by it. */
    milestones: Array<{
      milestoneId: string;
      name: string;
      weight: number;
      mandatory: boolean;
      baselineDate: CalendarDate;
      isNew: boolean;
    }>;
    assignedOn: CalendarDate;
    assignedBy: string;
  }
>;

export type KeyProjectReassigned = DomainEvent<
  'KeyProjectReassigned',
  Timed & {
    previousLeadDepartment: string | null;
    leadDepartment: string;
    cooperatingDepartments: string[];
    responsibleLeader: ResponsibleLeader | null;
    responsiblePerson: string | null;
    reason: string;
    reassignedOn: CalendarDate;
    reassignedBy: string;
  }
>;

export type KeyProjectRegistrationAmended = DomainEvent<
  'KeyProjectRegistrationAmended',
  Timed & {
    planItemKind: PlanItemKind;
    source: string | null;
    /** The lead department withdrawn (the item is 待交办 again), or null. */
    withdrawnLeadDepartment: string | null;
    reason: string;
    amendedBy: string;
  }
>;

export type KeyProjectStarted = DomainEvent<'KeyProjectStarted', Timed & { startedOn: CalendarDate }>;

export type MilestonePlanned = DomainEvent<
  'MilestonePlanned',
  Timed & { milestoneId: string; name: string; weight: number; mandatory: boolean; baselineDate: CalendarDate | null }
>;

export type ProgressReported = DomainEvent<
  'ProgressReported',
  Timed & {
    reportId: string;
    milestoneId: string | null;
    percentComplete: number | null;
    forecastDate: CalendarDate | null;
    narrative: string;
    reportedOn: CalendarDate;
    reportedBy: string;
    reportedByDepartment: string | null;
  }
>;

export type BaselineChangeRequested = DomainEvent<
  'BaselineChangeRequested',
  Timed & {
    requestId: string;
    milestoneId: string;
    currentBaselineDate: CalendarDate | null;
    proposedBaselineDate: CalendarDate;
    reason: string;
    requestedBy: string;
  }
>;

export type BaselineChangeApproved = DomainEvent<
  'BaselineChangeApproved',
  Timed & {
    requestId: string;
    milestoneId: string;
    previousBaselineDate: CalendarDate | null;
    newBaselineDate: CalendarDate;
    note: string | null;
    decidedBy: string;
  }
>;

export type BaselineChangeRejected = DomainEvent<
  'BaselineChangeRejected',
  Timed & { requestId: string; milestoneId: string; reason: string; decidedBy: string }
>;

export type MilestoneAchieved = DomainEvent<
  'MilestoneAchieved',
  Timed & { milestoneId: string; achievedOn: CalendarDate; evidence: EvidenceItem[] }
>;

export type KeyProjectSuspended = DomainEvent<'KeyProjectSuspended', Timed & { reason: string }>;

export type KeyProjectResumed = DomainEvent<'KeyProjectResumed', Timed & { note: string | null }>;

export type KeyProjectCompleted = DomainEvent<'KeyProjectCompleted', Timed & { completedOn: CalendarDate }>;

export type KeyProjectAccepted = DomainEvent<'KeyProjectAccepted', Timed & { acceptanceRecord: AcceptanceRecord; recordedBy: string }>;

export type KeyProjectCancelled = DomainEvent<
  'KeyProjectCancelled',
  Timed & { reason: string; cancelledFrom: 'PLANNED' | 'SUSPENDED'; decidedBy: string }
>;

export type KeyProjectEvent =
  | KeyProjectRegistered
  | KeyProjectAssigned
  | KeyProjectReassigned
  | KeyProjectRegistrationAmended
  | KeyProjectStarted
  | MilestonePlanned
  | ProgressReported
  | BaselineChangeRequested
  | BaselineChangeApproved
  | BaselineChangeRejected
  | MilestoneAchieved
  | KeyProjectSuspended
  | KeyProjectResumed
  | KeyProjectCompleted
  | KeyProjectAccepted
  | KeyProjectCancelled;

export type KeyProjectEventType = KeyProjectEvent['type'];

/** For the event-type registry of the event store. */
export const keyProjectEventTypes: readonly KeyProjectEventType[] = [
  'KeyProjectRegistered',
  'KeyProjectAssigned',
  'KeyProjectReassigned',
  'KeyProjectRegistrationAmended',
  'KeyProjectStarted',
  'MilestonePlanned',
  'ProgressReported',
  'BaselineChangeRequested',
  'BaselineChangeApproved',
  'BaselineChangeRejected',
  'MilestoneAchieved',
  'KeyProjectSuspended',
  'KeyProjectResumed',
  'KeyProjectCompleted',
  'KeyProjectAccepted',
  'KeyProjectCancelled',
];

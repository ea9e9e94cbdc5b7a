import type { CalendarDate } from '../shared/dates';
import type { DomainEvent } from '../shared/decider';
import type { AcceptanceRecord, EvidenceItem } from './key-project.commands';

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

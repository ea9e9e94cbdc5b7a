import type { PersonalText, Petitioner } from '../shared/personal-data';
import type { CalendarDate } from '../shared/dates';
import type { DomainEvent } from '../shared/decider';
import type {
  DeadlineKind,
  EvidenceFile,
  EvidencePhase,
  MeasurePlan,
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

/** Every event carries `occurredAt` (ISO instant from the command context); evolve never reads a clock. A type alias, not an interface, so it satisfies Record<string, unknown>. */
type Timed = {
  /** @format date-time */
  occurredAt: string;
};

export type OrderIssued = DomainEvent<
  'OrderIssued',
  Timed & {
    orderId: string;
    code: string;
    source: OrderSource;
    batch: string;
    finding: string;
    target: string;
    deadlineKind: DeadlineKind;
    deadline: CalendarDate | null;
    measures: MeasurePlan[];
    issuedOn: CalendarDate;
    petition: {
      forwardedOn: CalendarDate;
      caseNumber: string | null;
      reportDueOn: CalendarDate;
      /** 信访人: references only; absent in events recorded before the personal-data store. */
      petitioner?: Petitioner | null;
    } | null;
    /** ONGOING orders only: when the first periodic report is owed. */
    firstPeriodicReportDueOn: CalendarDate | null;
    /** Absent in events recorded before sectors were kept. */
    sector?: OrderSector | null;
    /** Set for an order registered by 补录: who entered it and when (issuedOn is then the original date). */
    backfill?: Backfill | null;
  }
>;

export interface Backfill {
  enteredBy: string;
  enteredByName: string;
  enteredOn: CalendarDate;
}

type Assignment = {
  leadDepartment: string;
  /** A personal-data reference ({ pii }) or, in events recorded before the store, plain text. */
  responsiblePerson: PersonalText | null;
  cooperatingDepartments: string[];
  acceptanceDepartment: string;
  /** Absent in events recorded before the 责任领导 was kept. */
  leaderInCharge?: string | null;
};

export type OrderAssigned = DomainEvent<
  'OrderAssigned',
  Timed &
    Assignment & {
      /** Absent in events recorded before plans (整改方案) were kept. */
      assignedOn?: CalendarDate;
      /** When the lead department owes its first plan; null when the measures were set at issue. */
      planDueOn?: CalendarDate | null;
    }
>;

/** ORD-ISSUE-5: the measures as revised before 交办; they replace the measures set at issue. */
export type MeasuresRevised = DomainEvent<
  'MeasuresRevised',
  Timed & { measures: Array<{ measureId: string; description: string; dueDate: CalendarDate }>; reason: string | null; revisedBy: string }
>;

export type OrderReassigned = DomainEvent<'OrderReassigned', Timed & Assignment & { reason: string; decidedBy: string }>;

export type RectificationPlanSubmitted = DomainEvent<
  'RectificationPlanSubmitted',
  Timed & {
    planId: string;
    /** 1 for the first plan, +1 for each later one. */
    version: number;
    leaderInCharge: string;
    measures: PlannedMeasure[];
    note: string | null;
    submittedOn: CalendarDate;
    submittedBy: string;
    submittedByDepartment: string | null;
  }
>;

export type RectificationPlanApproved = DomainEvent<
  'RectificationPlanApproved',
  Timed & {
    planId: string;
    version: number;
    note: string | null;
    decidedOn: CalendarDate;
    decidedBy: string;
    provincialSignOff: ProvincialSignOff | null;
  }
>;

export type RectificationPlanReturned = DomainEvent<
  'RectificationPlanReturned',
  Timed & { planId: string; version: number; reasons: string[]; decidedOn: CalendarDate; decidedBy: string }
>;

export type RectificationStarted = DomainEvent<'RectificationStarted', Timed & { startedOn: CalendarDate; afterReopening: boolean }>;

export type OrderProgressReported = DomainEvent<
  'OrderProgressReported',
  Timed & {
    reportId: string;
    summary: string;
    percentComplete: number | null;
    reportedOn: CalendarDate;
    reportedBy: string;
    reportedByDepartment: string | null;
  }
>;

export type MeasureCompleted = DomainEvent<
  'MeasureCompleted',
  Timed & { measureId: string; completedOn: CalendarDate; dueDate: CalendarDate; late: boolean; note: string | null }
>;

export type EvidenceAttached = DomainEvent<
  'EvidenceAttached',
  Timed & {
    evidenceId: string;
    title: string;
    uri: string | null;
    measureId: string | null;
    lastingMechanism: boolean;
    attachedBy: string;
    attachedByDepartment: string | null;
    file?: EvidenceFile | null;
    phase?: EvidencePhase | null;
  }
>;

export type ExtensionRequested = DomainEvent<
  'ExtensionRequested',
  Timed & {
    requestId: string;
    currentDeadline: CalendarDate;
    requestedDeadline: CalendarDate;
    reason: string;
    progressSoFar: string;
    requestedOn: CalendarDate;
    requestedBy: string;
  }
>;

export type ExtensionApproved = DomainEvent<
  'ExtensionApproved',
  Timed & {
    requestId: string;
    previousDeadline: CalendarDate;
    newDeadline: CalendarDate;
    note: string | null;
    decidedBy: string;
    provincialSignOff?: ProvincialSignOff | null;
  }
>;

export type ExtensionRejected = DomainEvent<'ExtensionRejected', Timed & { requestId: string; reason: string; decidedBy: string }>;

export type AcceptanceRequested = DomainEvent<
  'AcceptanceRequested',
  Timed & { requestedOn: CalendarDate; note: string | null; requestedBy: string }
>;

export type AcceptancePassed = DomainEvent<
  'AcceptancePassed',
  Timed & {
    recordId: string;
    checkedOn: CalendarDate;
    acceptanceDepartment: string;
    summary: string;
    documentRef: string;
    recordedBy: string;
  }
>;

export type AcceptanceFailed = DomainEvent<
  'AcceptanceFailed',
  Timed & {
    recordId: string;
    checkedOn: CalendarDate;
    acceptanceDepartment: string;
    reasons: string[];
    recordedBy: string;
    perfunctory?: PerfunctoryKind | null;
  }
>;

export type PublicNoticePublished = DomainEvent<
  'PublicNoticePublished',
  Timed & {
    noticeId: string;
    publishedOn: CalendarDate;
    /** Last working day of the notice; it is over at the end of that day (Asia/Shanghai). */
    endsOn: CalendarDate;
    workingDays: number;
  }
>;

export type ObjectionRecorded = DomainEvent<
  'ObjectionRecorded',
  Timed & { objectionId: string; noticeId: string; summary: string; receivedOn: CalendarDate }
>;

export type ObjectionSettled = DomainEvent<
  'ObjectionSettled',
  Timed & {
    objectionId: string;
    outcome: ObjectionOutcome;
    resolution: string;
    /** True when an upheld objection sends the order from public notice back into rectification. */
    returnsToRectification: boolean;
    decidedBy: string;
  }
>;

export type OrderClosed = DomainEvent<'OrderClosed', Timed & { closedOn: CalendarDate; acceptanceRecordId: string }>;

export type OrderReopened = DomainEvent<'OrderReopened', Timed & { reason: string; newDeadline: CalendarDate | null; decidedBy: string }>;

export type PetitionFindingReported = DomainEvent<
  'PetitionFindingReported',
  Timed & {
    finding: PetitionFinding;
    summary: PersonalText;
    reportedOn: CalendarDate;
    dueOn: CalendarDate;
    /** Reported after the due date; still accepted, and counted against timeliness. */
    late: boolean;
  }
>;

export type PetitionSecondCheckRecorded = DomainEvent<
  'PetitionSecondCheckRecorded',
  Timed & {
    checkedOn: CalendarDate;
    outcome: SecondCheckOutcome;
    originalFinding: PetitionFinding;
    revisedFinding: PetitionFinding | null;
    summary: PersonalText;
  }
>;

export type PetitionConcludedInStages = DomainEvent<
  'PetitionConcludedInStages',
  Timed & { linkedOrderId: string; linkedOrderDeadline: CalendarDate; summary: string; concludedOn: CalendarDate }
>;

export type FollowUpVisitRecorded = DomainEvent<
  'FollowUpVisitRecorded',
  Timed & { visitId: string; visitedOn: CalendarDate; summary: PersonalText; satisfied: boolean | null }
>;

/** 办结 (ORD-PET-6): the case ends (status CLOSED) with its result made public. */
export type PetitionCaseConcluded = DomainEvent<
  'PetitionCaseConcluded',
  Timed & {
    result: string;
    publication: PetitionResultPublication;
    concludedOn: CalendarDate;
    concludedBy: string;
    /** The finding the case ends with (after a second check, the revised one). */
    finding: PetitionFinding;
    followUpVisits: number;
  }
>;

export type PeriodicReportSubmitted = DomainEvent<
  'PeriodicReportSubmitted',
  Timed & {
    reportId: string;
    summary: string;
    reportedOn: CalendarDate;
    dueOn: CalendarDate;
    late: boolean;
    nextDueOn: CalendarDate;
  }
>;

export type RectificationOrderEvent =
  | OrderIssued
  | OrderAssigned
  | OrderReassigned
  | MeasuresRevised
  | RectificationPlanSubmitted
  | RectificationPlanApproved
  | RectificationPlanReturned
  | RectificationStarted
  | OrderProgressReported
  | MeasureCompleted
  | EvidenceAttached
  | ExtensionRequested
  | ExtensionApproved
  | ExtensionRejected
  | AcceptanceRequested
  | AcceptancePassed
  | AcceptanceFailed
  | PublicNoticePublished
  | ObjectionRecorded
  | ObjectionSettled
  | OrderClosed
  | OrderReopened
  | PetitionFindingReported
  | PetitionSecondCheckRecorded
  | PetitionConcludedInStages
  | FollowUpVisitRecorded
  | PetitionCaseConcluded
  | PeriodicReportSubmitted;

export type RectificationOrderEventType = RectificationOrderEvent['type'];

/** For the event-type registry of the event store. */
export const rectificationOrderEventTypes: readonly RectificationOrderEventType[] = [
  'OrderIssued',
  'OrderAssigned',
  'OrderReassigned',
  'MeasuresRevised',
  'RectificationPlanSubmitted',
  'RectificationPlanApproved',
  'RectificationPlanReturned',
  'RectificationStarted',
  'OrderProgressReported',
  'MeasureCompleted',
  'EvidenceAttached',
  'ExtensionRequested',
  'ExtensionApproved',
  'ExtensionRejected',
  'AcceptanceRequested',
  'AcceptancePassed',
  'AcceptanceFailed',
  'PublicNoticePublished',
  'ObjectionRecorded',
  'ObjectionSettled',
  'OrderClosed',
  'OrderReopened',
  'PetitionFindingReported',
  'PetitionSecondCheckRecorded',
  'PetitionConcludedInStages',
  'FollowUpVisitRecorded',
  'PetitionCaseConcluded',
  'PeriodicReportSubmitted',
];

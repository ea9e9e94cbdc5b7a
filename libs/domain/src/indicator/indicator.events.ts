import type { CalendarDate } from '../shared/dates';
import type { DomainEvent } from '../shared/decider';
import type { IndicatorLeaderInCharge, RegisterIndicator } from './indicator.commands';
import type { IndicatorValue } from './indicator.definition';
import type { IndicatorPeriod } from './indicator.periods';

/** `occurredAt` is the command context's instant; evolve never reads a clock. */
type Timed = { occurredAt: string };

type Assignment = {
  leadDepartment: string;
  cooperatingDepartments: string[];
  leaderInCharge: IndicatorLeaderInCharge | null;
  responsiblePerson: string | null;
};

export type IndicatorRegistered = DomainEvent<'IndicatorRegistered', Timed & Omit<RegisterIndicator, 'type'>>;

export type IndicatorAssigned = DomainEvent<'IndicatorAssigned', Timed & Assignment & { assignedOn: CalendarDate; assignedBy: string }>;

export type IndicatorReassigned = DomainEvent<
  'IndicatorReassigned',
  Timed &
    Assignment & {
      previous: Assignment;
      reason: string;
      reassignedOn: CalendarDate;
      reassignedBy: string;
    }
>;

export type YearlyTargetsSet = DomainEvent<
  'YearlyTargetsSet',
  Timed & {
    /** The years set by this command, each with the target it replaces (null: none before). */
    targets: Array<{ year: number; value: number; previousValue: number | null }>;
    grounds: string;
    setBy: string;
  }
>;

export type IndicatorValueReported = DomainEvent<
  'IndicatorValueReported',
  Timed & {
    period: IndicatorPeriod;
    value: IndicatorValue;
    /** The indicator's unit (null for a qualitative indicator or one the plan gives no unit). */
    unit: string | null;
    source: string;
    note: string | null;
    reportedOn: CalendarDate;
    /** The reporter: user id, name and department. */
    reportedBy: string;
    reportedByName: string;
    reportedByDepartment: string | null;
  }
>;

export type IndicatorValueCorrected = DomainEvent<
  'IndicatorValueCorrected',
  Timed & {
    period: IndicatorPeriod;
    previousValue: IndicatorValue;
    value: IndicatorValue;
    unit: string | null;
    /** The period's source after the correction. */
    source: string;
    reason: string;
    correctedOn: CalendarDate;
    correctedBy: string;
    correctedByName: string;
    correctedByDepartment: string | null;
  }
>;

export type ContributingProjectLinked = DomainEvent<
  'ContributingProjectLinked',
  Timed & { projectId: string; projectCode: string; projectName: string; note: string | null; linkedBy: string }
>;

export type IndicatorEvent =
  | IndicatorRegistered
  | IndicatorAssigned
  | IndicatorReassigned
  | YearlyTargetsSet
  | IndicatorValueReported
  | IndicatorValueCorrected
  | ContributingProjectLinked;

export type IndicatorEventType = IndicatorEvent['type'];

/** For the event-type registry of the event store. */
export const indicatorEventTypes: readonly IndicatorEventType[] = [
  'IndicatorRegistered',
  'IndicatorAssigned',
  'IndicatorReassigned',
  'YearlyTargetsSet',
  'IndicatorValueReported',
  'IndicatorValueCorrected',
  'ContributingProjectLinked',
];

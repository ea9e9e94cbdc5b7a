import type { CalendarDate } from '../shared/dates';
import type { DomainEvent } from '../shared/decider';
import type { RaiseEscalation, ResolutionReason } from './escalation.commands';

type Timed = {
  /** @format date-time */
  occurredAt: string;
};
type By = { by: string; byName: string };

export type EscalationRaised = DomainEvent<'EscalationRaised', Timed & Omit<RaiseEscalation, 'type'> & { raisedOn: CalendarDate }>;
export type EscalationAcknowledged = DomainEvent<'EscalationAcknowledged', Timed & By & { note: string | null }>;
export type LeadershipInstructed = DomainEvent<'LeadershipInstructed', Timed & By & { text: string }>;
export type SupervisionNoticeIssued = DomainEvent<'SupervisionNoticeIssued', Timed & By & { noticeNumber: string | null; text: string }>;
export type SummonsIssued = DomainEvent<
  'SummonsIssued',
  Timed & By & { date: CalendarDate; attendee: string; place: string | null; note: string | null }
>;
export type AccountabilityReferred = DomainEvent<'AccountabilityReferred', Timed & By & { reason: string }>;
export type EscalationResolved = DomainEvent<
  'EscalationResolved',
  Timed & { reason: ResolutionReason; note: string; resolvedOn: CalendarDate }
>;

export type EscalationEvent =
  | EscalationRaised
  | EscalationAcknowledged
  | LeadershipInstructed
  | SupervisionNoticeIssued
  | SummonsIssued
  | AccountabilityReferred
  | EscalationResolved;

export type EscalationEventType = EscalationEvent['type'];

export const escalationEventTypes: readonly EscalationEventType[] = [
  'EscalationRaised',
  'EscalationAcknowledged',
  'LeadershipInstructed',
  'SupervisionNoticeIssued',
  'SummonsIssued',
  'AccountabilityReferred',
  'EscalationResolved',
];

/** The leadership's actions, as they appear in an escalation's action list. */
export const escalationActionTypes: readonly EscalationEventType[] = [
  'EscalationAcknowledged',
  'LeadershipInstructed',
  'SupervisionNoticeIssued',
  'SummonsIssued',
  'AccountabilityReferred',
];

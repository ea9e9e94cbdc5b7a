import type { Actor } from './actor';
import { weekdayCalendar, type WorkingCalendar } from './working-calendar';

export interface DomainEvent<T extends string = string, D = Record<string, unknown>> {
  type: T;
  data: D;
}

export interface DomainConfig {
  /** Length of the pre-closing public notice (拟销号公示), in working days. */
  publicNoticeWorkingDays: number;
  /** Working days a petition case (信访件) has for its first investigation report after being forwarded. */
  petitionReportDays: number;
  /** How often an ongoing (长期坚持) order owes a periodic report, in months. */
  ongoingReportIntervalMonths: number;
  /** Calendar days after assignment (交办) by which the lead department owes its rectification plan. */
  planSubmissionDays: number;
  /** Which days are working days (法定节假日 and 调休): every "working days" rule counts by it. */
  calendar: WorkingCalendar;
}

/** For tests: Monday–Friday working days; the application passes the State Council's calendar. */
export const defaultDomainConfig: DomainConfig = {
  publicNoticeWorkingDays: 5,
  petitionReportDays: 7,
  ongoingReportIntervalMonths: 3,
  planSubmissionDays: 15,
  calendar: weekdayCalendar,
};

export interface CommandContext {
  now: Date;
  actor: Actor;
  config: DomainConfig;
}

export interface Decider<S, C extends { type: string }, E extends DomainEvent> {
  initialState: () => S;
  /** Throws a DomainError subclass when the command is refused. */
  decide: (command: C, state: S, ctx: CommandContext) => E[];
  evolve: (state: S, event: E) => S;
}

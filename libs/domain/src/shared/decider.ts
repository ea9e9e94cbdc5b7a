import type { Actor } from './actor';

export interface DomainEvent<T extends string = string, D = Record<string, unknown>> {
  type: T;
  data: D;
}

export interface DomainConfig {
  /** Length of the pre-closing public notice (拟销号公示), in working days. */
  publicNoticeWorkingDays: number;
  /** Calendar days a petition case (信访件) has for its first investigation report after being forwarded. */
  petitionReportDays: number;
  /** How often an ongoing (长期坚持) order owes a periodic report, in months. */
  ongoingReportIntervalMonths: number;
}

export const defaultDomainConfig: DomainConfig = {
  publicNoticeWorkingDays: 5,
  petitionReportDays: 7,
  ongoingReportIntervalMonths: 3,
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

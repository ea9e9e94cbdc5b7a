import { shanghaiDate } from '../shared/dates';
import type { CommandContext } from '../shared/decider';
import type { DomainError } from '../shared/errors';
import { statusError } from '../shared/validation';
import {
  rectificationOrderCommandLabels,
  type RectificationOrderCommand,
  type RectificationOrderCommandType,
} from './rectification-order.commands';
import { measureNotFound, notAPetitionCase, petitionFindingRequired } from './rectification-order.errors';
import type { RectificationOrderEvent } from './rectification-order.events';
import {
  orderStatusLabels,
  type Measure,
  type OrderStatus,
  type PetitionCase,
  type RectificationOrderState,
} from './rectification-order.state';

/**
 * How the order decider handles one command. `guard` holds the preconditions that do not depend on
 * the command's body (status and the rules that hold whatever is sent); the decider checks
 * permission, then the guard, then calls `decide`, which checks the body and returns the events.
 * `allowedActions` asks the same guards, so a button is offered exactly when the command would pass them.
 */
export interface OrderCommandHandler<C extends RectificationOrderCommand> {
  guard: (state: RectificationOrderState, ctx: CommandContext) => DomainError | undefined;
  decide: (command: C, state: RectificationOrderState, ctx: CommandContext) => RectificationOrderEvent[];
}

export type OrderCommandHandlers<T extends RectificationOrderCommandType> = {
  [K in T]: OrderCommandHandler<Extract<RectificationOrderCommand, { type: K }>>;
};

/** Every status in which the order is live: assigned to a department and not closed. */
export const OPEN_STATUSES: readonly OrderStatus[] = [
  'ASSIGNED',
  'IN_PROGRESS',
  'ACCEPTANCE_REQUESTED',
  'ACCEPTED',
  'IN_PUBLIC_NOTICE',
  'REOPENED',
];

export const occurredAt = (ctx: CommandContext) => ctx.now.toISOString();
export const today = (ctx: CommandContext) => shanghaiDate(ctx.now);

/** ORD-STATE-1: the command is refused outside the statuses it may be sent from. */
export function statusNotIn(
  state: RectificationOrderState,
  type: RectificationOrderCommandType,
  allowed: readonly OrderStatus[],
): DomainError | undefined {
  return statusError(state.status, allowed, { type, labelZh: rectificationOrderCommandLabels[type] }, orderStatusLabels, 'ORD-STATE-1');
}

export function findMeasure(state: RectificationOrderState, measureId: string): Measure {
  const measure = state.measures.find((m) => m.measureId === measureId);
  if (!measure) throw measureNotFound(measureId);
  return measure;
}

export function notAPetition(state: RectificationOrderState): DomainError | undefined {
  return state.source !== 'PETITION' || state.petition === null ? notAPetitionCase() : undefined;
}

export function findingNotReported(petition: PetitionCase | null): DomainError | undefined {
  return petition !== null && petition.finding === null ? petitionFindingRequired(petition) : undefined;
}

/** The petition case of an order that passed `notAPetition`. */
export function petitionOf(state: RectificationOrderState): PetitionCase {
  if (state.petition === null) throw notAPetitionCase();
  return state.petition;
}

export function refuse(refusal: DomainError | undefined): void {
  if (refusal) throw refusal;
}

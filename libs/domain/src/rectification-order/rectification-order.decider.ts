import { orderCommandPolicies, orderPermissionError, roleMaySend } from '../authorization';
import { allowedActionsOf, type AllowedAction } from '../shared/allowed-actions';
import type { CommandContext, Decider } from '../shared/decider';
import { StreamNotFound, type DomainError } from '../shared/errors';
import { acceptanceHandlers } from './rectification-order.acceptance';
import { refuse, type OrderCommandHandler, type OrderCommandHandlers } from './rectification-order.command-handler';
import type { RectificationOrderCommand, RectificationOrderCommandType } from './rectification-order.commands';
import type { RectificationOrderEvent } from './rectification-order.events';
import { extensionHandlers } from './rectification-order.extensions';
import { lifecycleHandlers } from './rectification-order.lifecycle';
import { ongoingHandlers } from './rectification-order.ongoing';
import { petitionHandlers } from './rectification-order.petition';
import { planHandlers } from './rectification-order.plan';
import { evolveRectificationOrder, initialRectificationOrderState, type RectificationOrderState } from './rectification-order.state';

/** One handler per command, grouped by sub-process: lifecycle, plans, extensions, acceptance and closing, petition, ongoing. */
const handlers: OrderCommandHandlers<RectificationOrderCommandType> = {
  ...lifecycleHandlers,
  ...planHandlers,
  ...extensionHandlers,
  ...acceptanceHandlers,
  ...petitionHandlers,
  ...ongoingHandlers,
};

/**
 * Why the actor may not send a command of this type to the order now, whatever its body, or
 * undefined: permission first (403), then status and the rules that do not depend on the body (409).
 */
export function rectificationOrderGuard(
  type: RectificationOrderCommandType,
  state: RectificationOrderState,
  ctx: CommandContext,
): DomainError | undefined {
  return orderPermissionError(type, state, ctx.actor) ?? handlers[type].guard(state, ctx);
}

/** Order of refusal: unknown stream (404), then permission (403), then state and rules (409/422). */
function decideRectificationOrder(
  command: RectificationOrderCommand,
  state: RectificationOrderState,
  ctx: CommandContext,
): RectificationOrderEvent[] {
  if (!createsOrder(command.type) && state.status === null) {
    throw new StreamNotFound('整改任务', 'Rectification order');
  }
  refuse(rectificationOrderGuard(command.type, state, ctx));
  const handler = handlers[command.type] as OrderCommandHandler<RectificationOrderCommand>;
  return handler.decide(command, state, ctx);
}

/** IssueOrder and BackfillOrder start an order's stream; every other command needs one. */
export function createsOrder(type: RectificationOrderCommandType): boolean {
  return type === 'IssueOrder' || type === 'BackfillOrder';
}

/** The commands sent to an existing order. */
export const orderActionCommandTypes = (Object.keys(orderCommandPolicies) as RectificationOrderCommandType[]).filter(
  (t) => !createsOrder(t),
);

/**
 * The commands the actor's roles may send to this order, each allowed or not now, with the reason.
 * Computed by the same guards `decide` runs first.
 */
export function orderAllowedActions(state: RectificationOrderState, ctx: CommandContext): AllowedAction<RectificationOrderCommandType>[] {
  return allowedActionsOf(
    orderActionCommandTypes,
    (type, actor) => roleMaySend(orderCommandPolicies[type], actor),
    rectificationOrderGuard,
    state,
    ctx,
  );
}

export const rectificationOrderDecider: Decider<RectificationOrderState, RectificationOrderCommand, RectificationOrderEvent> = {
  initialState: initialRectificationOrderState,
  decide: decideRectificationOrder,
  evolve: evolveRectificationOrder,
};

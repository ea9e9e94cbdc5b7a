import type { DomainError } from '../shared/errors';
import type { CalendarDate } from '../shared/dates';
import {
  extensionAlreadyDecided,
  extensionAlreadyPending,
  extensionAlreadyRequested,
  extensionNotLaterThanDeadline,
  extensionRequestedAfterDeadline,
  extensionRequestNotFound,
  noDeadlineToExtend,
  noPendingExtension,
} from './rectification-order.errors';
import { pendingExtension, type Extension, type RectificationOrderState } from './rectification-order.state';
import { occurredAt, OPEN_STATUSES, statusNotIn, today, type OrderCommandHandlers } from './rectification-order.command-handler';
import { needsProvincialSignOff, provincialSignOffOf } from './rectification-order.plan';

/**
 * Extensions (延期): requested by the lead department before the deadline, decided once by leadership;
 * for central and provincial inspection orders only with the provincial office's sign-off (ORD-PROV-1).
 */

/** ORD-EXT-1, ORD-EXT-2: only a deadline that exists and has not passed can be extended. */
function notExtendable(state: RectificationOrderState, now: CalendarDate): DomainError | undefined {
  if (state.currentDeadline === null) return noDeadlineToExtend();
  if (now > state.currentDeadline) return extensionRequestedAfterDeadline(state.currentDeadline);
  return undefined;
}

/** ORD-EXT-3: one pending extension at a time. */
function alreadyPending(state: RectificationOrderState): DomainError | undefined {
  const pending = pendingExtension(state);
  return pending ? extensionAlreadyPending(pending) : undefined;
}

/** ORD-EXT-4: something to decide. */
function nothingPending(state: RectificationOrderState): DomainError | undefined {
  return pendingExtension(state) ? undefined : noPendingExtension();
}

function findPendingExtension(state: RectificationOrderState, requestId: string): Extension {
  const request = state.extensions.find((x) => x.requestId === requestId);
  if (!request) throw extensionRequestNotFound(requestId);
  if (request.status !== 'PENDING') throw extensionAlreadyDecided(request);
  return request;
}

export const extensionHandlers: OrderCommandHandlers<'RequestExtension' | 'ApproveExtension' | 'RejectExtension'> = {
  RequestExtension: {
    guard: (state, ctx) =>
      statusNotIn(state, 'RequestExtension', ['ASSIGNED', 'IN_PROGRESS', 'REOPENED']) ??
      notExtendable(state, today(ctx)) ??
      alreadyPending(state),
    decide(command, state, ctx) {
      const currentDeadline = state.currentDeadline as CalendarDate;
      if (state.extensions.some((x) => x.requestId === command.requestId)) throw extensionAlreadyRequested();
      if (command.requestedDeadline <= currentDeadline) throw extensionNotLaterThanDeadline(command.requestedDeadline, currentDeadline);
      return [
        {
          type: 'ExtensionRequested',
          data: {
            requestId: command.requestId,
            currentDeadline,
            requestedDeadline: command.requestedDeadline,
            reason: command.reason,
            progressSoFar: command.progressSoFar,
            requestedOn: today(ctx),
            requestedBy: ctx.actor.userId,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },

  ApproveExtension: {
    guard: (state) => statusNotIn(state, 'ApproveExtension', OPEN_STATUSES) ?? nothingPending(state),
    decide(command, state, ctx) {
      const request = findPendingExtension(state, command.requestId);
      const provincialSignOff = provincialSignOffOf(state, command.provincialSignOff, needsProvincialSignOff(state), '延期', today(ctx));
      return [
        {
          type: 'ExtensionApproved',
          data: {
            requestId: request.requestId,
            previousDeadline: state.currentDeadline ?? request.currentDeadline,
            newDeadline: request.requestedDeadline,
            note: command.note ?? null,
            decidedBy: ctx.actor.userId,
            provincialSignOff,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },

  RejectExtension: {
    guard: (state) => statusNotIn(state, 'RejectExtension', OPEN_STATUSES) ?? nothingPending(state),
    decide(command, state, ctx) {
      const request = findPendingExtension(state, command.requestId);
      return [
        {
          type: 'ExtensionRejected',
          data: { requestId: request.requestId, reason: command.reason, decidedBy: ctx.actor.userId, occurredAt: occurredAt(ctx) },
        },
      ];
    },
  },
};

import { departmentName } from '../reference/departments';
import { endOfShanghaiDay } from '../shared/dates';
import { addWorkingDays } from '../shared/working-calendar';
import type { CommandContext } from '../shared/decider';
import type { DomainError } from '../shared/errors';
import { requireNotFuture } from '../shared/validation';
import {
  acceptanceRecordAlreadyExists,
  acceptanceRecordRequired,
  deadlineInPast,
  lastingMechanismEvidenceRequired,
  measuresOutstanding,
  noOpenObjection,
  noticeAlreadyPublished,
  objectionAlreadyRecorded,
  objectionAlreadySettled,
  objectionBeforeNotice,
  objectionNotFound,
  openObjection,
  petitionCaseNotClosedByNotice,
  planAwaitingReview,
  publicNoticeNotFinished,
  publicNoticeRequired,
} from './rectification-order.errors';
import { deadlineFits } from './rectification-order.lifecycle';
import { openObjections, pendingPlan, type RectificationOrderState } from './rectification-order.state';
import { occurredAt, OPEN_STATUSES, statusNotIn, today, type OrderCommandHandlers } from './rectification-order.command-handler';

/**
 * Acceptance and closing (验收、公示、销号) and reopening: the lead department requests acceptance, the
 * acceptance department's result is recorded, a public notice runs, objections are settled, the
 * supervision office closes, leadership may reopen.
 */

/** ORD-ACC-1 / ORD-CLOSE-4: every measure done. */
function measuresOpen(state: RectificationOrderState, rule: 'ORD-ACC-1' | 'ORD-CLOSE-4'): DomainError | undefined {
  const open = state.measures.filter((m) => m.status !== 'DONE');
  return open.length > 0 ? measuresOutstanding(open, rule) : undefined;
}

/** ORD-PLAN-5: no acceptance while the measures themselves are under review. */
function planUnderReview(state: RectificationOrderState): DomainError | undefined {
  const pending = pendingPlan(state);
  return pending ? planAwaitingReview(pending) : undefined;
}

function recordIdTaken(state: RectificationOrderState, recordId: string): void {
  if (state.acceptanceChecks.some((c) => c.recordId === recordId)) throw acceptanceRecordAlreadyExists();
}

/** ORD-CLOSE-1…6, in the order a person would put them right. */
function notClosable(state: RectificationOrderState, ctx: CommandContext): DomainError | undefined {
  if (state.source === 'PETITION') return petitionCaseNotClosedByNotice();
  if (state.status === 'CLOSED') return statusNotIn(state, 'CloseOrder', ['IN_PUBLIC_NOTICE']);
  if (state.validAcceptanceRecordId === null) {
    return acceptanceRecordRequired(state.acceptanceDepartment === null ? null : departmentName(state.acceptanceDepartment));
  }
  if (state.status === 'ACCEPTED' || state.publicNotice === null) return publicNoticeRequired();
  const notice = state.publicNotice;
  return (
    statusNotIn(state, 'CloseOrder', ['IN_PUBLIC_NOTICE']) ??
    measuresOpen(state, 'ORD-CLOSE-4') ??
    (ctx.now < endOfShanghaiDay(notice.endsOn) ? publicNoticeNotFinished(notice.endsOn) : undefined) ??
    (openObjections(state).length > 0 ? openObjection(openObjections(state).length) : undefined) ??
    (state.deadlineKind === 'ONGOING' && !state.evidence.some((e) => e.lastingMechanism) ? lastingMechanismEvidenceRequired() : undefined)
  );
}

export const acceptanceHandlers: OrderCommandHandlers<
  | 'RequestAcceptance'
  | 'RecordAcceptancePassed'
  | 'RecordAcceptanceFailed'
  | 'PublishClosingNotice'
  | 'RecordObjection'
  | 'SettleObjection'
  | 'CloseOrder'
  | 'ReopenOrder'
> = {
  RequestAcceptance: {
    guard: (state) =>
      (state.source === 'PETITION' ? petitionCaseNotClosedByNotice() : undefined) ??
      statusNotIn(state, 'RequestAcceptance', ['IN_PROGRESS']) ??
      planUnderReview(state) ??
      measuresOpen(state, 'ORD-ACC-1'),
    decide: (command, _state, ctx) => [
      {
        type: 'AcceptanceRequested',
        data: { requestedOn: today(ctx), note: command.note ?? null, requestedBy: ctx.actor.userId, occurredAt: occurredAt(ctx) },
      },
    ],
  },

  RecordAcceptancePassed: {
    guard: (state) => statusNotIn(state, 'RecordAcceptancePassed', ['ACCEPTANCE_REQUESTED']),
    decide(command, state, ctx) {
      recordIdTaken(state, command.recordId);
      requireNotFuture(command.checkedOn, today(ctx), 'checkedOn', '验收日期');
      return [
        {
          type: 'AcceptancePassed',
          data: {
            recordId: command.recordId,
            checkedOn: command.checkedOn,
            acceptanceDepartment: state.acceptanceDepartment ?? '',
            summary: command.summary,
            documentRef: command.documentRef,
            recordedBy: ctx.actor.userId,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },

  RecordAcceptanceFailed: {
    guard: (state) => statusNotIn(state, 'RecordAcceptanceFailed', ['ACCEPTANCE_REQUESTED']),
    decide(command, state, ctx) {
      recordIdTaken(state, command.recordId);
      requireNotFuture(command.checkedOn, today(ctx), 'checkedOn', '验收日期');
      return [
        {
          type: 'AcceptanceFailed',
          data: {
            recordId: command.recordId,
            checkedOn: command.checkedOn,
            acceptanceDepartment: state.acceptanceDepartment ?? '',
            reasons: [...command.reasons],
            recordedBy: ctx.actor.userId,
            perfunctory: command.perfunctory ?? null,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },

  PublishClosingNotice: {
    guard: (state) =>
      (state.source === 'PETITION' ? petitionCaseNotClosedByNotice() : undefined) ??
      statusNotIn(state, 'PublishClosingNotice', ['ACCEPTED']),
    decide(command, state, ctx) {
      if (state.publicNotices.some((n) => n.noticeId === command.noticeId)) throw noticeAlreadyPublished();
      const publishedOn = today(ctx);
      const workingDays = ctx.config.publicNoticeWorkingDays;
      return [
        {
          type: 'PublicNoticePublished',
          data: {
            noticeId: command.noticeId,
            publishedOn,
            endsOn: addWorkingDays(publishedOn, workingDays, ctx.config.calendar),
            workingDays,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },

  RecordObjection: {
    guard: (state) => statusNotIn(state, 'RecordObjection', ['IN_PUBLIC_NOTICE']),
    decide(command, state, ctx) {
      const notice = state.publicNotice;
      if (state.objections.some((o) => o.objectionId === command.objectionId)) throw objectionAlreadyRecorded();
      requireNotFuture(command.receivedOn, today(ctx), 'receivedOn', '收到日期');
      if (notice && command.receivedOn < notice.publishedOn) throw objectionBeforeNotice(command.receivedOn, notice.publishedOn);
      return [
        {
          type: 'ObjectionRecorded',
          data: {
            objectionId: command.objectionId,
            noticeId: notice?.noticeId ?? '',
            summary: command.summary,
            receivedOn: command.receivedOn,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },

  SettleObjection: {
    guard: (state) =>
      statusNotIn(state, 'SettleObjection', OPEN_STATUSES) ?? (openObjections(state).length > 0 ? undefined : noOpenObjection()),
    decide(command, state, ctx) {
      const objection = state.objections.find((o) => o.objectionId === command.objectionId);
      if (!objection) throw objectionNotFound(command.objectionId);
      if (objection.status !== 'OPEN') throw objectionAlreadySettled(objection);
      return [
        {
          type: 'ObjectionSettled',
          data: {
            objectionId: objection.objectionId,
            outcome: command.outcome,
            resolution: command.resolution,
            returnsToRectification: command.outcome === 'UPHELD' && state.status === 'IN_PUBLIC_NOTICE',
            decidedBy: ctx.actor.userId,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },

  CloseOrder: {
    guard: notClosable,
    decide: (_command, state, ctx) => [
      {
        type: 'OrderClosed',
        data: { closedOn: today(ctx), acceptanceRecordId: state.validAcceptanceRecordId as string, occurredAt: occurredAt(ctx) },
      },
    ],
  },

  ReopenOrder: {
    guard: (state) => statusNotIn(state, 'ReopenOrder', ['CLOSED']),
    decide(command, state, ctx) {
      const newDeadline = command.newDeadline ?? null;
      if (state.deadlineKind === 'ONGOING') deadlineFits('ONGOING', newDeadline, today(ctx));
      else if (newDeadline !== null && newDeadline < today(ctx)) throw deadlineInPast(newDeadline, today(ctx));
      return [
        { type: 'OrderReopened', data: { reason: command.reason, newDeadline, decidedBy: ctx.actor.userId, occurredAt: occurredAt(ctx) } },
      ];
    },
  },
};

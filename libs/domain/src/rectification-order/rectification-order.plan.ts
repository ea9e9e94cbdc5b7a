import type { CalendarDate } from '../shared/dates';
import type { DomainError } from '../shared/errors';
import { requireNotFuture } from '../shared/validation';
import {
  orderSourceLabels,
  type PlannedMeasure,
  type ProvincialSignOff,
  type SubmitRectificationPlan,
} from './rectification-order.commands';
import {
  completedMeasureChanged,
  noPendingPlan,
  planAlreadyExists,
  planAlreadySubmitted,
  planDuplicateMeasureIds,
  planMeasureOutOfRange,
  planMeasuresRequired,
  planNotFound,
  planNotPending,
  provincialSignOffRequired,
} from './rectification-order.errors';
import { approvedPlan, pendingPlan, type RectificationOrderState, type RectificationPlan } from './rectification-order.state';
import { occurredAt, statusNotIn, today, type OrderCommandHandlers } from './rectification-order.command-handler';

/**
 * 一问题一方案: the lead department drafts the rectification plan (measures with dates and the person
 * answering for each, and the 责任领导); the supervision office approves it or returns it with
 * reasons. Every version is kept; the approved one sets the order's measures, and a change to it goes
 * through the same review.
 */

const PLAN_STATUSES = ['ASSIGNED', 'IN_PROGRESS', 'REOPENED'] as const;

/** Orders whose deadlines sit in a province-approved plan: a change to them needs the province (ORD-PROV-1). */
export function needsProvincialSignOff(state: Pick<RectificationOrderState, 'source'>): boolean {
  return state.source === 'CENTRAL_INSPECTION' || state.source === 'CENTRAL_FOLLOW_UP' || state.source === 'PROVINCIAL_INSPECTION';
}

/** ORD-PROV-1: the sign-off sent, checked (not after today), or the refusal when the order needs one and none was sent. */
export function provincialSignOffOf(
  state: RectificationOrderState,
  signOff: ProvincialSignOff | null | undefined,
  required: boolean,
  what: '延期' | '调整整改方案中的完成时限',
  now: CalendarDate,
): ProvincialSignOff | null {
  if (!signOff) {
    if (required && state.source) throw provincialSignOffRequired(orderSourceLabels[state.source], what);
    return null;
  }
  requireNotFuture(signOff.approvedOn, now, 'provincialSignOff.approvedOn', '省级批复日期');
  return { ...signOff };
}

/** ORD-PLAN-1: one plan awaits review at a time. */
function alreadyPending(state: RectificationOrderState): DomainError | undefined {
  const pending = pendingPlan(state);
  return pending ? planAlreadySubmitted(pending) : undefined;
}

/** ORD-PLAN-2, ORD-PLAN-3: the measures of a plan fit the order, and keep every completed measure as it was. */
function measuresFit(command: SubmitRectificationPlan, state: RectificationOrderState): void {
  if (command.measures.length === 0) throw planMeasuresRequired();
  const ids = command.measures.map((m) => m.measureId);
  if (new Set(ids).size !== ids.length) throw planDuplicateMeasureIds();
  const issuedOn = state.issuedOn as CalendarDate;
  for (const measure of command.measures) {
    const outside = measure.dueDate < issuedOn || (state.currentDeadline !== null && measure.dueDate > state.currentDeadline);
    const alreadyDone = state.measures.some((m) => m.measureId === measure.measureId && m.status === 'DONE');
    if (outside && !alreadyDone) throw planMeasureOutOfRange(measure, issuedOn, state.currentDeadline);
  }
  for (const done of state.measures.filter((m) => m.status === 'DONE')) {
    const kept = command.measures.find((m) => m.measureId === done.measureId);
    if (!kept || kept.description !== done.description || kept.dueDate !== done.dueDate) throw completedMeasureChanged(done);
  }
}

/** Whether a plan moves any measure's date later than the plan (or the issue) in force. */
function movesDatesLater(state: RectificationOrderState, plan: RectificationPlan): boolean {
  const inForce: Array<Pick<PlannedMeasure, 'measureId' | 'dueDate'>> = approvedPlan(state)?.measures ?? state.measures;
  return plan.measures.some((m) => {
    const before = inForce.find((b) => b.measureId === m.measureId);
    return before !== undefined && m.dueDate > before.dueDate;
  });
}

function findPending(state: RectificationOrderState, planId: string): RectificationPlan {
  const plan = state.plans.find((p) => p.planId === planId);
  if (!plan) throw planNotFound(planId);
  if (plan.status !== 'SUBMITTED') throw planNotPending(plan);
  return plan;
}

export const planHandlers: OrderCommandHandlers<'SubmitRectificationPlan' | 'ApproveRectificationPlan' | 'ReturnRectificationPlan'> = {
  SubmitRectificationPlan: {
    guard: (state) => statusNotIn(state, 'SubmitRectificationPlan', PLAN_STATUSES) ?? alreadyPending(state),
    decide(command, state, ctx) {
      if (state.plans.some((p) => p.planId === command.planId)) throw planAlreadyExists();
      measuresFit(command, state);
      return [
        {
          type: 'RectificationPlanSubmitted',
          data: {
            planId: command.planId,
            version: state.plans.length + 1,
            leaderInCharge: command.leaderInCharge,
            measures: command.measures.map(({ measureId, description, dueDate, responsiblePerson }) => ({
              measureId,
              description,
              dueDate,
              responsiblePerson,
            })),
            note: command.note ?? null,
            submittedOn: today(ctx),
            submittedBy: ctx.actor.userId,
            submittedByDepartment: ctx.actor.department,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },

  ApproveRectificationPlan: {
    guard: (state) => statusNotIn(state, 'ApproveRectificationPlan', PLAN_STATUSES) ?? (pendingPlan(state) ? undefined : noPendingPlan()),
    decide(command, state, ctx) {
      const plan = findPending(state, command.planId);
      const required = needsProvincialSignOff(state) && movesDatesLater(state, plan);
      const provincialSignOff = provincialSignOffOf(state, command.provincialSignOff, required, '调整整改方案中的完成时限', today(ctx));
      return [
        {
          type: 'RectificationPlanApproved',
          data: {
            planId: plan.planId,
            version: plan.version,
            note: command.note ?? null,
            decidedOn: today(ctx),
            decidedBy: ctx.actor.userId,
            provincialSignOff,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },

  ReturnRectificationPlan: {
    guard: (state) => statusNotIn(state, 'ReturnRectificationPlan', PLAN_STATUSES) ?? (pendingPlan(state) ? undefined : noPendingPlan()),
    decide(command, state, ctx) {
      const plan = findPending(state, command.planId);
      return [
        {
          type: 'RectificationPlanReturned',
          data: {
            planId: plan.planId,
            version: plan.version,
            reasons: [...command.reasons],
            decidedOn: today(ctx),
            decidedBy: ctx.actor.userId,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },
};

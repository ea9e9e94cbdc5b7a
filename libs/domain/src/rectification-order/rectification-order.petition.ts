import type { DomainError } from '../shared/errors';
import { requireNotFuture } from '../shared/validation';
import type { PetitionFinding } from './rectification-order.commands';
import {
  alreadyConcludedInStages,
  followUpVisitRequired,
  measuresOutstanding,
  publishedBeforeForwarding,
  secondCheckRequired,
  linkedOrderIsSelf,
  linkedOrderWithoutDeadline,
  petitionFindingAlreadyReported,
  revisedFindingInvalid,
  secondCheckAlreadyRecorded,
  secondCheckNotRequired,
  visitAlreadyRecorded,
  visitBeforeForwarding,
} from './rectification-order.errors';
import type { PetitionCase, RectificationOrderState } from './rectification-order.state';
import {
  findingNotReported,
  notAPetition,
  occurredAt,
  OPEN_STATUSES,
  petitionOf,
  statusNotIn,
  today,
  type OrderCommandHandlers,
} from './rectification-order.command-handler';

/**
 * Petition cases (督察转办信访件): the investigation finding (调查核实情况报告), the second check of a
 * 不属实 finding, conclusion in stages, follow-up visits and 办结 with the result made public. Each
 * applies to petition cases only (ORD-PET-1).
 */

const REVISABLE_FINDINGS: readonly PetitionFinding[] = ['TRUE', 'BASICALLY_TRUE', 'PARTLY_TRUE'];

/** ORD-PET-2: a case has one finding; a wrong one is corrected by a second check. */
function findingAlreadyReported(state: RectificationOrderState): DomainError | undefined {
  const petition = state.petition;
  return petition?.finding ? petitionFindingAlreadyReported({ ...petition, finding: petition.finding }) : undefined;
}

/** ORD-PET-3: only a 不属实 finding is second-checked, once. */
function noSecondCheckOwed(petition: PetitionCase | null): DomainError | undefined {
  if (petition === null || petition.finding === null) return undefined;
  if (petition.secondCheck !== null) return secondCheckAlreadyRecorded(petition.secondCheck.checkedOn);
  return petition.finding === 'UNTRUE' ? undefined : secondCheckNotRequired(petition.finding);
}

/**
 * ORD-PET-6: 办结 needs the 调查核实情况报告 (the finding), the 复核 of a 不属实 finding, a 回访, and
 * every measure done unless the remaining work went to another order (阶段性办结, ORD-PET-4).
 */
function notConcludable(state: RectificationOrderState): DomainError | undefined {
  const petition = state.petition;
  if (!petition) return undefined;
  if (petition.finding === 'UNTRUE' && petition.secondCheck === null) return secondCheckRequired();
  if (petition.followUpVisits.length === 0) return followUpVisitRequired();
  const open = state.measures.filter((m) => m.status !== 'DONE');
  return open.length > 0 && !petition.stagedConclusion ? measuresOutstanding(open, 'ORD-PET-6') : undefined;
}

export const petitionHandlers: OrderCommandHandlers<
  'ReportPetitionFinding' | 'RecordSecondCheck' | 'ConcludeInStages' | 'RecordFollowUpVisit' | 'ConcludePetitionCase'
> = {
  ReportPetitionFinding: {
    guard: (state) =>
      notAPetition(state) ?? statusNotIn(state, 'ReportPetitionFinding', ['ASSIGNED', 'IN_PROGRESS']) ?? findingAlreadyReported(state),
    decide(command, state, ctx) {
      const petition = petitionOf(state);
      const reportedOn = today(ctx);
      return [
        {
          type: 'PetitionFindingReported',
          data: {
            finding: command.finding,
            summary: command.summary,
            reportedOn,
            dueOn: petition.reportDueOn,
            late: reportedOn > petition.reportDueOn,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },

  RecordSecondCheck: {
    guard: (state) =>
      notAPetition(state) ??
      statusNotIn(state, 'RecordSecondCheck', OPEN_STATUSES) ??
      findingNotReported(state.petition) ??
      noSecondCheckOwed(state.petition),
    decide(command, state, ctx) {
      const finding = petitionOf(state).finding as PetitionFinding;
      requireNotFuture(command.checkedOn, today(ctx), 'checkedOn', '复核日期');
      const revisedFinding = command.outcome === 'REVISED' ? command.revisedFinding : null;
      if (command.outcome === 'REVISED' && (revisedFinding === null || !REVISABLE_FINDINGS.includes(revisedFinding))) {
        throw revisedFindingInvalid();
      }
      return [
        {
          type: 'PetitionSecondCheckRecorded',
          data: {
            checkedOn: command.checkedOn,
            outcome: command.outcome,
            originalFinding: finding,
            revisedFinding,
            summary: command.summary,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },

  ConcludeInStages: {
    guard: (state) =>
      notAPetition(state) ??
      statusNotIn(state, 'ConcludeInStages', OPEN_STATUSES) ??
      findingNotReported(state.petition) ??
      (state.petition?.stagedConclusion ? alreadyConcludedInStages(state.petition.stagedConclusion.concludedOn) : undefined),
    decide(command, state, ctx) {
      if (command.linkedOrderId === state.orderId) throw linkedOrderIsSelf();
      if (command.linkedOrderDeadline == null) throw linkedOrderWithoutDeadline();
      return [
        {
          type: 'PetitionConcludedInStages',
          data: {
            linkedOrderId: command.linkedOrderId,
            linkedOrderDeadline: command.linkedOrderDeadline,
            summary: command.summary,
            concludedOn: today(ctx),
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },

  RecordFollowUpVisit: {
    guard: (state) =>
      notAPetition(state) ?? statusNotIn(state, 'RecordFollowUpVisit', [...OPEN_STATUSES, 'CLOSED']) ?? findingNotReported(state.petition),
    decide(command, state, ctx) {
      const petition = petitionOf(state);
      if (petition.followUpVisits.some((v) => v.visitId === command.visitId)) throw visitAlreadyRecorded();
      requireNotFuture(command.visitedOn, today(ctx), 'visitedOn', '回访日期');
      if (command.visitedOn < petition.forwardedOn) throw visitBeforeForwarding(command.visitedOn, petition.forwardedOn);
      return [
        {
          type: 'FollowUpVisitRecorded',
          data: {
            visitId: command.visitId,
            visitedOn: command.visitedOn,
            summary: command.summary,
            satisfied: command.satisfied ?? null,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },

  ConcludePetitionCase: {
    guard: (state) =>
      notAPetition(state) ??
      statusNotIn(state, 'ConcludePetitionCase', OPEN_STATUSES) ??
      findingNotReported(state.petition) ??
      notConcludable(state),
    decide(command, state, ctx) {
      const petition = petitionOf(state);
      const { channel, publishedOn, reference } = command.publication;
      requireNotFuture(publishedOn, today(ctx), 'publication.publishedOn', '公开日期');
      if (publishedOn < petition.forwardedOn) throw publishedBeforeForwarding(publishedOn, petition.forwardedOn);
      return [
        {
          type: 'PetitionCaseConcluded',
          data: {
            result: command.result.trim(),
            publication: { channel: channel.trim(), publishedOn, reference: reference?.trim() || null },
            concludedOn: today(ctx),
            concludedBy: ctx.actor.userId,
            finding: petition.finding as PetitionFinding,
            followUpVisits: petition.followUpVisits.length,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },
};

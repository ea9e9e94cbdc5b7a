import { departmentName } from '../reference/departments';
import { sectorAcceptanceDepartment } from '../reference/sectors';
import { addDays, addMonths, type CalendarDate } from '../shared/dates';
import type { CommandContext } from '../shared/decider';
import { isPersonalRef, samePersonalText, type Petitioner } from '../shared/personal-data';
import { requireNotFuture } from '../shared/validation';
import { addWorkingDays } from '../shared/working-calendar';
import { orderStatusLabels, type RectificationOrderState } from './rectification-order.state';
import type { BackfillOrder, IssueOrder, OrderAssignment, OrderSector } from './rectification-order.commands';
import type { RectificationOrderEvent } from './rectification-order.events';
import {
  acceptanceDepartmentRequired,
  backfillAssignmentNotAllowed,
  backfillAssignmentRequired,
  deadlineBeforeIssueDate,
  deadlineNotAllowedForOngoing,
  deadlineRequired,
  duplicateMeasureIds,
  evidenceAlreadyAttached,
  leadDepartmentListedAsCooperating,
  measureAlreadyCompleted,
  measureDueDateOutOfRange,
  noOpenMeasure,
  nothingToReassign,
  measuresUnchanged,
  orderAlreadyIssued,
  personalDataNotProtected,
  petitionDetailsMismatch,
  reportAlreadyRecorded,
  startedBeforeIssue,
} from './rectification-order.errors';
import {
  findMeasure,
  occurredAt,
  OPEN_STATUSES,
  statusNotIn,
  today,
  type OrderCommandHandlers,
} from './rectification-order.command-handler';

/**
 * Issuing, assigning and carrying out the rectification: from 已下达 to 整改中, measures, progress
 * reports and evidence. Field formats (required texts, dates, enums) are checked by the HTTP DTOs and
 * by the xlsx importer before a command gets here; the rules below hold for every writer.
 */

/** ORD-ISSUE-2: IMMEDIATE and BY_DATE orders need a deadline not before the issue date; ONGOING ones have none. */
export function deadlineFits(deadlineKind: string, deadline: CalendarDate | null, issuedOn: CalendarDate): void {
  if (deadlineKind === 'ONGOING') {
    if (deadline !== null) throw deadlineNotAllowedForOngoing();
    return;
  }
  if (deadline === null) throw deadlineRequired();
  if (deadline < issuedOn) throw deadlineBeforeIssueDate(deadline, issuedOn);
}

/** ORD-ISSUE-3: measures are set at issue, with distinct ids, each due between the issue date and the deadline. */
function measuresFit(command: Pick<IssueOrder, 'measures' | 'deadline'>, issuedOn: CalendarDate): void {
  const ids = command.measures.map((m) => m.measureId);
  if (new Set(ids).size !== ids.length) throw duplicateMeasureIds();
  for (const measure of command.measures) {
    const outside = measure.dueDate < issuedOn || (command.deadline !== null && measure.dueDate > command.deadline);
    if (outside) throw measureDueDateOutOfRange(measure, issuedOn);
  }
}

/** ORD-PII-1: a petitioner's name, contact and address reach the log only as references to the personal-data store. */
function petitionerProtected(petitioner: Petitioner): void {
  for (const field of ['name', 'contact', 'address'] as const) {
    const value: unknown = petitioner[field];
    if (value === null || value === undefined) {
      if (field === 'name') throw personalDataNotProtected(`petition.petitioner.${field}`);
      continue;
    }
    if (!isPersonalRef(value)) throw personalDataNotProtected(`petition.petitioner.${field}`);
  }
}

/** ORD-ISSUE-4: petition details exactly for petition cases; the first report is due N working days after forwarding. */
function petitionDetails(command: Pick<IssueOrder, 'source' | 'petition'>, issuedOn: CalendarDate, ctx: CommandContext) {
  const isPetition = command.source === 'PETITION';
  if (isPetition !== (command.petition != null)) throw petitionDetailsMismatch(isPetition);
  if (!command.petition) return null;
  const { forwardedOn, caseNumber, petitioner } = command.petition;
  requireNotFuture(forwardedOn, issuedOn, 'petition.forwardedOn', '转办日期');
  if (petitioner) petitionerProtected(petitioner);
  return {
    forwardedOn,
    caseNumber: caseNumber ?? null,
    ...(petitioner
      ? { petitioner: { name: petitioner.name, contact: petitioner.contact ?? null, address: petitioner.address ?? null } }
      : {}),
    reportDueOn: addWorkingDays(forwardedOn, ctx.config.petitionReportDays, ctx.config.calendar),
  };
}

/** ORD-ISSUE-1…4 for an order issued on `issuedOn` (today, or the original date of a backfilled one). */
function issuedEvent(
  command: Omit<IssueOrder, 'type'>,
  issuedOn: CalendarDate,
  ctx: CommandContext,
  backfill: { enteredBy: string; enteredByName: string; enteredOn: CalendarDate } | null,
): RectificationOrderEvent {
  deadlineFits(command.deadlineKind, command.deadline, issuedOn);
  measuresFit(command, issuedOn);
  const petition = petitionDetails(command, issuedOn, ctx);
  return {
    type: 'OrderIssued',
    data: {
      orderId: command.orderId,
      code: command.code,
      source: command.source,
      batch: command.batch,
      finding: command.finding,
      target: command.target,
      deadlineKind: command.deadlineKind,
      deadline: command.deadline,
      measures: command.measures.map(({ measureId, description, dueDate }) => ({ measureId, description, dueDate })),
      issuedOn,
      petition,
      firstPeriodicReportDueOn: command.deadlineKind === 'ONGOING' ? addMonths(issuedOn, ctx.config.ongoingReportIntervalMonths) : null,
      sector: command.sector ?? null,
      backfill,
      occurredAt: occurredAt(ctx),
    },
  };
}

/**
 * ORD-ASSIGN-1, ORD-ASSIGN-2: the lead department is not cooperating; 谁主管谁验收, the acceptance
 * department defaults to the one in charge of the finding's sector.
 */
function assignmentFits(assignment: OrderAssignment, sector: OrderSector | null) {
  if (assignment.cooperatingDepartments.includes(assignment.leadDepartment)) {
    throw leadDepartmentListedAsCooperating(departmentName(assignment.leadDepartment));
  }
  const acceptanceDepartment = assignment.acceptanceDepartment ?? (sector ? sectorAcceptanceDepartment(sector) : null);
  if (acceptanceDepartment === null) throw acceptanceDepartmentRequired();
  return {
    leadDepartment: assignment.leadDepartment,
    responsiblePerson: assignment.responsiblePerson ?? null,
    cooperatingDepartments: [...assignment.cooperatingDepartments],
    acceptanceDepartment,
    leaderInCharge: assignment.leaderInCharge ?? null,
  };
}

/**
 * ORD-PLAN-5: an order issued without measures owes the lead department's plan N days after
 * assignment; petition cases answer with their investigation report instead.
 */
function assignedEvent(
  assignment: OrderAssignment,
  state: Pick<RectificationOrderState, 'sector' | 'measures' | 'source'>,
  assignedOn: CalendarDate,
  ctx: CommandContext,
): RectificationOrderEvent {
  const owesPlan = state.measures.length === 0 && state.source !== 'PETITION';
  return {
    type: 'OrderAssigned',
    data: {
      ...assignmentFits(assignment, state.sector),
      assignedOn,
      planDueOn: owesPlan ? addDays(assignedOn, ctx.config.planSubmissionDays) : null,
      occurredAt: occurredAt(ctx),
    },
  };
}

/** ORD-BACKFILL-1: an order issued before the engine, with its original dates and its status now. */
function backfillEvents(command: BackfillOrder, ctx: CommandContext): RectificationOrderEvent[] {
  const entered = today(ctx);
  requireNotFuture(command.issuedOn, entered, 'issuedOn', '下达日期');
  const issued = issuedEvent(command, command.issuedOn, ctx, {
    enteredBy: ctx.actor.userId,
    enteredByName: ctx.actor.displayName,
    enteredOn: entered,
  });
  if (command.status === 'ISSUED') {
    if (command.assignment) throw backfillAssignmentNotAllowed();
    return [issued];
  }
  if (!command.assignment) throw backfillAssignmentRequired(orderStatusLabels[command.status]);
  const measures = command.measures.map((m) => ({ ...m, status: 'OPEN' as const, completedOn: null, note: null }));
  const events = [
    issued,
    assignedEvent(command.assignment, { sector: command.sector ?? null, measures, source: command.source }, entered, ctx),
  ];
  if (command.status === 'IN_PROGRESS') {
    const startedOn = command.startedOn ?? command.issuedOn;
    requireNotFuture(startedOn, entered, 'startedOn', '开始整改日期');
    if (startedOn < command.issuedOn) throw startedBeforeIssue(startedOn, command.issuedOn);
    events.push({ type: 'RectificationStarted', data: { startedOn, afterReopening: false, occurredAt: occurredAt(ctx) } });
  }
  return events;
}

function sameAssignment(state: RectificationOrderState, next: ReturnType<typeof assignmentFits>): boolean {
  const sorted = (list: string[]) => [...list].sort().join('|');
  return (
    state.leadDepartment === next.leadDepartment &&
    samePersonalText(state.responsiblePerson ?? null, next.responsiblePerson) &&
    sorted(state.cooperatingDepartments) === sorted(next.cooperatingDepartments) &&
    state.acceptanceDepartment === next.acceptanceDepartment &&
    (next.leaderInCharge === null || next.leaderInCharge === state.leaderInCharge)
  );
}

export const lifecycleHandlers: OrderCommandHandlers<
  | 'IssueOrder'
  | 'BackfillOrder'
  | 'AssignOrder'
  | 'ReassignOrder'
  | 'ReviseMeasures'
  | 'StartRectification'
  | 'ReportOrderProgress'
  | 'CompleteMeasure'
  | 'AttachEvidence'
> = {
  IssueOrder: {
    guard: (state) => (state.status !== null ? orderAlreadyIssued(state.code) : undefined),
    decide: (command, _state, ctx) => [issuedEvent(command, today(ctx), ctx, null)],
  },

  BackfillOrder: {
    guard: (state) => (state.status !== null ? orderAlreadyIssued(state.code) : undefined),
    decide: (command, _state, ctx) => backfillEvents(command, ctx),
  },

  AssignOrder: {
    guard: (state) => statusNotIn(state, 'AssignOrder', ['ISSUED']),
    decide: (command, state, ctx) => [assignedEvent(command, state, today(ctx), ctx)],
  },

  ReviseMeasures: {
    guard: (state) => statusNotIn(state, 'ReviseMeasures', ['ISSUED']),
    decide(command, state, ctx) {
      // ORD-ISSUE-5: the same checks as at issue, against the issue date and the deadline.
      measuresFit({ measures: command.measures, deadline: state.currentDeadline }, state.issuedOn ?? today(ctx));
      const measures = command.measures.map(({ measureId, description, dueDate }) => ({ measureId, description, dueDate }));
      const same = (a: typeof measures, b: typeof measures) => JSON.stringify(a) === JSON.stringify(b);
      const before = state.measures.map(({ measureId, description, dueDate }) => ({ measureId, description, dueDate }));
      if (same(before, measures)) throw measuresUnchanged();
      return [
        {
          type: 'MeasuresRevised',
          data: { measures, reason: command.reason ?? null, revisedBy: ctx.actor.userId, occurredAt: occurredAt(ctx) },
        },
      ];
    },
  },

  ReassignOrder: {
    guard: (state) => statusNotIn(state, 'ReassignOrder', OPEN_STATUSES),
    decide(command, state, ctx) {
      const next = assignmentFits(command, state.sector);
      if (sameAssignment(state, next)) throw nothingToReassign();
      return [
        {
          type: 'OrderReassigned',
          data: {
            ...next,
            leaderInCharge: next.leaderInCharge ?? state.leaderInCharge,
            reason: command.reason,
            decidedBy: ctx.actor.userId,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },

  StartRectification: {
    guard: (state) => statusNotIn(state, 'StartRectification', ['ASSIGNED', 'REOPENED']),
    decide: (_command, state, ctx) => [
      {
        type: 'RectificationStarted',
        data: { startedOn: today(ctx), afterReopening: state.status === 'REOPENED', occurredAt: occurredAt(ctx) },
      },
    ],
  },

  ReportOrderProgress: {
    guard: (state) => statusNotIn(state, 'ReportOrderProgress', ['IN_PROGRESS']),
    decide(command, state, ctx) {
      if (state.progressReports.some((r) => r.reportId === command.reportId)) throw reportAlreadyRecorded('进展报告');
      return [
        {
          type: 'OrderProgressReported',
          data: {
            reportId: command.reportId,
            summary: command.summary,
            percentComplete: command.percentComplete,
            reportedOn: today(ctx),
            reportedBy: ctx.actor.userId,
            reportedByDepartment: ctx.actor.department,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },

  CompleteMeasure: {
    guard: (state) =>
      statusNotIn(state, 'CompleteMeasure', ['IN_PROGRESS']) ??
      (state.measures.some((m) => m.status === 'OPEN') ? undefined : noOpenMeasure()),
    decide(command, state, ctx) {
      const measure = findMeasure(state, command.measureId);
      if (measure.status === 'DONE') throw measureAlreadyCompleted(measure);
      requireNotFuture(command.completedOn, today(ctx), 'completedOn', '完成日期');
      return [
        {
          type: 'MeasureCompleted',
          data: {
            measureId: measure.measureId,
            completedOn: command.completedOn,
            dueDate: measure.dueDate,
            late: command.completedOn > measure.dueDate,
            note: command.note ?? null,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },

  AttachEvidence: {
    guard: (state) => statusNotIn(state, 'AttachEvidence', OPEN_STATUSES),
    decide(command, state, ctx) {
      if (state.evidence.some((e) => e.evidenceId === command.evidenceId)) throw evidenceAlreadyAttached();
      if (command.measureId !== null) findMeasure(state, command.measureId);
      return [
        {
          type: 'EvidenceAttached',
          data: {
            evidenceId: command.evidenceId,
            title: command.title,
            uri: command.uri ?? null,
            measureId: command.measureId,
            lastingMechanism: command.lastingMechanism === true,
            attachedBy: ctx.actor.userId,
            attachedByDepartment: ctx.actor.department,
            file: command.file ?? null,
            phase: command.phase ?? null,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },
};

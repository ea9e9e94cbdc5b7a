import { departmentName } from '../reference/departments';
import { addDays, addMonths, type CalendarDate } from '../shared/dates';
import type { CommandContext } from '../shared/decider';
import { requireNotFuture } from '../shared/validation';
import type { IssueOrder } from './rectification-order.commands';
import {
  deadlineBeforeIssueDate,
  deadlineNotAllowedForOngoing,
  deadlineRequired,
  duplicateMeasureIds,
  evidenceAlreadyAttached,
  leadDepartmentListedAsCooperating,
  measureAlreadyCompleted,
  measureDueDateOutOfRange,
  noOpenMeasure,
  orderAlreadyIssued,
  petitionDetailsMismatch,
  reportAlreadyRecorded,
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
function measuresFit(command: IssueOrder, issuedOn: CalendarDate): void {
  const ids = command.measures.map((m) => m.measureId);
  if (new Set(ids).size !== ids.length) throw duplicateMeasureIds();
  for (const measure of command.measures) {
    const outside = measure.dueDate < issuedOn || (command.deadline !== null && measure.dueDate > command.deadline);
    if (outside) throw measureDueDateOutOfRange(measure, issuedOn);
  }
}

/** ORD-ISSUE-4: petition details exactly for petition cases; the first report is due N days after forwarding. */
function petitionDetails(command: IssueOrder, issuedOn: CalendarDate, ctx: CommandContext) {
  const isPetition = command.source === 'PETITION';
  if (isPetition !== (command.petition != null)) throw petitionDetailsMismatch(isPetition);
  if (!command.petition) return null;
  const { forwardedOn, caseNumber } = command.petition;
  requireNotFuture(forwardedOn, issuedOn, 'petition.forwardedOn', '转办日期');
  return { forwardedOn, caseNumber: caseNumber ?? null, reportDueOn: addDays(forwardedOn, ctx.config.petitionReportDays) };
}

export const lifecycleHandlers: OrderCommandHandlers<
  'IssueOrder' | 'AssignOrder' | 'StartRectification' | 'ReportOrderProgress' | 'CompleteMeasure' | 'AttachEvidence'
> = {
  IssueOrder: {
    guard: (state) => (state.status !== null ? orderAlreadyIssued(state.code) : undefined),
    decide(command, _state, ctx) {
      const issuedOn = today(ctx);
      deadlineFits(command.deadlineKind, command.deadline, issuedOn);
      measuresFit(command, issuedOn);
      const petition = petitionDetails(command, issuedOn, ctx);
      return [
        {
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
            firstPeriodicReportDueOn:
              command.deadlineKind === 'ONGOING' ? addMonths(issuedOn, ctx.config.ongoingReportIntervalMonths) : null,
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },

  AssignOrder: {
    guard: (state) => statusNotIn(state, 'AssignOrder', ['ISSUED']),
    decide(command, _state, ctx) {
      if (command.cooperatingDepartments.includes(command.leadDepartment)) {
        throw leadDepartmentListedAsCooperating(departmentName(command.leadDepartment));
      }
      return [
        {
          type: 'OrderAssigned',
          data: {
            leadDepartment: command.leadDepartment,
            responsiblePerson: command.responsiblePerson ?? null,
            cooperatingDepartments: [...command.cooperatingDepartments],
            acceptanceDepartment: command.acceptanceDepartment,
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
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },
};

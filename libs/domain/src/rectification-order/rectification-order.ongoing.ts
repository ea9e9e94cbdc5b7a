import { addMonths, type CalendarDate } from '../shared/dates';
import { notAnOngoingOrder, reportAlreadyRecorded } from './rectification-order.errors';
import { occurredAt, OPEN_STATUSES, statusNotIn, today, type OrderCommandHandlers } from './rectification-order.command-handler';

/** Ongoing (长期坚持) orders: no deadline, a periodic report every N months instead (ORD-ONGOING-1). */
export const ongoingHandlers: OrderCommandHandlers<'SubmitPeriodicReport'> = {
  SubmitPeriodicReport: {
    guard: (state) =>
      (state.deadlineKind !== 'ONGOING' || state.periodicReportDueOn === null ? notAnOngoingOrder() : undefined) ??
      statusNotIn(state, 'SubmitPeriodicReport', OPEN_STATUSES),
    decide(command, state, ctx) {
      if (state.periodicReports.some((r) => r.reportId === command.reportId)) throw reportAlreadyRecorded('定期报告');
      const reportedOn = today(ctx);
      const dueOn = state.periodicReportDueOn as CalendarDate;
      return [
        {
          type: 'PeriodicReportSubmitted',
          data: {
            reportId: command.reportId,
            summary: command.summary,
            reportedOn,
            dueOn,
            late: reportedOn > dueOn,
            nextDueOn: addMonths(reportedOn, ctx.config.ongoingReportIntervalMonths),
            occurredAt: occurredAt(ctx),
          },
        },
      ];
    },
  },
};

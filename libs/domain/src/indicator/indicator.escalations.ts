import { escalationId } from '../escalation/escalation-id';
import type { RaiseEscalation, ResolutionReason } from '../escalation/escalation.commands';
import { parseIndicatorPeriod } from './indicator.periods';
import { findPeriodValue, indicatorStreamId, type IndicatorState } from './indicator.state';
import {
  indicatorLag,
  indicatorStatus,
  missingIndicatorReports,
  type IndicatorJudgementOptions,
  type MissingReportOptions,
} from './indicator.status';

export type IndicatorEscalationOptions = IndicatorJudgementOptions & MissingReportOptions;

const TRAJECTORY_ITEM = 'trajectory:';
const REPORT_ITEM = 'report:';

/**
 * The escalations an indicator should have open at `now`, as the scheduler raises them: its lag
 * behind the trajectory (IND-ESC-1) and the values it owes (IND-ESC-2). An indicator waiting for 交办
 * has none: no department answers for it yet. Ids come from (stream, kind, item, due date, trigger),
 * so the same lag or the same missing value is always the same escalation.
 */
export function indicatorEscalations(
  indicatorId: string,
  state: IndicatorState,
  now: Date,
  options: IndicatorEscalationOptions = {},
): RaiseEscalation[] {
  if (state.status !== 'ASSIGNED') return [];
  const subject = {
    subjectType: 'INDICATOR' as const,
    subjectId: indicatorId,
    subjectCode: state.code,
    subjectName: state.name,
    department: state.leadDepartment,
    responsiblePerson: state.responsiblePerson,
  };
  const raise = (item: Omit<RaiseEscalation, 'type' | 'escalationId' | keyof typeof subject>): RaiseEscalation => ({
    type: 'RaiseEscalation',
    escalationId: escalationId({
      subjectStreamId: indicatorStreamId(indicatorId),
      kind: item.itemKind,
      itemId: item.itemId,
      dueDate: item.dueDate,
      trigger: item.trigger,
    }),
    ...subject,
    ...item,
  });
  const due: RaiseEscalation[] = [];
  const lag = indicatorLag(state, options);
  if (lag) {
    const since = parseIndicatorPeriod(lag.lagSince, state.reportingFrequency);
    due.push(
      raise({
        itemKind: 'INDICATOR_TRAJECTORY',
        itemId: lag.itemId,
        itemName: `自${since?.labelZh ?? lag.lagSince}起滞后于序时进度`,
        level: lag.level,
        trigger: lag.trigger,
        dueDate: lag.lagSinceEnd,
        originalDueDate: lag.lagSinceEnd,
      }),
    );
  }
  for (const missing of missingIndicatorReports(state, now, options)) {
    due.push(
      raise({
        itemKind: 'INDICATOR_REPORT',
        itemId: missing.itemId,
        itemName: `${missing.periodLabel}数值报送`,
        level: missing.level,
        trigger: missing.trigger,
        dueDate: missing.dueOn,
        originalDueDate: missing.dueOn,
      }),
    );
  }
  return due;
}

/**
 * Why an open escalation of this indicator is no longer due, or null while it is: `current` is what
 * `indicatorEscalations` gives now. A value that no longer lags or a value reported meets it
 * (COMPLETED); a higher level for the same item supersedes it; a correction that moves the start of
 * the lag, or a period no longer owed, withdraws it.
 */
export function indicatorEscalationResolution(
  state: IndicatorState,
  open: { escalationId: string; itemId: string },
  current: readonly RaiseEscalation[],
): { reason: ResolutionReason; note: string } | null {
  if (current.some((c) => c.escalationId === open.escalationId)) return null;
  if (current.some((c) => c.itemId === open.itemId)) {
    return { reason: 'SUPERSEDED', note: '报送已逾期，已生成更高等级预警，本条自动转入历史。' };
  }
  if (open.itemId.startsWith(REPORT_ITEM)) {
    const entry = findPeriodValue(state, open.itemId.slice(REPORT_ITEM.length));
    if (entry) {
      const label = parseIndicatorPeriod(entry.period, state.reportingFrequency)?.labelZh ?? entry.period;
      return { reason: 'COMPLETED', note: `${label}数值已于 ${entry.reported.reportedOn} 报送，预警自动解除。` };
    }
    return { reason: 'WITHDRAWN', note: '该统计期的数值已不再需要报送，预警自动解除。' };
  }
  if (open.itemId.startsWith(TRAJECTORY_ITEM)) {
    const standing = indicatorStatus(state);
    if (standing.status !== 'LAGGING') {
      return { reason: 'COMPLETED', note: `最新数值已不再滞后于序时进度（${standing.reasonZh}），预警自动解除。` };
    }
    return { reason: 'WITHDRAWN', note: '数值经更正后，滞后起始的统计期已变化，按新的滞后情况另行预警，本条自动转入历史。' };
  }
  return { reason: 'WITHDRAWN', note: '该预警事项已不再适用，预警自动解除。' };
}

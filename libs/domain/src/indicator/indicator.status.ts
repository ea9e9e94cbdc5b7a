import { daysBetween, shanghaiDate, type CalendarDate } from '../shared/dates';
import { indicatorAssessmentLabels, type IndicatorValue, type ReportingFrequency } from './indicator.definition';
import {
  defaultReportDueDays,
  firstPeriodOfYear,
  nextIndicatorPeriod,
  parseIndicatorPeriod,
  reportDueOn,
  type IndicatorPeriod,
  type PeriodSpan,
} from './indicator.periods';
import { findPeriodValue, type IndicatorPeriodValue, type IndicatorState } from './indicator.state';

/**
 * 达标 / 接近 / 滞后 / 无数据, and 待定目标 where a value exists but the plan gives nothing to judge it
 * by yet (完成省定目标任务值 before the province's figures are entered; 保持现状 without a baseline;
 * 稳中向好 with no earlier value).
 */
export type IndicatorStatus = 'ON_TARGET' | 'CLOSE' | 'LAGGING' | 'NO_DATA' | 'NOT_ASSESSABLE';

export const indicatorStatusLabels: Record<IndicatorStatus, string> = {
  ON_TARGET: '达标',
  CLOSE: '接近',
  LAGGING: '滞后',
  NO_DATA: '无数据',
  NOT_ASSESSABLE: '待定目标',
};

/**
 * 接近: a value that misses its yardstick by at most this share of the yardstick (2 %: PM2.5 against
 * 30.4 μg/m³ is 接近 up to 31.0; 优良天数 against 93.8 % up to 1.9 points short). A yardstick of 0
 * (劣Ⅴ类、黑臭水体) leaves no band: any value above it is 滞后, and so does 不降低 / 保持现状 (basis
 * BASELINE): any decline is 滞后. For a target the plan words as “左右” and for 稳中向好 the band
 * counts as met.
 */
export const DEFAULT_CLOSE_TOLERANCE = 0.02;

export interface IndicatorJudgementOptions {
  closeTolerance?: number;
}

export type YardstickSource = 'YEARLY_TARGET' | 'INTERPOLATED' | 'PLAN_TARGET' | 'BASELINE' | 'PREVIOUS_VALUE';

export interface Yardstick {
  value: number;
  source: YardstickSource;
  /** e.g. '2024年序时进度', '2025年规划目标', '上期（2023年）数值' */
  labelZh: string;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * The value due by the end of `year` (序时进度): the yearly target set for it; after the plan's last
 * year, the last year's; else, for a numeric 2025 target, the straight line from the 2020 baseline to
 * it (the target itself from 2025 on, and every year when the baseline already meets it); for
 * 不降低 / 保持现状, the baseline. null when nothing says.
 */
export function trajectoryFor(state: IndicatorState, year: number): Yardstick | null {
  if (state.measure !== 'NUMERIC') return null;
  const finalYear = state.target.year;
  const set = state.yearlyTargets.find((t) => t.year === Math.min(year, finalYear));
  if (set) return { value: set.value, source: 'YEARLY_TARGET', labelZh: `${set.year}年年度目标` };
  switch (state.target.basis) {
    case 'VALUE': {
      const target = state.target.value as number;
      if (year >= finalYear) return { value: target, source: 'PLAN_TARGET', labelZh: `${finalYear}年规划目标` };
      const baseline = state.baseline.value;
      if (baseline === null) return null;
      const alreadyMet = state.direction === 'AT_MOST' ? baseline <= target : baseline >= target;
      if (alreadyMet) return { value: target, source: 'PLAN_TARGET', labelZh: `${finalYear}年规划目标` };
      const share = (year - state.baseline.year) / (finalYear - state.baseline.year);
      return { value: round(baseline + (target - baseline) * share), source: 'INTERPOLATED', labelZh: `${year}年序时进度` };
    }
    case 'BASELINE':
      return state.baseline.value === null
        ? null
        : { value: state.baseline.value, source: 'BASELINE', labelZh: `${state.baseline.year}年基准值` };
    default:
      return null;
  }
}

/** The trajectory year by year over the plan period, for the chart; years with nothing to show are left out. */
export function trajectoryLine(state: IndicatorState): Array<{ year: number; value: number; source: YardstickSource }> {
  const line: Array<{ year: number; value: number; source: YardstickSource }> = [];
  for (let year = state.baseline.year + 1; year <= state.target.year; year++) {
    const point = trajectoryFor(state, year);
    if (point) line.push({ year, value: point.value, source: point.source });
  }
  return line;
}

export interface IndicatorPeriodJudgement {
  period: IndicatorPeriod;
  periodLabel: string;
  year: number;
  /** The value in force (after corrections). */
  value: IndicatorValue;
  reportedValue: IndicatorValue;
  corrected: boolean;
  status: Exclude<IndicatorStatus, 'NO_DATA'>;
  yardstick: Yardstick | null;
  /** How far the value is behind the yardstick, in the unit: positive behind, negative ahead; null when not compared. */
  gap: number | null;
  reasonZh: string;
}

function fmt(state: IndicatorState, value: number): string {
  return `${value}${state.unit ?? ''}`;
}

function compare(
  state: IndicatorState,
  value: number,
  yardstick: Yardstick,
  options: IndicatorJudgementOptions,
): { status: 'ON_TARGET' | 'CLOSE' | 'LAGGING'; gap: number } {
  const gap = round(state.direction === 'AT_MOST' ? value - yardstick.value : yardstick.value - value);
  if (gap <= 0) return { status: 'ON_TARGET', gap };
  const tolerance = state.target.basis === 'BASELINE' ? 0 : (options.closeTolerance ?? DEFAULT_CLOSE_TOLERANCE);
  const band = Math.abs(yardstick.value) * tolerance;
  if (gap > band) return { status: 'LAGGING', gap };
  const bandCountsAsMet = state.target.qualifier === 'ABOUT' || yardstick.source === 'PREVIOUS_VALUE';
  return { status: bandCountsAsMet ? 'ON_TARGET' : 'CLOSE', gap };
}

const COMPARISON_WORDS: Record<'ON_TARGET' | 'CLOSE' | 'LAGGING', string> = {
  ON_TARGET: '达到',
  CLOSE: '接近但未达到',
  LAGGING: '落后于',
};

function notAssessableReason(state: IndicatorState, year: number): string {
  switch (state.target.basis) {
    case 'PROVINCIAL_VALUE':
      return `目标为“${state.target.wording}”，尚未录入${year > state.target.year ? state.target.year : year}年省定目标值。`;
    case 'BASELINE':
      return `目标为“${state.target.wording}”，规划未给出${state.baseline.year}年基准值，请录入年度目标。`;
    case 'PREVIOUS_VALUE':
      return `目标为“${state.target.wording}”，需与上期数值比较，暂无上期数值。`;
    default:
      return `规划未给出${state.baseline.year}年基准值，无法计算${year}年序时进度，请录入年度目标。`;
  }
}

function judgePeriod(
  state: IndicatorState,
  entry: IndicatorPeriodValue,
  previous: IndicatorPeriodValue | undefined,
  options: IndicatorJudgementOptions,
): IndicatorPeriodJudgement {
  const span = parseIndicatorPeriod(entry.period, state.reportingFrequency) as PeriodSpan;
  const base = {
    period: entry.period,
    periodLabel: span.labelZh,
    year: span.year,
    value: entry.value,
    reportedValue: entry.reported.value,
    corrected: entry.corrections.length > 0,
  };
  if (typeof entry.value !== 'number') {
    const met = entry.value === 'MET';
    return {
      ...base,
      status: met ? 'ON_TARGET' : 'LAGGING',
      yardstick: null,
      gap: null,
      reasonZh: `${span.labelZh}：${indicatorAssessmentLabels[entry.value]}（目标：${state.target.wording}）`,
    };
  }
  const yardstick =
    trajectoryFor(state, span.year) ??
    (state.target.basis === 'PREVIOUS_VALUE' && previous && typeof previous.value === 'number'
      ? {
          value: previous.value,
          source: 'PREVIOUS_VALUE' as const,
          labelZh: `上期（${(parseIndicatorPeriod(previous.period, state.reportingFrequency) as PeriodSpan).labelZh}）数值`,
        }
      : null);
  if (!yardstick) {
    return {
      ...base,
      status: 'NOT_ASSESSABLE',
      yardstick: null,
      gap: null,
      reasonZh: `${span.labelZh}：${fmt(state, entry.value)}；${notAssessableReason(state, span.year)}`,
    };
  }
  const { status, gap } = compare(state, entry.value, yardstick, options);
  return {
    ...base,
    status,
    yardstick,
    gap,
    reasonZh: `${span.labelZh}：${fmt(state, entry.value)}，${COMPARISON_WORDS[status]}${yardstick.labelZh}（${fmt(state, yardstick.value)}）`,
  };
}

/** Every reported period, oldest first, judged against its year's yardstick. */
export function indicatorSeries(state: IndicatorState, options: IndicatorJudgementOptions = {}): IndicatorPeriodJudgement[] {
  return state.values.map((entry, i) => judgePeriod(state, entry, state.values[i - 1], options));
}

/** The value the plan sets for its last year, as a number, where one can be had. */
function finalTargetValue(state: IndicatorState): number | null {
  const finalSet = state.yearlyTargets.find((t) => t.year === state.target.year)?.value ?? null;
  switch (state.target.basis) {
    case 'VALUE':
      return state.target.value;
    case 'BASELINE':
      return state.baseline.value ?? finalSet;
    case 'PROVINCIAL_VALUE':
      return finalSet;
    default:
      return null;
  }
}

export interface IndicatorStatusResult {
  status: IndicatorStatus;
  /** The latest reported period and its judgement; null with NO_DATA. */
  latest: IndicatorPeriodJudgement | null;
  /** Whether the latest value already meets the plan's final (2025) target; null when it cannot be told. */
  targetMet: boolean | null;
  reasonZh: string;
}

/** The latest value against the year's trajectory (the status) and against the final target. */
export function indicatorStatus(state: IndicatorState, options: IndicatorJudgementOptions = {}): IndicatorStatusResult {
  const latest = indicatorSeries(state, options).at(-1) ?? null;
  if (!latest) return { status: 'NO_DATA', latest: null, targetMet: null, reasonZh: '尚未报送数值。' };
  let targetMet: boolean | null;
  if (typeof latest.value !== 'number') {
    targetMet = latest.value === 'MET';
  } else {
    const final = finalTargetValue(state);
    targetMet =
      final === null
        ? null
        : compare(state, latest.value, { value: final, source: 'PLAN_TARGET', labelZh: '' }, options).status === 'ON_TARGET';
  }
  return { status: latest.status, latest, targetMet, reasonZh: latest.reasonZh };
}

/**
 * A binding (约束性) indicator whose latest value lags its yardstick, for the escalation engine.
 * `lagSince` is the first period of the current run of lagging periods, so `itemId` stays the same
 * while the lag persists (one escalation) and a later on-track value ends it; a lag that comes back
 * later is a new item. Level 2 (red: the value already missed), 1 for a 力争 target.
 */
export interface IndicatorLag {
  period: IndicatorPeriod;
  lagSince: IndicatorPeriod;
  /** The last day of `lagSince`: the escalation key's due date. */
  lagSinceEnd: CalendarDate;
  itemId: string;
  trigger: 'indicator-lagging';
  level: 1 | 2;
  value: IndicatorValue;
  yardstick: Yardstick | null;
  gap: number | null;
  /** The lead department; null while the indicator is 待交办. */
  department: string | null;
  reasonZh: string;
}

export function indicatorLag(state: IndicatorState, options: IndicatorJudgementOptions = {}): IndicatorLag | null {
  if (state.attribute !== 'BINDING') return null;
  const series = indicatorSeries(state, options);
  const latest = series.at(-1);
  if (!latest || latest.status !== 'LAGGING') return null;
  let first = series.length - 1;
  while (first > 0 && series[first - 1].status === 'LAGGING') first--;
  const since = parseIndicatorPeriod(series[first].period, state.reportingFrequency) as PeriodSpan;
  return {
    period: latest.period,
    lagSince: since.period,
    lagSinceEnd: since.end,
    itemId: `trajectory:${since.period}`,
    trigger: 'indicator-lagging',
    level: state.target.qualifier === 'STRIVE' ? 1 : 2,
    value: latest.value,
    yardstick: latest.yardstick,
    gap: latest.gap,
    department: state.leadDepartment,
    reasonZh: latest.reasonZh,
  };
}

export interface MissingReportOptions {
  /** Days after a period's end by which its value is owed (defaults: defaultReportDueDays). */
  reportDueDays?: Partial<Record<ReportingFrequency, number>>;
  /** A level 0 notice this many days before a report is due (default 7). */
  noticeDays?: number;
}

/** A period whose value is due soon (level 0) or overdue (level 1) and not reported. */
export interface MissingIndicatorReport {
  period: IndicatorPeriod;
  periodLabel: string;
  periodEnd: CalendarDate;
  dueOn: CalendarDate;
  daysOverdue: number;
  itemId: string;
  trigger: 'report-due' | 'report-missing';
  level: 0 | 1;
  department: string | null;
}

/**
 * The reports an assigned indicator owes at `now`. Only periods due on or after the first 交办 are
 * owed: before it no department answers for the indicator (docs/domain.md: 待交办).
 */
export function missingIndicatorReports(state: IndicatorState, now: Date, options: MissingReportOptions = {}): MissingIndicatorReport[] {
  const owedFrom = state.assignments[0]?.on;
  if (state.status !== 'ASSIGNED' || !owedFrom) return [];
  const frequency = state.reportingFrequency;
  const dueDays = options.reportDueDays?.[frequency] ?? defaultReportDueDays[frequency];
  const noticeDays = options.noticeDays ?? 7;
  const today = shanghaiDate(now);
  const missing: MissingIndicatorReport[] = [];
  for (let span = firstPeriodOfYear(state.baseline.year + 1, frequency); span.end < today; span = nextIndicatorPeriod(span, frequency)) {
    const dueOn = reportDueOn(span, dueDays);
    if (dueOn < owedFrom || findPeriodValue(state, span.period)) continue;
    if (daysBetween(today, dueOn) > noticeDays) continue;
    const overdue = today > dueOn;
    missing.push({
      period: span.period,
      periodLabel: span.labelZh,
      periodEnd: span.end,
      dueOn,
      daysOverdue: Math.max(0, daysBetween(dueOn, today)),
      itemId: `report:${span.period}`,
      trigger: overdue ? 'report-missing' : 'report-due',
      level: overdue ? 1 : 0,
      department: state.leadDepartment,
    });
  }
  return missing;
}

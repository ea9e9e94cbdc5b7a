/**
 * What the 指标 pages share: the view types of /api/v1/indicators and the domain's own labels
 * (imported from libs/domain, pure TypeScript), so a page restates no rule.
 */
import { indicatorCommandLabels } from '../../../libs/domain/src/indicator/indicator.commands';
import {
  indicatorAssessmentLabels,
  indicatorAttributeLabels,
  indicatorCategoryLabels,
  type IndicatorValue,
  type ReportingFrequency,
} from '../../../libs/domain/src/indicator/indicator.definition';
import { firstPeriodOfYear, nextIndicatorPeriod, parseIndicatorPeriod } from '../../../libs/domain/src/indicator/indicator.periods';
import { indicatorStatusLabels, type IndicatorStatus } from '../../../libs/domain/src/indicator/indicator.status';
import type { AllowedAction } from './domain';

export { indicatorAttributeLabels, indicatorCategoryLabels, indicatorCommandLabels, indicatorStatusLabels };
export type { IndicatorStatus, IndicatorValue, ReportingFrequency };

export const indicatorStatusColors: Record<IndicatorStatus, string> = {
  ON_TARGET: 'success',
  CLOSE: 'gold',
  LAGGING: 'error',
  NO_DATA: 'default',
  NOT_ASSESSABLE: 'purple',
};

/** Line colours of the charts: value, trajectory (序时进度), 2025 target. */
export const chartColors = { value: '#1f6f4a', trajectory: '#fa8c16', target: '#cf1322' };

export interface Yardstick {
  value: number;
  source: string;
  labelZh: string;
}

export interface IndicatorLatest {
  period: string;
  periodLabel: string;
  value: IndicatorValue;
  corrected: boolean;
  yardstick: Yardstick | null;
  gap: number | null;
}

export interface IndicatorSummary {
  id: string;
  code: string;
  name: string;
  category: string | null;
  categoryLabel: string | null;
  attribute: string | null;
  attributeLabel: string | null;
  measure: 'NUMERIC' | 'QUALITATIVE';
  unit: string | null;
  directionSymbol: string | null;
  reportingFrequencyLabel: string;
  assignmentStatus: 'UNASSIGNED' | 'ASSIGNED';
  assignmentStatusLabel: string;
  leadDepartment: string | null;
  leadDepartmentName: string | null;
  status: IndicatorStatus;
  statusLabel: string;
  baseline: { year: number; value: number | null; wording: string | null };
  target: { year: number; value: number | null; wording: string; qualifier: string | null };
  latest: IndicatorLatest | null;
  latestTrajectory: Yardstick | null;
  sparkline: Array<{ period: string; value: IndicatorValue; status: IndicatorStatus }>;
}

export interface SeriesPoint {
  period: string;
  periodLabel: string;
  year: number;
  value: IndicatorValue;
  reportedValue: IndicatorValue;
  corrected: boolean;
  status: IndicatorStatus;
  statusLabel: string;
  yardstick: Yardstick | null;
  reasonZh: string;
}

export interface PeriodValue {
  period: string;
  value: IndicatorValue;
  source: string;
  reported: { value: IndicatorValue; source: string; note: string | null; reportedOn: string; reportedByName: string };
  corrections: Array<{
    previousValue: IndicatorValue;
    value: IndicatorValue;
    reason: string;
    correctedOn: string;
    correctedByName: string;
  }>;
}

export interface IndicatorDetailView extends IndicatorSummary {
  allowedActions: AllowedAction[];
  reportingFrequency: ReportingFrequency;
  cooperatingDepartments: string[];
  cooperatingDepartmentNames: string[];
  leaderInCharge: { name: string; title: string } | null;
  responsiblePerson: string | null;
  assignedOn: string | null;
  source: string;
  planText: string | null;
  note: string | null;
  statusReason: string;
  series: SeriesPoint[];
  trajectory: Array<{ year: number; value: number; source: string }>;
  yearlyTargets: Array<{ year: number; value: number }>;
  values: PeriodValue[];
  contributingProjects: Array<{ projectId: string; projectCode: string; projectName: string }>;
  version: number;
  asOf: string | null;
}

/** A value as people read it: the number with its unit, or 达到 / 未达到. */
export function fmtValue(value: IndicatorValue | null | undefined, unit: string | null): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return `${value}${unit ?? ''}`;
  return indicatorAssessmentLabels[value];
}

/** The 2025 target as the plan words it, with the direction where the target is a number. */
export function fmtTarget(i: Pick<IndicatorSummary, 'target' | 'directionSymbol' | 'unit'>): string {
  if (i.target.value === null) return i.target.wording;
  const plain = `${i.directionSymbol ?? ''}${i.target.value}${i.unit ?? ''}`;
  return i.target.wording === String(i.target.value) ? plain : `${plain}（${i.target.wording}）`;
}

export function fmtBaseline(i: Pick<IndicatorSummary, 'baseline' | 'unit'>): string {
  if (i.baseline.value !== null) return `${i.baseline.value}${i.unit ?? ''}`;
  return i.baseline.wording ?? '—';
}

export function periodLabel(period: string, frequency: ReportingFrequency): string {
  return parseIndicatorPeriod(period, frequency)?.labelZh ?? period;
}

/** The periods from 2021 that have ended by `today` and have no value yet, latest first: what a report may name. */
export function reportablePeriods(frequency: ReportingFrequency, reported: string[], today: string): string[] {
  const periods: string[] = [];
  for (let span = firstPeriodOfYear(2021, frequency); span.end < today; span = nextIndicatorPeriod(span, frequency)) {
    if (!reported.includes(span.period)) periods.push(span.period);
  }
  return periods.reverse();
}

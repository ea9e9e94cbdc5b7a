import { addDays, addMonths, type CalendarDate } from '../shared/dates';
import type { ReportingFrequency } from './indicator.definition';

/**
 * A reporting period: 'YYYY' (annual), 'YYYY-Qn' (quarterly) or 'YYYY-MM' (monthly). Periods of one
 * frequency sort lexicographically. A sub-annual value is the year-to-date figure (e.g. PM2.5 average
 * January–July), so it is judged against that year's target.
 */
export type IndicatorPeriod = string;

export interface PeriodSpan {
  period: IndicatorPeriod;
  year: number;
  start: CalendarDate;
  end: CalendarDate;
  labelZh: string;
}

const PATTERNS: Record<ReportingFrequency, RegExp> = {
  MONTHLY: /^(\d{4})-(0[1-9]|1[0-2])$/,
  QUARTERLY: /^(\d{4})-Q([1-4])$/,
  ANNUAL: /^(\d{4})$/,
};

const QUARTER_NAMES = ['一', '二', '三', '四'];

export const periodFormats: Record<ReportingFrequency, { pattern: string; example: string }> = {
  MONTHLY: { pattern: 'YYYY-MM', example: '2024-07' },
  QUARTERLY: { pattern: 'YYYY-Qn', example: '2024-Q3' },
  ANNUAL: { pattern: 'YYYY', example: '2024' },
};

/** The span of `period` for an indicator reported at `frequency`; null when it is not such a period. */
export function parseIndicatorPeriod(period: unknown, frequency: ReportingFrequency): PeriodSpan | null {
  if (typeof period !== 'string') return null;
  const match = PATTERNS[frequency].exec(period);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 1900) return null;
  switch (frequency) {
    case 'ANNUAL':
      return { period, year, start: `${match[1]}-01-01`, end: `${match[1]}-12-31`, labelZh: `${year}年` };
    case 'QUARTERLY': {
      const quarter = Number(match[2]);
      const start = `${match[1]}-${String(quarter * 3 - 2).padStart(2, '0')}-01`;
      return { period, year, start, end: addDays(addMonths(start, 3), -1), labelZh: `${year}年第${QUARTER_NAMES[quarter - 1]}季度` };
    }
    case 'MONTHLY': {
      const start = `${match[1]}-${match[2]}-01`;
      return { period, year, start, end: addDays(addMonths(start, 1), -1), labelZh: `${year}年${Number(match[2])}月` };
    }
  }
}

/** The period of `frequency` that follows `span`. */
export function nextIndicatorPeriod(span: PeriodSpan, frequency: ReportingFrequency): PeriodSpan {
  const start = addDays(span.end, 1);
  const [year, month] = start.split('-');
  const period = frequency === 'ANNUAL' ? year : frequency === 'QUARTERLY' ? `${year}-Q${(Number(month) + 2) / 3}` : `${year}-${month}`;
  return parseIndicatorPeriod(period, frequency) as PeriodSpan;
}

/** The first period of `frequency` in `year`. */
export function firstPeriodOfYear(year: number, frequency: ReportingFrequency): PeriodSpan {
  const period = frequency === 'ANNUAL' ? `${year}` : frequency === 'QUARTERLY' ? `${year}-Q1` : `${year}-01`;
  return parseIndicatorPeriod(period, frequency) as PeriodSpan;
}

/**
 * Calendar days after a period's last day by which its value is owed. Monitoring data are out within
 * days of a month's or quarter's end; annual statistics (能源、经济、林草调查) have preliminary figures
 * by the end of the first quarter, and a later yearbook figure is recorded as a correction.
 */
export const defaultReportDueDays: Record<ReportingFrequency, number> = {
  MONTHLY: 10,
  QUARTERLY: 15,
  ANNUAL: 90,
};

export function reportDueOn(span: PeriodSpan, dueDays: number): CalendarDate {
  return addDays(span.end, dueDays);
}

import type { Timeliness } from '@app/domain';

/**
 * Timeliness of a read_models.deadlines row (alias `d`) in SQL, the same rule as the domain's
 * evaluateTimeliness, so the calendar can filter and page on it: an order's deadline is at risk
 * while one of its measures is overdue (`open_measure_due`, kept by DeadlineProjection).
 * `p` binds its inputs as query parameters when they are used: today (date), yellow days, largest notice days.
 */
export interface TimelinessParams {
  today(): string;
  yellowDays(): string;
  noticeDays(): string;
}

export function timelinessSql(p: TimelinessParams): string {
  const today = p.today();
  return `CASE
    WHEN d.done_on IS NOT NULL THEN 'DONE'
    WHEN d.due_date < ${today}::date THEN 'OVERDUE'
    WHEN d.due_date - ${today}::date <= ${p.yellowDays()}::int
      OR (d.kind = 'ORDER_DEADLINE' AND d.open_measure_due < ${today}::date)
      THEN 'AT_RISK'
    WHEN d.due_date - ${today}::date <= ${p.noticeDays()}::int THEN 'DUE_SOON'
    ELSE 'ON_TRACK'
  END`;
}

/**
 * A WHERE condition on `d`'s own columns that selects exactly the rows whose timelinessSql is
 * `value`. DONE and OVERDUE are plain column ranges (the partial index on open items serves them);
 * the others are narrowed to open, not-yet-due items by those ranges first and then decided by the
 * rule itself, so the two can never disagree.
 */
export function timelinessFilterSql(value: Timeliness, p: TimelinessParams): string {
  switch (value) {
    case 'DONE':
      return `d.done_on IS NOT NULL`;
    case 'OVERDUE':
      return `(d.done_on IS NULL AND d.due_date < ${p.today()}::date)`;
    case 'AT_RISK':
    case 'DUE_SOON':
    case 'ON_TRACK':
      return `(d.done_on IS NULL AND d.due_date >= ${p.today()}::date AND ${timelinessSql(p)} = '${value}')`;
    default:
      throw new Error(`unknown timeliness ${String(value)}`);
  }
}

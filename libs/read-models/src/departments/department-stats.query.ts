import type { Queryable } from '@app/event-store';

export interface DepartmentStats {
  open: number;
  overdue: number;
  closed: number;
  /** Share (0–1) of decided items met on or before their original date; null when none is decided yet. */
  onTimeRateOriginal: number | null;
  /** The same against the date in force after extensions / approved baseline changes. */
  onTimeRateCurrent: number | null;
  /** Mean days past the current date over late items (met late, or open and overdue); null when none. */
  avgDaysOverdue: number | null;
  openEscalationsByLevel: Record<'0' | '1' | '2' | '3' | '4', number>;
}

/*
 * The items a department is measured on are its orders' deadlines and its projects' milestones
 * (read_models.deadlines kinds ORDER_DEADLINE and MILESTONE). An item is "decided" against a date
 * once it is met or that date has passed: an open item past its date is already late, one not yet
 * due is left out. On time = met on or before the date.
 */
const ITEM_STATS_SQL = `
SELECT department,
  count(*) FILTER (WHERE done_on IS NULL)                                        AS open,
  count(*) FILTER (WHERE done_on IS NULL AND due_date < $1::date)                AS overdue,
  count(*) FILTER (WHERE done_on IS NOT NULL)                                    AS closed,
  count(*) FILTER (WHERE done_on IS NOT NULL OR original_due_date < $1::date)    AS decided_original,
  count(*) FILTER (WHERE done_on <= original_due_date)                           AS on_time_original,
  count(*) FILTER (WHERE done_on IS NOT NULL OR due_date < $1::date)             AS decided_current,
  count(*) FILTER (WHERE done_on <= due_date)                                    AS on_time_current,
  avg(coalesce(done_on, $1::date) - due_date) FILTER (WHERE coalesce(done_on, $1::date) > due_date) AS avg_days_overdue
FROM read_models.deadlines
WHERE kind IN ('ORDER_DEADLINE', 'MILESTONE') AND department IS NOT NULL AND ($2::text IS NULL OR department = $2)
GROUP BY department`;

const ESCALATION_STATS_SQL = `
SELECT department, level, count(*) AS n FROM read_models.escalations
WHERE status = 'OPEN' AND department IS NOT NULL AND ($1::text IS NULL OR department = $1)
GROUP BY department, level`;

interface ItemRow {
  department: string;
  open: string;
  overdue: string;
  closed: string;
  decided_original: string;
  on_time_original: string;
  decided_current: string;
  on_time_current: string;
  avg_days_overdue: string | null;
}

const ratio = (n: string, d: string) => (Number(d) === 0 ? null : Math.round((Number(n) / Number(d)) * 1000) / 1000);

export function emptyDepartmentStats(): DepartmentStats {
  return {
    open: 0,
    overdue: 0,
    closed: 0,
    onTimeRateOriginal: null,
    onTimeRateCurrent: null,
    avgDaysOverdue: null,
    openEscalationsByLevel: { '0': 0, '1': 0, '2': 0, '3': 0, '4': 0 },
  };
}

/** Per department, computed from the deadline and escalation read models as of `today` (Shanghai). */
export async function departmentStats(
  db: Queryable,
  today: string,
  department: string | null = null,
): Promise<Map<string, DepartmentStats>> {
  const stats = new Map<string, DepartmentStats>();
  const get = (d: string) => stats.get(d) ?? stats.set(d, emptyDepartmentStats()).get(d)!;
  const items = await db.query<ItemRow>(ITEM_STATS_SQL, [today, department]);
  for (const r of items.rows) {
    Object.assign(get(r.department), {
      open: Number(r.open),
      overdue: Number(r.overdue),
      closed: Number(r.closed),
      onTimeRateOriginal: ratio(r.on_time_original, r.decided_original),
      onTimeRateCurrent: ratio(r.on_time_current, r.decided_current),
      avgDaysOverdue: r.avg_days_overdue === null ? null : Math.round(Number(r.avg_days_overdue) * 10) / 10,
    });
  }
  const escalations = await db.query<{ department: string; level: number; n: string }>(ESCALATION_STATS_SQL, [department]);
  for (const r of escalations.rows) {
    get(r.department).openEscalationsByLevel[String(r.level) as '0'] = Number(r.n);
  }
  return stats;
}

import {
  averageDaysOverdue,
  countOrder,
  emptyDepartmentFigures,
  figureRate,
  type DepartmentOrderFigures,
  type RectificationOrderState,
} from '@app/domain';
import type { Queryable } from '@app/event-store';

/**
 * One department's figures: its orders as lead department (牵头单位), counted by the one definition of
 * the order figures (libs/domain order-figures.ts, docs/figures.md), the same as the ledger's league
 * table; and its open escalations by level.
 */
export interface DepartmentStats {
  /** Orders issued and not 已销号 (an order 验收通过 or 拟销号公示中 is still open). */
  open: number;
  /** Open orders past their current deadline. */
  overdue: number;
  /** Orders 已销号. */
  closed: number;
  /** Share (0–1) of closed orders with a deadline that closed on or before the original deadline; null when none. */
  onTimeRateOriginal: number | null;
  /** The same against the current deadline (moved by approved extensions and reopenings). */
  onTimeRateCurrent: number | null;
  /** Mean days past the current deadline over the overdue orders; null when none is overdue. */
  avgDaysOverdue: number | null;
  openEscalationsByLevel: Record<'0' | '1' | '2' | '3' | '4', number>;
}

const ORDERS_SQL = `
SELECT lead_department AS department, state FROM read_models.rectification_orders
WHERE lead_department IS NOT NULL AND ($1::text IS NULL OR lead_department = $1)`;

const ESCALATION_STATS_SQL = `
SELECT department, level, count(*) AS n FROM read_models.escalations
WHERE status = 'OPEN' AND department IS NOT NULL AND ($1::text IS NULL OR department = $1)
GROUP BY department, level`;

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

/** Per department, computed from the orders and escalation read models as of `today` (Shanghai). */
export async function departmentStats(
  db: Queryable,
  today: string,
  department: string | null = null,
): Promise<Map<string, DepartmentStats>> {
  const stats = new Map<string, DepartmentStats>();
  const get = (d: string) => stats.get(d) ?? stats.set(d, emptyDepartmentStats()).get(d)!;
  const figures = new Map<string, DepartmentOrderFigures>();
  const orders = await db.query<{ department: string; state: RectificationOrderState }>(ORDERS_SQL, [department]);
  for (const r of orders.rows) {
    countOrder(figures.get(r.department) ?? figures.set(r.department, emptyDepartmentFigures()).get(r.department)!, r.state, today);
  }
  for (const [id, f] of figures) {
    Object.assign(get(id), {
      open: f.open,
      overdue: f.overdue,
      closed: f.closed,
      onTimeRateOriginal: figureRate(f.onTimeOriginal, f.closedWithDeadline),
      onTimeRateCurrent: figureRate(f.onTimeCurrent, f.closedWithDeadline),
      avgDaysOverdue: averageDaysOverdue(f),
    });
  }
  const escalations = await db.query<{ department: string; level: number; n: string }>(ESCALATION_STATS_SQL, [department]);
  for (const r of escalations.rows) {
    get(r.department).openEscalationsByLevel[String(r.level) as '0'] = Number(r.n);
  }
  return stats;
}

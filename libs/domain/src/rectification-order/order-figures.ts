import { daysBetween, type CalendarDate } from '../shared/dates';
import type { OrderStatus, RectificationOrderState } from './rectification-order.state';

/**
 * One definition of the order figures (docs/figures.md): the ledger's 及时性 column and filter, the
 * order page, the league table (单位排名), the cockpit counts and the overdue chart all ask these
 * functions, so that no two of them can count an order differently.
 *
 * - open (在办): issued and not closed (已销号); an order 验收通过 or 拟销号公示中 is still open.
 * - overdue (逾期): open, with a current deadline (现行整改时限) before today (Asia/Shanghai). The due
 *   day counts in full.
 * - closed (已销号): status CLOSED.
 * - on time (按期): closed on or before the deadline; counted against the original deadline (原时限,
 *   never moved) and against the current one (moved by approved extensions and reopenings).
 */
export type OrderTimeliness = 'ON_TRACK' | 'DUE_SOON' | 'OVERDUE' | 'DONE_ON_TIME' | 'DONE_LATE' | 'NO_DEADLINE';
export const ORDER_TIMELINESS: OrderTimeliness[] = ['ON_TRACK', 'DUE_SOON', 'OVERDUE', 'DONE_ON_TIME', 'DONE_LATE', 'NO_DEADLINE'];
export const orderTimelinessLabels: Record<OrderTimeliness, string> = {
  ON_TRACK: '正常推进',
  DUE_SOON: '即将到期（30日内）',
  OVERDUE: '已逾期',
  DONE_ON_TIME: '按期销号',
  DONE_LATE: '逾期销号',
  NO_DEADLINE: '长期坚持（无时限）',
};
/** An open order is 即将到期 when its current deadline is this many days away or fewer. */
export const DUE_SOON_DAYS = 30;

type FigureFields = Pick<RectificationOrderState, 'status' | 'originalDeadline' | 'currentDeadline' | 'closedOn'>;

export const isOrderOpen = (s: Pick<RectificationOrderState, 'status'>): boolean => s.status !== null && s.status !== 'CLOSED';
export const isOrderClosed = (s: Pick<RectificationOrderState, 'status'>): boolean => s.status === ('CLOSED' satisfies OrderStatus);

/** Open and past its current deadline on `today`. */
export function isOrderOverdue(s: FigureFields, today: CalendarDate): boolean {
  return isOrderOpen(s) && s.currentDeadline !== null && s.currentDeadline < today;
}

/** Days an open order is past its current deadline (0 when not overdue). */
export function orderDaysOverdue(s: FigureFields, today: CalendarDate): number {
  return isOrderOverdue(s, today) ? daysBetween(s.currentDeadline as CalendarDate, today) : 0;
}

/** Closed on time against the original and against the current deadline; null when not closed or without a deadline. */
export function orderClosedOnTime(s: FigureFields): { original: boolean; current: boolean } | null {
  if (!isOrderClosed(s) || !s.closedOn || !s.originalDeadline || !s.currentDeadline) return null;
  return { original: s.closedOn <= s.originalDeadline, current: s.closedOn <= s.currentDeadline };
}

/** 及时性 of one order on `today`, in the words of the ledger. */
export function orderTimeliness(s: FigureFields, today: CalendarDate): OrderTimeliness {
  if (isOrderClosed(s)) {
    if (!s.currentDeadline || !s.closedOn) return 'DONE_ON_TIME';
    return s.closedOn <= s.currentDeadline ? 'DONE_ON_TIME' : 'DONE_LATE';
  }
  if (!s.currentDeadline) return 'NO_DEADLINE';
  if (s.currentDeadline < today) return 'OVERDUE';
  return daysBetween(today, s.currentDeadline) <= DUE_SOON_DAYS ? 'DUE_SOON' : 'ON_TRACK';
}

/** The figures of one department (its orders as lead department), as the league table shows them. */
export interface DepartmentOrderFigures {
  open: number;
  overdue: number;
  closed: number;
  /** Closed orders that had a deadline: the base of both on-time rates. */
  closedWithDeadline: number;
  onTimeOriginal: number;
  onTimeCurrent: number;
  daysOverdue: number;
}

export const emptyDepartmentFigures = (): DepartmentOrderFigures => ({
  open: 0,
  overdue: 0,
  closed: 0,
  closedWithDeadline: 0,
  onTimeOriginal: 0,
  onTimeCurrent: 0,
  daysOverdue: 0,
});

/** Adds one order to its department's figures. */
export function countOrder(into: DepartmentOrderFigures, s: FigureFields, today: CalendarDate): DepartmentOrderFigures {
  if (isOrderClosed(s)) into.closed++;
  else if (isOrderOpen(s)) into.open++;
  if (isOrderOverdue(s, today)) {
    into.overdue++;
    into.daysOverdue += orderDaysOverdue(s, today);
  }
  const onTime = orderClosedOnTime(s);
  if (onTime) {
    into.closedWithDeadline++;
    if (onTime.original) into.onTimeOriginal++;
    if (onTime.current) into.onTimeCurrent++;
  }
  return into;
}

/** A share rounded to three decimals; null when there is nothing to share. */
export const figureRate = (n: number, of: number): number | null => (of === 0 ? null : Math.round((n / of) * 1000) / 1000);

/** Mean days past the current deadline over the overdue orders, to one decimal; null when none is overdue. */
export const averageDaysOverdue = (f: Pick<DepartmentOrderFigures, 'overdue' | 'daysOverdue'>): number | null =>
  f.overdue === 0 ? null : Math.round((f.daysOverdue / f.overdue) * 10) / 10;

import { addDays, daysBetween, shanghaiDate, type CalendarDate } from '../shared/dates';
import type { DeadlineItem, DeadlineItemKind } from './deadline-item';
import type { EscalationThresholds } from './escalation.thresholds';

export type Timeliness = 'ON_TRACK' | 'DUE_SOON' | 'AT_RISK' | 'OVERDUE' | 'DONE';

export const timelinessLabels: Record<Timeliness, string> = {
  ON_TRACK: '正常推进',
  DUE_SOON: '临近期限（蓝色）',
  AT_RISK: '存在风险（黄色）',
  OVERDUE: '已逾期（红色）',
  DONE: '已完成',
};

export type EscalationLevel = 0 | 1 | 2 | 3 | 4;

export const escalationLevelLabels: Record<EscalationLevel, string> = {
  0: '提醒（临近期限）',
  1: '黄色预警（即将到期）',
  2: '红色预警（已逾期）',
  3: '挂牌督办（严重逾期）',
  4: '问责（长期逾期）',
};

/**
 * Which threshold raised an escalation. Two notices share level 0, so the trigger, not the level,
 * names an escalation of an item; e.g. 'notice-15', 'notice-7', 'yellow', 'red', 'listed',
 * 'accountability', 'measure-behind'.
 */
export interface EscalationTrigger {
  level: EscalationLevel;
  trigger: string;
}

/** Days past the due date (0 while the due day has not ended), by the Shanghai calendar. */
export function daysOverdue(dueDate: CalendarDate, today: CalendarDate): number {
  return Math.max(0, daysBetween(dueDate, today));
}

/**
 * Timeliness of one item at `now`. The due day counts in full: an item due 2024-06-30 is overdue from
 * 2024-07-01T00:00:00+08:00, whatever the server's time zone. `measureBehind` marks an order
 * deadline whose order has a measure past its own date (ESC-LEVEL-1: yellow).
 */
export function evaluateTimeliness(
  item: Pick<DeadlineItem, 'dueDate' | 'doneOn'>,
  now: Date,
  thresholds: EscalationThresholds,
  measureBehind = false,
): Timeliness {
  if (item.doneOn) return 'DONE';
  const daysLeft = daysBetween(shanghaiDate(now), item.dueDate);
  if (daysLeft < 0) return 'OVERDUE';
  if (daysLeft <= thresholds.yellowDays || measureBehind) return 'AT_RISK';
  if (daysLeft <= Math.max(0, ...thresholds.noticeDays)) return 'DUE_SOON';
  return 'ON_TRACK';
}

/**
 * The escalation an open item should have at `now`: the highest threshold it has crossed, or null.
 * Only the current one is raised, so a scheduler that was down for a month raises the level that
 * applies now rather than a burst of stale notices. A measure behind its date is a yellow
 * warning (level 1) and goes no higher: the order's own deadline carries the red and above. A
 * failed acceptance found perfunctory (敷衍、表面、假装整改) is 问责 (level 4) at once (ORD-ACC-2).
 */
export function currentEscalation(
  item: Pick<DeadlineItem, 'dueDate' | 'doneOn' | 'kind'>,
  now: Date,
  thresholds: EscalationThresholds,
): EscalationTrigger | null {
  if (item.doneOn) return null;
  if (item.kind === ('PERFUNCTORY_RECTIFICATION' satisfies DeadlineItemKind)) return { level: 4, trigger: 'perfunctory' };
  const today = shanghaiDate(now);
  const daysLeft = daysBetween(today, item.dueDate);
  if (item.kind === ('MEASURE' satisfies DeadlineItemKind)) {
    return daysLeft < 0 ? { level: 1, trigger: 'measure-behind' } : null;
  }
  // ESC-ASSIGN-1: the supervision office's own 交办, red once late and never higher.
  if (item.kind === ('ASSIGNMENT' satisfies DeadlineItemKind)) {
    return daysLeft < 0 ? { level: 2, trigger: 'unassigned' } : null;
  }
  // ESC-CAP-1: a 争取类 target stays at yellow once it is due.
  if (item.kind === ('STRIVE_MILESTONE' satisfies DeadlineItemKind) && daysLeft < 0) return { level: 1, trigger: 'yellow' };
  if (daysLeft < 0) {
    const overdue = -daysLeft;
    if (overdue > thresholds.accountabilityDays) return { level: 4, trigger: 'accountability' };
    if (overdue > thresholds.listedDays) return { level: 3, trigger: 'listed' };
    return { level: 2, trigger: 'red' };
  }
  if (daysLeft <= thresholds.yellowDays) return { level: 1, trigger: 'yellow' };
  const notices = [...thresholds.noticeDays].filter((d) => d > thresholds.yellowDays).sort((a, b) => a - b);
  const crossed = notices.find((d) => daysLeft <= d);
  return crossed === undefined ? null : { level: 0, trigger: `notice-${crossed}` };
}

/** A date before any deadline: the day a trigger that holds on every date (ESC-LEVEL-4 for 敷衍整改) first holds. */
const ALWAYS: CalendarDate = '1900-01-01';

/**
 * ESC-NEXT-1: the first Asia/Shanghai date on which the scheduler has something to raise for the item,
 * or null when it never will again. With nothing raised yet (`raisedOn` null) that is the first date
 * with a trigger; after a raise on `raisedOn`, the first later date whose trigger is another (higher)
 * one. The dates are where currentEscalation's thresholds fall, and the rule itself decides each of
 * them, so the two cannot disagree. The deadline calendar keeps it per item (`next_escalation_on`), and
 * a tick reads only the items whose date has come.
 */
export function nextEscalationOn(
  item: Pick<DeadlineItem, 'dueDate' | 'doneOn' | 'kind'>,
  thresholds: EscalationThresholds,
  raisedOn: CalendarDate | null,
): CalendarDate | null {
  if (item.doneOn) return null;
  const triggerOn = (date: CalendarDate) => currentEscalation(item, new Date(`${date}T12:00:00+08:00`), thresholds)?.trigger ?? null;
  const due = item.dueDate;
  const candidates = [
    ALWAYS,
    ...thresholds.noticeDays.map((d) => addDays(due, -d)),
    addDays(due, -thresholds.yellowDays),
    addDays(due, 1),
    addDays(due, thresholds.listedDays + 1),
    addDays(due, thresholds.accountabilityDays + 1),
  ].sort();
  const base = raisedOn === null ? null : triggerOn(raisedOn);
  for (const date of candidates) {
    if (raisedOn !== null && date <= raisedOn) continue;
    const trigger = triggerOn(date);
    if (trigger !== null && trigger !== base) return date;
  }
  return null;
}

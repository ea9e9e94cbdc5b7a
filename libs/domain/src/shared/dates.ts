/**
 * Calendar helpers for Asia/Shanghai. China has observed no daylight saving time since 1991,
 * so a fixed +08:00 offset is exact for every date this plan covers.
 * Dates are 'YYYY-MM-DD' strings; instants are Date objects.
 */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day in Asia/Shanghai, 'YYYY-MM-DD'.
 * @format date
 */
export type CalendarDate = string;

export function shanghaiDate(instant: Date): CalendarDate {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function endOfShanghaiDay(date: CalendarDate): Date {
  return new Date(`${date}T23:59:59.999+08:00`);
}

const DATE_TIME_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * The instant an `asOf` names: a date ('2024-06-30') is the end of that day in Asia/Shanghai; an ISO
 * date-time ('2024-06-30T15:30:00+08:00', '…Z', or without an offset: Shanghai wall-clock time) is
 * the end of the millisecond it names, so `asOf` = an event's `recordedAt` shows that event. null
 * when the text is neither.
 */
export function asOfInstant(text: string): Date | null {
  if (isValidCalendarDate(text)) return endOfShanghaiDay(text);
  const match = DATE_TIME_PATTERN.exec(text);
  if (!match || !isValidCalendarDate(match[1])) return null;
  const [hours, minutes, seconds] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const offset = match[6] ?? '+08:00';
  const fraction = (match[5] ?? '.0').padEnd(4, '0');
  const instant = new Date(`${match[1]}T${match[2]}:${match[3]}:${String(seconds).padStart(2, '0')}${fraction}${offset}`);
  if (Number.isNaN(instant.getTime())) return null;
  // The log keeps microseconds; an event recorded within the named millisecond is included.
  return new Date(instant.getTime() + 1);
}

export function isValidCalendarDate(s: unknown): s is CalendarDate {
  if (typeof s !== 'string') return false;
  const match = DATE_PATTERN.exec(s);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

function toUtcMidnight(date: CalendarDate): number {
  if (!isValidCalendarDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtcMidnight(ms: number): CalendarDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, n: number): CalendarDate {
  return fromUtcMidnight(toUtcMidnight(date) + n * DAY_MS);
}

/** Days from a to b (positive when b is later). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((toUtcMidnight(b) - toUtcMidnight(a)) / DAY_MS);
}

/** Same day n months later, clamped to the month's last day (e.g. 08-31 + 1 month = 09-30). */
export function addMonths(date: CalendarDate, n: number): CalendarDate {
  const d = new Date(toUtcMidnight(date));
  const targetMonth = d.getUTCMonth() + n;
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
  return fromUtcMidnight(Date.UTC(d.getUTCFullYear(), targetMonth, Math.min(d.getUTCDate(), lastDay)));
}

/** Compares two calendar dates ('YYYY-MM-DD' sorts lexicographically). */
export function isAfter(a: CalendarDate, b: CalendarDate): boolean {
  return a > b;
}

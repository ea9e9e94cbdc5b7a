import { addDays, isValidCalendarDate, type CalendarDate } from './dates';

/**
 * The State Council's working calendar (法定节假日 and 调休): which days are statutory holidays
 * and which weekend days are make-up working days. It is data handed to the domain through
 * DomainConfig, so the domain reads no file and imports no package; the application builds it from a
 * maintained source (README: "Working calendar"). Years it does not cover count Monday–Friday.
 */
export interface WorkingCalendar {
  /** Where the dates come from, for messages and the README, e.g. 'chinese-days 1.5.7'. */
  source: string;
  /** The years whose arrangements the lists hold. */
  years: readonly number[];
  /** Statutory holidays, including the weekdays given off in exchange (放假). */
  holidays: readonly CalendarDate[];
  /** Weekend days worked in exchange (调休上班). */
  makeUpWorkdays: readonly CalendarDate[];
}

/** Monday–Friday only: for tests of logic that does not turn on holidays, and years no list covers. */
export const weekdayCalendar: WorkingCalendar = { source: 'Monday–Friday', years: [], holidays: [], makeUpWorkdays: [] };

interface Lookup {
  years: Set<number>;
  holidays: Set<CalendarDate>;
  makeUpWorkdays: Set<CalendarDate>;
}

const lookups = new WeakMap<WorkingCalendar, Lookup>();

function lookup(calendar: WorkingCalendar): Lookup {
  let found = lookups.get(calendar);
  if (!found) {
    found = { years: new Set(calendar.years), holidays: new Set(calendar.holidays), makeUpWorkdays: new Set(calendar.makeUpWorkdays) };
    lookups.set(calendar, found);
  }
  return found;
}

function weekday(date: CalendarDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWorkingDay(date: CalendarDate, calendar: WorkingCalendar): boolean {
  const { holidays, makeUpWorkdays } = lookup(calendar);
  if (holidays.has(date)) return false;
  if (makeUpWorkdays.has(date)) return true;
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

/** Whether the calendar holds the year's arrangements (otherwise its days count Monday–Friday). */
export function coversYear(calendar: WorkingCalendar, year: number): boolean {
  return lookup(calendar).years.has(year);
}

/**
 * The date n working days after `date`; `date` itself is not counted, so a notice published on a
 * Monday with n = 5 runs until the end of the following Monday in an ordinary week.
 */
export function addWorkingDays(date: CalendarDate, n: number, calendar: WorkingCalendar): CalendarDate {
  if (!isValidCalendarDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
  let day = date;
  let remaining = n;
  while (remaining > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) remaining--;
  }
  return day;
}

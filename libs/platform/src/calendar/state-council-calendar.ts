import { readFileSync } from 'node:fs';

/** The shape of the domain's WorkingCalendar (libs/platform does not depend on libs/domain). */
export interface WorkingCalendarData {
  source: string;
  years: number[];
  holidays: string[];
  makeUpWorkdays: string[];
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** Years before this carry no order the engine tracks; leaving them out keeps the lists short. */
const FIRST_YEAR = 2015;

let cached: WorkingCalendarData | undefined;

/**
 * The State Council's holiday and 调休 arrangements as published each year (国务院办公厅关于…部分节假日
 * 安排的通知), from the `chinese-days` package, which its maintainers update when the notice for the
 * next year comes out (README: "Working calendar" says how to take an update).
 */
export function stateCouncilCalendar(): WorkingCalendarData {
  if (cached) return cached;
  const packageJson = JSON.parse(readFileSync(require.resolve('chinese-days/package.json'), 'utf8')) as { version: string };
  const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8')) as ChineseDaysData;
  const inScope = (date: string) => Number(date.slice(0, 4)) >= FIRST_YEAR;
  const holidays = Object.keys(data.holidays).filter(inScope).sort();
  const makeUpWorkdays = Object.keys(data.workdays).filter(inScope).sort();
  const years = [...new Set(holidays.map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  cached = { source: `chinese-days ${packageJson.version}`, years, holidays, makeUpWorkdays };
  return cached;
}

import { stateCouncilCalendar } from './state-council-calendar';

describe('the State Council calendar from chinese-days', () => {
  const calendar = stateCouncilCalendar();

  it('covers the years orders are tracked in, 2025 and 2026 included', () => {
    expect(calendar.years).toEqual(expect.arrayContaining([2017, 2018, 2019, 2024, 2025, 2026]));
    expect(calendar.source).toMatch(/^chinese-days \d+\.\d+\.\d+$/);
  });

  it('holds 2025’s National Day holiday and its two make-up working days', () => {
    for (const day of ['2025-10-01', '2025-10-03', '2025-10-06', '2025-10-08']) expect(calendar.holidays).toContain(day);
    expect(calendar.makeUpWorkdays).toEqual(expect.arrayContaining(['2025-09-28', '2025-10-11']));
    expect(calendar.holidays).not.toContain('2025-10-09');
  });

  it('holds the 2026 Spring Festival', () => {
    expect(calendar.holidays).toEqual(expect.arrayContaining(['2026-02-16', '2026-02-17']));
  });
});

import { firstPeriodOfYear, nextIndicatorPeriod, parseIndicatorPeriod, reportDueOn } from './indicator.periods';

describe('indicator periods', () => {
  it('reads a month, a quarter and a year with their first and last day', () => {
    expect(parseIndicatorPeriod('2024-02', 'MONTHLY')).toEqual({
      period: '2024-02',
      year: 2024,
      start: '2024-02-01',
      end: '2024-02-29',
      labelZh: '2024年2月',
    });
    expect(parseIndicatorPeriod('2025-02', 'MONTHLY')?.end).toBe('2025-02-28');
    expect(parseIndicatorPeriod('2024-Q3', 'QUARTERLY')).toEqual({
      period: '2024-Q3',
      year: 2024,
      start: '2024-07-01',
      end: '2024-09-30',
      labelZh: '2024年第三季度',
    });
    expect(parseIndicatorPeriod('2024-Q4', 'QUARTERLY')?.end).toBe('2024-12-31');
    expect(parseIndicatorPeriod('2024', 'ANNUAL')).toEqual({
      period: '2024',
      year: 2024,
      start: '2024-01-01',
      end: '2024-12-31',
      labelZh: '2024年',
    });
  });

  it('refuses what is not a period of the indicator’s frequency', () => {
    for (const [period, frequency] of [
      ['2024', 'MONTHLY'],
      ['2024-7', 'MONTHLY'],
      ['2024-13', 'MONTHLY'],
      ['2024-Q5', 'QUARTERLY'],
      ['2024-07', 'QUARTERLY'],
      ['24', 'ANNUAL'],
      [2024, 'ANNUAL'],
      [null, 'ANNUAL'],
    ] as const) {
      expect(parseIndicatorPeriod(period, frequency)).toBeNull();
    }
  });

  it('steps to the next period across the year end', () => {
    const next = (period: string, frequency: 'MONTHLY' | 'QUARTERLY' | 'ANNUAL') =>
      nextIndicatorPeriod(parseIndicatorPeriod(period, frequency)!, frequency).period;
    expect(next('2024-12', 'MONTHLY')).toBe('2025-01');
    expect(next('2024-09', 'MONTHLY')).toBe('2024-10');
    expect(next('2024-Q4', 'QUARTERLY')).toBe('2025-Q1');
    expect(next('2024-Q1', 'QUARTERLY')).toBe('2024-Q2');
    expect(next('2024', 'ANNUAL')).toBe('2025');
    expect(firstPeriodOfYear(2021, 'QUARTERLY').period).toBe('2021-Q1');
  });

  it('dates a report’s due day from the period’s last day', () => {
    expect(reportDueOn(parseIndicatorPeriod('2025', 'ANNUAL')!, 90)).toBe('2026-03-31');
    expect(reportDueOn(parseIndicatorPeriod('2026-01', 'MONTHLY')!, 10)).toBe('2026-02-10');
  });
});

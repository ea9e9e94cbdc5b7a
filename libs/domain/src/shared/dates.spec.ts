import { addDays, addMonths, asOfInstant, daysBetween, endOfShanghaiDay, isValidCalendarDate, shanghaiDate } from './dates';

describe('shanghaiDate', () => {
  it('moves an instant late in the UTC day into the next Shanghai day', () => {
    expect(shanghaiDate(new Date('2024-03-01T16:00:00Z'))).toBe('2024-03-02');
  });

  it('keeps an instant just before Shanghai midnight on the same day', () => {
    expect(shanghaiDate(new Date('2024-03-01T15:59:59.999Z'))).toBe('2024-03-01');
  });
});

describe('endOfShanghaiDay', () => {
  it('is 23:59:59.999 at +08:00', () => {
    expect(endOfShanghaiDay('2024-03-01').toISOString()).toBe('2024-03-01T15:59:59.999Z');
  });
});

describe('isValidCalendarDate', () => {
  it.each(['2024-02-29', '2025-12-31'])('accepts %s', (s) => {
    expect(isValidCalendarDate(s)).toBe(true);
  });

  it.each(['2023-02-29', '2024-13-01', '2024-1-01', '2024-01-01T00:00:00Z', '', 20240101])('rejects %p', (s) => {
    expect(isValidCalendarDate(s)).toBe(false);
  });
});

describe('daysBetween and addDays', () => {
  it('counts calendar days across a month end and a leap day', () => {
    expect(daysBetween('2024-02-27', '2024-03-02')).toBe(4);
    expect(daysBetween('2024-03-02', '2024-02-27')).toBe(-4);
  });

  it('adds calendar days', () => {
    expect(addDays('2024-02-28', 7)).toBe('2024-03-06');
  });
});

describe('addMonths', () => {
  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2024-08-31', 1)).toBe('2024-09-30');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
  });

  it('crosses a year end', () => {
    expect(addMonths('2024-11-15', 3)).toBe('2025-02-15');
  });
});

describe('asOfInstant', () => {
  it('reads a date as the end of that day in Shanghai', () => {
    expect(asOfInstant('2024-06-30')?.toISOString()).toBe('2024-06-30T15:59:59.999Z');
  });

  it('reads a date-time with an offset, Z, or none (Shanghai) as the end of the millisecond it names', () => {
    expect(asOfInstant('2024-06-30T10:15:30.120+08:00')?.toISOString()).toBe('2024-06-30T02:15:30.121Z');
    expect(asOfInstant('2024-06-30T02:15:30.12Z')?.toISOString()).toBe('2024-06-30T02:15:30.121Z');
    expect(asOfInstant('2024-06-30T10:15')?.toISOString()).toBe('2024-06-30T02:15:00.001Z');
  });

  it('refuses what is neither', () => {
    for (const text of ['2024-02-30', '2024-06-30T24:00', '2024-06-30 10:00', '30/06/2024', '2024-06-30T10:15:30.1234Z', '']) {
      expect(asOfInstant(text)).toBeNull();
    }
  });
});

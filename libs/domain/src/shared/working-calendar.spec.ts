import { addWorkingDays, coversYear, isWorkingDay, weekdayCalendar, type WorkingCalendar } from './working-calendar';

/** 国务院办公厅关于2025年部分节假日安排的通知: 国庆节、中秋节 10月1日至8日放假，9月28日（周日）、10月11日（周六）上班. */
const nationalDay2025: WorkingCalendar = {
  source: 'test',
  years: [2025],
  holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'],
  makeUpWorkdays: ['2025-09-28', '2025-10-11'],
};

describe('working calendar', () => {
  it('counts Monday–Friday without holidays', () => {
    expect(addWorkingDays('2024-03-04', 5, weekdayCalendar)).toBe('2024-03-11');
    expect(addWorkingDays('2024-03-08', 1, weekdayCalendar)).toBe('2024-03-11');
    expect(addWorkingDays('2024-03-09', 5, weekdayCalendar)).toBe('2024-03-15');
    expect(addWorkingDays('2024-03-09', 0, weekdayCalendar)).toBe('2024-03-09');
  });

  it('skips the National Day holiday and counts its make-up Saturday', () => {
    expect(isWorkingDay('2025-10-06', nationalDay2025)).toBe(false);
    expect(isWorkingDay('2025-10-11', nationalDay2025)).toBe(true);
    expect(isWorkingDay('2025-09-28', nationalDay2025)).toBe(true);
    // Published Tuesday 30 September: 9, 10, 11 (Saturday, worked), 13, 14 October.
    expect(addWorkingDays('2025-09-30', 5, nationalDay2025)).toBe('2025-10-14');
    // Without the calendar it would end on 7 October, in the middle of the holiday.
    expect(addWorkingDays('2025-09-30', 5, weekdayCalendar)).toBe('2025-10-07');
  });

  it('says which years it covers', () => {
    expect(coversYear(nationalDay2025, 2025)).toBe(true);
    expect(coversYear(nationalDay2025, 2027)).toBe(false);
  });
});

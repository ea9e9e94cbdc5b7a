import { addDays } from '../shared/dates';
import { at } from '../testing/decider-spec';
import { defaultEscalationThresholds as T } from './escalation.thresholds';
import { currentEscalation, daysOverdue, evaluateTimeliness, nextEscalationOn } from './timeliness';

const D = '2024-06-30';
const item = { dueDate: D, doneOn: null, kind: 'ORDER_DEADLINE' as const };
const onDay = (offset: number, time = '10:00') => at(`${addDays(D, offset)} ${time}`);

describe('currentEscalation: an order with deadline D', () => {
  it.each([
    [-16, null],
    [-15, { level: 0, trigger: 'notice-15' }],
    [-8, { level: 0, trigger: 'notice-15' }],
    [-7, { level: 0, trigger: 'notice-7' }],
    [-4, { level: 0, trigger: 'notice-7' }],
    [-3, { level: 1, trigger: 'yellow' }],
    [0, { level: 1, trigger: 'yellow' }],
    [1, { level: 2, trigger: 'red' }],
    [30, { level: 2, trigger: 'red' }],
    [31, { level: 3, trigger: 'listed' }],
    [90, { level: 3, trigger: 'listed' }],
    [91, { level: 4, trigger: 'accountability' }],
    [400, { level: 4, trigger: 'accountability' }],
  ])('on D %i the current escalation is %j', (offset, expected) => {
    expect(currentEscalation(item, onDay(offset), T)).toEqual(expected);
  });

  it('raises nothing once the item is done', () => {
    expect(currentEscalation({ ...item, doneOn: addDays(D, 5) }, onDay(100), T)).toBeNull();
  });

  it('a measure behind its date is yellow and goes no higher', () => {
    const measure = { ...item, kind: 'MEASURE' as const };
    expect(currentEscalation(measure, onDay(-2), T)).toBeNull();
    expect(currentEscalation(measure, onDay(1), T)).toEqual({ level: 1, trigger: 'measure-behind' });
    expect(currentEscalation(measure, onDay(200), T)).toEqual({ level: 1, trigger: 'measure-behind' });
  });

  it('a 争取类 milestone (ESC-CAP-1) warns like any other, then stays yellow however late', () => {
    const strive = { ...item, kind: 'STRIVE_MILESTONE' as const };
    expect(currentEscalation(strive, onDay(-7), T)).toEqual({ level: 0, trigger: 'notice-7' });
    expect(currentEscalation(strive, onDay(-1), T)).toEqual({ level: 1, trigger: 'yellow' });
    expect(currentEscalation(strive, onDay(1), T)).toEqual({ level: 1, trigger: 'yellow' });
    expect(currentEscalation(strive, onDay(1430), T)).toEqual({ level: 1, trigger: 'yellow' });
  });

  it('an item awaiting 交办 (ESC-ASSIGN-1) is red once late and never higher, with no notices before', () => {
    const assignment = { ...item, kind: 'ASSIGNMENT' as const };
    expect(currentEscalation(assignment, onDay(-3), T)).toBeNull();
    expect(currentEscalation(assignment, onDay(0), T)).toBeNull();
    expect(currentEscalation(assignment, onDay(1), T)).toEqual({ level: 2, trigger: 'unassigned' });
    expect(currentEscalation(assignment, onDay(1430), T)).toEqual({ level: 2, trigger: 'unassigned' });
  });

  it('follows configured thresholds', () => {
    const custom = { ...T, noticeDays: [10], yellowDays: 5, listedDays: 10, accountabilityDays: 20 };
    expect(currentEscalation(item, onDay(-10), custom)).toEqual({ level: 0, trigger: 'notice-10' });
    expect(currentEscalation(item, onDay(-5), custom)).toEqual({ level: 1, trigger: 'yellow' });
    expect(currentEscalation(item, onDay(11), custom)).toEqual({ level: 3, trigger: 'listed' });
    expect(currentEscalation(item, onDay(21), custom)).toEqual({ level: 4, trigger: 'accountability' });
  });
});

describe('Asia/Shanghai end-of-day boundary', () => {
  it('is not overdue at 23:59:59 +08:00 on the due day', () => {
    const now = new Date(`${D}T23:59:59+08:00`);
    expect(evaluateTimeliness(item, now, T)).toBe('AT_RISK');
    expect(currentEscalation(item, now, T)).toEqual({ level: 1, trigger: 'yellow' });
  });

  it('is overdue at 00:00:00 +08:00 the next day', () => {
    const now = new Date(`${addDays(D, 1)}T00:00:00+08:00`);
    expect(evaluateTimeliness(item, now, T)).toBe('OVERDUE');
    expect(currentEscalation(item, now, T)).toEqual({ level: 2, trigger: 'red' });
  });

  it('judges a UTC clock by the Shanghai date: 16:00Z on D is already D+1 in Shanghai', () => {
    expect(currentEscalation(item, new Date(`${D}T15:59:59Z`), T)).toEqual({ level: 1, trigger: 'yellow' });
    expect(currentEscalation(item, new Date(`${D}T16:00:00Z`), T)).toEqual({ level: 2, trigger: 'red' });
  });
});

describe('evaluateTimeliness', () => {
  it.each([
    [-20, 'ON_TRACK'],
    [-15, 'DUE_SOON'],
    [-4, 'DUE_SOON'],
    [-3, 'AT_RISK'],
    [0, 'AT_RISK'],
    [1, 'OVERDUE'],
  ])('on D %i it is %s', (offset, expected) => {
    expect(evaluateTimeliness(item, onDay(offset), T)).toBe(expected);
  });

  it('is AT_RISK when a measure is behind, however far the deadline', () => {
    expect(evaluateTimeliness(item, onDay(-60), T, true)).toBe('AT_RISK');
  });

  it('is DONE once met, late or not', () => {
    expect(evaluateTimeliness({ ...item, doneOn: addDays(D, 3) }, onDay(10), T)).toBe('DONE');
  });

  it('counts days overdue by the Shanghai calendar', () => {
    expect(daysOverdue(D, D)).toBe(0);
    expect(daysOverdue(D, addDays(D, 31))).toBe(31);
    expect(daysOverdue(D, addDays(D, -5))).toBe(0);
  });
});

describe('nextEscalationOn (ESC-NEXT-1): the date a tick has something to raise for the item', () => {
  it('is the first threshold while nothing is raised, and each next one after a raise', () => {
    expect(nextEscalationOn(item, T, null)).toBe(addDays(D, -15));
    expect(nextEscalationOn(item, T, addDays(D, -15))).toBe(addDays(D, -7));
    expect(nextEscalationOn(item, T, addDays(D, -7))).toBe(addDays(D, -3));
    expect(nextEscalationOn(item, T, addDays(D, -3))).toBe(addDays(D, 1));
    expect(nextEscalationOn(item, T, addDays(D, 1))).toBe(addDays(D, 31));
    expect(nextEscalationOn(item, T, addDays(D, 31))).toBe(addDays(D, 91));
    expect(nextEscalationOn(item, T, addDays(D, 91))).toBeNull();
  });

  it('after a late raise (a scheduler that was down) skips the thresholds passed meanwhile', () => {
    expect(nextEscalationOn(item, T, addDays(D, 10))).toBe(addDays(D, 31));
  });

  it('agrees with currentEscalation: the trigger changes on that date and on no date between', () => {
    for (const raisedOffset of [-15, -7, -3, 1, 31]) {
      const next = nextEscalationOn(item, T, addDays(D, raisedOffset))!;
      const raised = currentEscalation(item, onDay(raisedOffset), T)!.trigger;
      for (let day = raisedOffset; addDays(D, day) < next; day++) expect(currentEscalation(item, onDay(day), T)!.trigger).toBe(raised);
      expect(currentEscalation(item, at(`${next} 00:00`), T)!.trigger).not.toBe(raised);
    }
  });

  it('is null once done; a measure and a 争取类 milestone are due the day after their date; 敷衍整改 at once, then never', () => {
    expect(nextEscalationOn({ ...item, doneOn: D }, T, null)).toBeNull();
    expect(nextEscalationOn({ ...item, kind: 'MEASURE' }, T, null)).toBe(addDays(D, 1));
    expect(nextEscalationOn({ ...item, kind: 'MEASURE' }, T, addDays(D, 1))).toBeNull();
    expect(nextEscalationOn({ ...item, kind: 'STRIVE_MILESTONE' }, T, addDays(D, 1))).toBeNull();
    expect(nextEscalationOn({ ...item, kind: 'PERFUNCTORY_RECTIFICATION' }, T, null)).toBe('1900-01-01');
    expect(nextEscalationOn({ ...item, kind: 'PERFUNCTORY_RECTIFICATION' }, T, '2024-01-01')).toBeNull();
  });
});

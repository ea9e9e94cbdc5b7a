import { at } from '../testing/decider-spec';
import type { IndicatorAssigned, IndicatorEvent } from './indicator.events';
import { indicatorEscalationResolution, indicatorEscalations } from './indicator.escalations';
import { registered, reported, stateOf } from './indicator.fixtures';

const assigned: IndicatorAssigned = {
  type: 'IndicatorAssigned',
  data: {
    leadDepartment: 'city-eco-env-bureau',
    cooperatingDepartments: [],
    leaderInCharge: null,
    responsiblePerson: '大气环境科科长',
    assignedOn: '2026-01-15',
    assignedBy: 'office-1',
    occurredAt: '2026-01-15T02:00:00.000Z',
  },
};
const pm25 = registered('IND-06');
const now = at('2026-01-20 10:00');

function escalationsAfter(events: IndicatorEvent[], when = now) {
  return indicatorEscalations('id-pm25', stateOf(events), when);
}

describe('indicator escalations (IND-ESC-1, IND-ESC-2)', () => {
  it('raises one red escalation to the lead department for a binding indicator behind its trajectory', () => {
    const due = escalationsAfter([pm25, assigned, reported('2025-11', 35)]);
    expect(due).toEqual([
      expect.objectContaining({
        type: 'RaiseEscalation',
        subjectType: 'INDICATOR',
        subjectId: 'id-pm25',
        subjectCode: 'IND-06',
        itemKind: 'INDICATOR_TRAJECTORY',
        itemId: 'trajectory:2025-11',
        itemName: '自2025年11月起滞后于序时进度',
        level: 2,
        trigger: 'indicator-lagging',
        department: 'city-eco-env-bureau',
        dueDate: '2025-11-30',
      }),
    ]);
  });

  it('keeps the same escalation while the lag runs on, so a run of lagging months is escalated once', () => {
    const first = escalationsAfter([pm25, assigned, reported('2025-11', 35)]);
    const later = escalationsAfter([pm25, assigned, reported('2025-11', 35), reported('2025-12', 34)]);
    expect(later.map((e) => e.escalationId)).toEqual(first.map((e) => e.escalationId));
  });

  it('escalates no department for an indicator waiting for 交办, and nothing for an expected (预期性) one', () => {
    expect(escalationsAfter([pm25, reported('2025-11', 35)])).toEqual([]);
    const forestStock = registered('IND-17');
    expect(escalationsAfter([forestStock, { ...assigned }, reported('2025', 1)])).toEqual([]);
  });

  it('resolves the lag when a later value is back on the trajectory', () => {
    const lagging = escalationsAfter([pm25, assigned, reported('2025-11', 35)])[0];
    const events = [pm25, assigned, reported('2025-11', 35), reported('2025-12', 29)];
    const current = escalationsAfter(events);
    expect(current).toEqual([]);
    expect(indicatorEscalationResolution(stateOf(events), lagging, current)).toEqual({
      reason: 'COMPLETED',
      note: expect.stringContaining('已不再滞后'),
    });
    expect(indicatorEscalationResolution(stateOf(events), lagging, [lagging])).toBeNull();
  });

  it('gives notice of a value owed soon (level 0), then yellow once it is late (level 1), and stops when it is reported', () => {
    const notice = escalationsAfter([pm25, assigned], at('2026-02-05 10:00'));
    expect(notice.map((e) => [e.itemId, e.level, e.trigger, e.dueDate])).toEqual([['report:2026-01', 0, 'report-due', '2026-02-10']]);
    const late = escalationsAfter([pm25, assigned], at('2026-02-11 10:00'));
    expect(late.map((e) => [e.itemId, e.level, e.trigger])).toEqual([['report:2026-01', 1, 'report-missing']]);
    expect(indicatorEscalationResolution(stateOf([pm25, assigned]), notice[0], late)).toMatchObject({ reason: 'SUPERSEDED' });
    const done = [pm25, assigned, reported('2026-01', 28)];
    expect(indicatorEscalationResolution(stateOf(done), late[0], escalationsAfter(done, at('2026-02-11 10:00')))).toMatchObject({
      reason: 'COMPLETED',
    });
  });
});

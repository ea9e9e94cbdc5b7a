import { keyProjectDecider } from '../key-project/key-project.decider';
import type { KeyProjectEvent } from '../key-project/key-project.events';
import * as kp from '../key-project/key-project.fixtures';
import { deadlineItemsOfKeyProject } from './deadline-items';

const thresholds = { unassignedDays: 30 };
const itemsAfter = (events: KeyProjectEvent[]) =>
  deadlineItemsOfKeyProject('p-1', events.reduce(keyProjectDecider.evolve, keyProjectDecider.initialState()), thresholds);
const dated: KeyProjectEvent = { ...kp.plannedUndated, data: { ...kp.plannedUndated.data, baselineDate: '2022-12-31' } };

describe('deadline items of a plan item', () => {
  it('an item awaiting 交办 owes the supervision office its 交办, and no department any milestone', () => {
    const items = itemsAfter([kp.registeredUnassigned, dated]);
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'ASSIGNMENT',
        itemId: 'assignment',
        department: 'city-inspection-rectification-office',
        dueDate: '2022-02-09',
        doneOn: null,
      }),
    ]);
  });

  it('the 交办 meets that item and hands the milestones, with the dates it set, to the lead department', () => {
    const items = itemsAfter([kp.registeredUnassigned, dated, kp.assigned]);
    expect(items.map((i) => [i.kind, i.department, i.dueDate, i.originalDueDate, i.doneOn])).toEqual([
      ['ASSIGNMENT', 'city-inspection-rectification-office', '2022-02-09', '2022-02-09', '2024-03-01'],
      ['MILESTONE', '市水务局', '2025-10-31', '2022-12-31', null],
    ]);
  });

  it('an item registered with its department owes no 交办', () => {
    expect(itemsAfter(kp.inProgress).map((i) => i.kind)).toEqual(['MILESTONE', 'MILESTONE']);
  });

  it('a 争取类 item has STRIVE_MILESTONE items, escalated at most to yellow', () => {
    const strive: KeyProjectEvent = { ...kp.registered, data: { ...kp.registered.data, planItemKind: 'STRIVE' } };
    expect(itemsAfter([strive, kp.planned('m1', 100, '2025-12-31')]).map((i) => i.kind)).toEqual(['STRIVE_MILESTONE']);
  });

  it('a cancelled item owes nothing, not even its 交办', () => {
    const cancelled: KeyProjectEvent = {
      type: 'KeyProjectCancelled',
      data: { reason: '规划调整', cancelledFrom: 'PLANNED', decidedBy: 'u-leader', occurredAt: '2023-01-01T02:00:00.000Z' },
    };
    expect(itemsAfter([kp.registeredUnassigned, dated, cancelled])).toEqual([]);
  });
});

import type { DeadlineItem } from '../escalation/deadline-item';
import { defaultDomainConfig } from '../shared/decider';
import { DomainError } from '../shared/errors';
import { actor } from '../testing/decider-spec';
import {
  authorizeTargetResponsibilityCommand,
  targetListChanges,
  targetListOf,
  targetResponsibilityDecider,
  type TargetIndicator,
} from './target-responsibility';

const D = 'ning-an-city';
const item = (over: Partial<DeadlineItem>): DeadlineItem => ({
  subjectType: 'KEY_PROJECT',
  subjectId: 'p1',
  subjectStreamId: 'key-project-p1',
  subjectCode: 'GC-01',
  subjectName: '镜泊湖污水处理',
  subjectStatus: 'IN_PROGRESS',
  itemId: 'milestone:m1',
  kind: 'MILESTONE',
  itemName: '主体完工',
  department: D,
  responsiblePerson: null,
  dueDate: '2026-06-30',
  originalDueDate: '2026-06-30',
  doneOn: null,
  ...over,
});
const items = [
  item({}),
  item({
    subjectType: 'RECTIFICATION_ORDER',
    subjectId: 'o1',
    subjectCode: 'DC-01',
    itemId: 'deadline',
    kind: 'ORDER_DEADLINE',
    itemName: '整改时限',
    dueDate: '2026-03-31',
  }),
  // Not on the list: a measure, another year, another department.
  item({ subjectType: 'RECTIFICATION_ORDER', subjectId: 'o1', itemId: 'measure:1', kind: 'MEASURE' }),
  item({ itemId: 'milestone:m0', dueDate: '2025-12-31' }),
  item({ department: 'city-water-bureau', itemId: 'milestone:x' }),
];
const indicators: TargetIndicator[] = [
  { id: 'IND-06', code: 'IND-06', name: '地表水优良比例', department: D, unit: '%', target: { value: 85.2, label: '2026年年度目标' } },
  { id: 'IND-07', code: 'IND-07', name: '无目标', department: D, unit: '%', target: null },
];

describe('目标责任书 (TGT-LIST-1)', () => {
  it('lists the year’s milestones, indicator targets and order deadlines of the department', () => {
    const list = targetListOf(D, 2026, items, indicators);
    expect(list.map((e) => [e.kind, e.key, e.dueDate, e.target])).toEqual([
      ['MILESTONE', 'project:p1:milestone:m1', '2026-06-30', null],
      ['INDICATOR_TARGET', 'indicator:IND-06:2026', null, '85.2%'],
      ['ORDER_DEADLINE', 'order:o1:deadline', '2026-03-31', null],
    ]);
  });

  it('shows changes against the signed list', () => {
    const signed = targetListOf(D, 2026, items, indicators);
    const later = targetListOf(
      D,
      2026,
      [item({ dueDate: '2026-09-30' }), item({ subjectId: 'p2', subjectCode: 'GC-02', itemId: 'milestone:n' })],
      [{ ...indicators[0], target: { value: 86, label: '2026年年度目标' } }],
    );
    const changes = targetListChanges(signed, later);
    expect(changes.added.map((e) => e.key)).toEqual(['project:p2:milestone:n']);
    expect(changes.removed.map((e) => e.key)).toEqual(['order:o1:deadline']);
    expect(changes.changed.map((c) => c.what)).toEqual(['时限由2026-06-30改为2026-09-30', '目标由85.2%改为86%']);
  });
});

describe('signing (TGT-SIGN-1, TGT-AUTH-1)', () => {
  const ctx = { now: new Date('2026-02-01T02:00:00Z'), actor: actor({ roles: ['leadership'] }), config: defaultDomainConfig };
  const sign = (over: object = {}) => ({
    type: 'SignTargetList' as const,
    year: 2026,
    department: D,
    entries: targetListOf(D, 2026, items, indicators),
    note: null,
    ...over,
  });
  const code = (fn: () => unknown) => {
    try {
      fn();
      return null;
    } catch (e) {
      return (e as DomainError).code;
    }
  };

  it('freezes the entries, and a second signing replaces the first', () => {
    const first = targetResponsibilityDecider.decide(sign(), targetResponsibilityDecider.initialState(), ctx);
    const state = first.reduce(targetResponsibilityDecider.evolve, targetResponsibilityDecider.initialState());
    expect(state.signed[D]).toMatchObject({ signedOn: '2026-02-01', entries: sign().entries });
    const again = targetResponsibilityDecider.decide(sign({ entries: sign().entries.slice(0, 1) }), state, ctx);
    expect(again.reduce(targetResponsibilityDecider.evolve, state).signed[D].entries).toHaveLength(1);
  });

  it('refuses an unknown department, an empty list and other roles', () => {
    const s = targetResponsibilityDecider.initialState();
    expect(code(() => targetResponsibilityDecider.decide(sign({ department: 'nowhere' }), s, ctx))).toBe('UNKNOWN_DEPARTMENT');
    expect(code(() => targetResponsibilityDecider.decide(sign({ entries: [] }), s, ctx))).toBe('EMPTY_TARGET_LIST');
    expect(code(() => authorizeTargetResponsibilityCommand(sign(), s, actor({ roles: ['supervision-office'] })))).toBe(
      'ROLE_NOT_PERMITTED',
    );
  });
});

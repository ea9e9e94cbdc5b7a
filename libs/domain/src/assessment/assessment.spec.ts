import type { DeadlineItem } from '../escalation/deadline-item';
import { assessDepartment, assessmentConfigFrom, defaultAssessmentConfig, type AssessmentInput } from './assessment';

const D = 'ning-an-city';

function item(over: Partial<DeadlineItem> & Pick<DeadlineItem, 'itemId' | 'kind' | 'dueDate'>): DeadlineItem {
  return {
    subjectType: over.kind === 'MILESTONE' ? 'KEY_PROJECT' : 'RECTIFICATION_ORDER',
    subjectId: over.kind === 'MILESTONE' ? 'p1' : 'o1',
    subjectStreamId: 'x',
    subjectCode: over.kind === 'MILESTONE' ? 'GC-01' : 'DC-01',
    subjectName: '示例',
    subjectStatus: 'IN_PROGRESS',
    itemName: over.itemId,
    department: D,
    responsiblePerson: null,
    originalDueDate: over.dueDate,
    doneOn: null,
    ...over,
  };
}

/** One department's 2026, as of 2026-06-30. */
const fixture: AssessmentInput = {
  department: D,
  year: 2026,
  asOf: '2026-06-30',
  items: [
    // Extended from 03-31 to 04-30, done 04-20: late against the original, on time against the current one.
    item({ itemId: 'deadline', kind: 'ORDER_DEADLINE', originalDueDate: '2026-03-31', dueDate: '2026-04-30', doneOn: '2026-04-20' }),
    item({ itemId: 'm1', kind: 'MILESTONE', dueDate: '2026-02-28', doneOn: '2026-02-20' }),
    // Open, 30 days overdue on 06-30.
    item({ itemId: 'm2', kind: 'MILESTONE', dueDate: '2026-05-31' }),
    // Done 5 days late.
    item({ itemId: 'measure', kind: 'MEASURE', dueDate: '2026-06-10', doneOn: '2026-06-15' }),
    // Not counted: another department's, due after the as-of day, due in another year.
    item({ itemId: 'other', kind: 'MEASURE', dueDate: '2026-03-01', department: 'city-water-bureau' }),
    item({ itemId: 'later', kind: 'MEASURE', dueDate: '2026-09-30' }),
    item({ itemId: 'last-year', kind: 'MEASURE', dueDate: '2025-12-01' }),
  ],
  indicators: [
    { id: 'i1', code: 'IND-01', name: '甲', department: D, latest: { periodLabel: '2026年第一季度', status: 'ON_TARGET', reason: '' } },
    { id: 'i2', code: 'IND-02', name: '乙', department: D, latest: { periodLabel: '2026年第一季度', status: 'BEHIND', reason: '' } },
    {
      id: 'i3',
      code: 'IND-03',
      name: '丙',
      department: D,
      latest: { periodLabel: '2026年第一季度', status: 'NOT_ASSESSABLE', reason: '' },
    },
    {
      id: 'i4',
      code: 'IND-04',
      name: '丁',
      department: 'city-water-bureau',
      latest: { periodLabel: '2026年', status: 'BEHIND', reason: '' },
    },
  ],
  escalations: [
    {
      id: 'e1',
      department: D,
      level: 2,
      levelLabel: '红色预警',
      subjectCode: 'GC-01',
      subjectName: '示例',
      itemName: 'm2',
      raisedOn: '2026-06-01',
      referredOn: [],
    },
    {
      id: 'e2',
      department: D,
      level: 3,
      levelLabel: '挂牌督办',
      subjectCode: 'DC-01',
      subjectName: '示例',
      itemName: 'x',
      raisedOn: '2026-06-20',
      referredOn: ['2026-06-25'],
    },
    {
      id: 'e3',
      department: D,
      level: 1,
      levelLabel: '黄色预警',
      subjectCode: 'DC-01',
      subjectName: '示例',
      itemName: 'y',
      raisedOn: '2026-06-02',
      referredOn: [],
    },
    {
      id: 'e4',
      department: D,
      level: 2,
      levelLabel: '红色预警',
      subjectCode: 'DC-01',
      subjectName: '示例',
      itemName: 'z',
      raisedOn: '2025-11-02',
      referredOn: [],
    },
  ],
};

describe('年度考核 (ASM-SCORE-1), computed by hand', () => {
  it('scores the fixture department 36.2 (较差), with every figure and the items behind it', () => {
    const result = assessDepartment(fixture);
    // Rates: original 1/4, current 2/4, indicators 1/2 (不可评价 left out), milestones 1/2.
    // Base = 30×0.25 + 20×0.5 + 25×0.5 + 25×0.5 = 7.5 + 10 + 12.5 + 12.5 = 42.5
    // Deductions: overdue 30 + 5 = 35 days × 0.05 = 1.75 → 1.8; escalations red 0.5 + listed 1 = 1.5; one referral 3.
    // Score = 42.5 − 6.3 = 36.2
    expect(result.components.map((c) => [c.key, c.met, c.total, c.points])).toEqual([
      ['onTimeOriginal', 1, 4, 7.5],
      ['onTimeCurrent', 2, 4, 10],
      ['indicators', 1, 2, 12.5],
      ['milestones', 1, 2, 12.5],
    ]);
    expect(result.base).toBe(42.5);
    expect(result.deductions.map((d) => [d.key, d.count, d.points])).toEqual([
      ['overdueDays', 35, 1.8],
      ['escalations', 2, 1.5],
      ['accountability', 1, 3],
    ]);
    expect(result.score).toBe(36.2);
    expect(result.grade).toBe('较差');
    expect(result.deductions[0].items.map((i) => [i.link, i.note])).toEqual([
      ['/projects/p1', '逾期30天'],
      ['/orders/o1', '逾期5天'],
    ]);
    expect(result.explanation).toContain('得分36.2');
  });

  it('gives a rate without items no weight: the others are scaled to 100', () => {
    const result = assessDepartment({ ...fixture, indicators: [], escalations: [] });
    // (7.5 + 10 + 12.5) / 75 × 100 = 40, less 1.8 for the overdue days.
    expect(result.base).toBe(40);
    expect(result.score).toBe(38.2);
  });

  it('as of an earlier day counts only what was due by then', () => {
    const result = assessDepartment({ ...fixture, asOf: '2026-03-31', escalations: [] });
    expect(result.components.find((c) => c.key === 'onTimeOriginal')).toMatchObject({ met: 1, total: 2 });
    expect(result.components.find((c) => c.key === 'milestones')).toMatchObject({ met: 1, total: 1 });
  });

  it('answers no score for a department with nothing to assess', () => {
    expect(assessDepartment({ ...fixture, department: 'city-forestry-bureau' })).toMatchObject({ score: null, grade: null });
  });

  it('reads overrides of the weights and refuses unknown settings', () => {
    expect(assessmentConfigFrom({ weights: { indicators: 40 } }).weights).toEqual({ ...defaultAssessmentConfig.weights, indicators: 40 });
    expect(() => assessmentConfigFrom({ weight: {} })).toThrow(/unknown setting weight/);
    expect(() => assessmentConfigFrom({ grades: { pass: -1 } })).toThrow(/grades.pass must be a number/);
  });
});

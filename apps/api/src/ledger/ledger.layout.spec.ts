import { rectificationOrderDecider, type RectificationOrderEvent, type RectificationOrderState } from '@app/domain';
import { ledgerCompletion, ledgerDaysOverdue, ledgerRow, measureLine } from './ledger.layout';

const occurredAt = '2025-01-02T02:00:00.000Z';
const fold = (events: RectificationOrderEvent[]): RectificationOrderState =>
  events.reduce(rectificationOrderDecider.evolve, rectificationOrderDecider.initialState());

const issued: RectificationOrderEvent = {
  type: 'OrderIssued',
  data: {
    orderId: 'o-1',
    code: '台账-1',
    source: 'CENTRAL_INSPECTION',
    batch: '批次',
    finding: '问题',
    target: '目标',
    deadlineKind: 'BY_DATE',
    deadline: '2025-06-30',
    measures: [
      { measureId: 'M1', description: '排查', dueDate: '2025-03-31' },
      { measureId: 'M2', description: '治理', dueDate: '2025-06-30' },
    ],
    issuedOn: '2025-01-02',
    petition: null,
    firstPeriodicReportDueOn: null,
    occurredAt,
  },
};
const assigned: RectificationOrderEvent = {
  type: 'OrderAssigned',
  data: {
    leadDepartment: 'ning-an-city',
    responsiblePerson: null,
    cooperatingDepartments: [],
    acceptanceDepartment: 'city-eco-env-bureau',
    occurredAt,
  },
};
const started: RectificationOrderEvent = {
  type: 'RectificationStarted',
  data: { startedOn: '2025-01-03', afterReopening: false, occurredAt },
};
const m1Done: RectificationOrderEvent = {
  type: 'MeasureCompleted',
  data: { measureId: 'M1', completedOn: '2025-03-20', dueDate: '2025-03-31', late: false, note: null, occurredAt },
};

describe('ledger columns', () => {
  const inProgress = fold([issued, assigned, started]);

  it('完成情况: on schedule until a date is missed, 基本完成 once acceptance is requested', () => {
    expect(ledgerCompletion(inProgress, '2025-03-01')).toBe('ON_SCHEDULE');
    expect(ledgerCompletion(inProgress, '2025-04-01')).toBe('BEHIND_SCHEDULE');
    expect(ledgerCompletion(fold([issued, assigned, started, m1Done]), '2025-04-01')).toBe('ON_SCHEDULE');
    const requested = fold([
      issued,
      assigned,
      started,
      { type: 'AcceptanceRequested', data: { requestedOn: '2025-05-01', note: null, requestedBy: 'u', occurredAt } },
    ]);
    expect(ledgerCompletion(requested, '2025-08-01')).toBe('BASICALLY_COMPLETED');
  });

  it('逾期天数: days past the current deadline while open, none before it', () => {
    expect(ledgerDaysOverdue(inProgress, '2025-06-30')).toBeNull();
    expect(ledgerDaysOverdue(inProgress, '2025-07-10')).toBe(10);
  });

  it('writes a completed measure with its completion date, and 序号', () => {
    const state = fold([issued, assigned, started, m1Done]);
    expect(state.measures.map(measureLine)).toEqual(['2025-03-31 排查（已完成 2025-03-20）', '2025-06-30 治理']);
    expect(ledgerRow(7, 'o-1', state, '2025-04-01')).toMatchObject({
      index: 7,
      completion: '达到序时进度',
      daysOverdue: null,
      issuedOn: '2025-01-02',
    });
  });
});

import {
  averageDaysOverdue,
  countOrder,
  emptyDepartmentFigures,
  figureRate,
  isOrderOpen,
  isOrderOverdue,
  orderTimeliness,
} from './order-figures';
import type { RectificationOrderState } from './rectification-order.state';

type Fields = Pick<RectificationOrderState, 'status' | 'originalDeadline' | 'currentDeadline' | 'closedOn'>;
const TODAY = '2025-06-10';
const order = (o: Partial<Fields>): Fields => ({
  status: 'IN_PROGRESS',
  originalDeadline: null,
  currentDeadline: null,
  closedOn: null,
  ...o,
});

describe('the one definition of the order figures (docs/figures.md)', () => {
  it('counts an order 验收通过 past its deadline as open and overdue, never as closed or on time', () => {
    const accepted = order({ status: 'ACCEPTED', originalDeadline: '2025-06-05', currentDeadline: '2025-06-05' });
    expect(isOrderOpen(accepted)).toBe(true);
    expect(isOrderOverdue(accepted, TODAY)).toBe(true);
    expect(orderTimeliness(accepted, TODAY)).toBe('OVERDUE');
    expect(countOrder(emptyDepartmentFigures(), accepted, TODAY)).toEqual({
      open: 1,
      overdue: 1,
      closed: 0,
      closedWithDeadline: 0,
      onTimeOriginal: 0,
      onTimeCurrent: 0,
      daysOverdue: 5,
    });
  });

  it('counts on time against the original and against the current deadline', () => {
    const extended = order({ status: 'CLOSED', originalDeadline: '2025-03-31', currentDeadline: '2025-05-31', closedOn: '2025-05-20' });
    const figures = countOrder(emptyDepartmentFigures(), extended, TODAY);
    expect(figures).toMatchObject({ open: 0, closed: 1, closedWithDeadline: 1, onTimeOriginal: 0, onTimeCurrent: 1 });
    expect(orderTimeliness(extended, TODAY)).toBe('DONE_ON_TIME');
    expect(figureRate(figures.onTimeOriginal, figures.closedWithDeadline)).toBe(0);
    expect(figureRate(0, 0)).toBeNull();
  });

  it('names the timeliness of open orders by the current deadline, the due day counting in full', () => {
    expect(orderTimeliness(order({ currentDeadline: TODAY }), TODAY)).toBe('DUE_SOON');
    expect(orderTimeliness(order({ currentDeadline: '2025-07-10' }), TODAY)).toBe('DUE_SOON');
    expect(orderTimeliness(order({ currentDeadline: '2025-07-11' }), TODAY)).toBe('ON_TRACK');
    expect(orderTimeliness(order({ currentDeadline: null }), TODAY)).toBe('NO_DEADLINE');
    expect(orderTimeliness(order({ status: 'CLOSED', currentDeadline: '2025-05-31', closedOn: '2025-06-01' }), TODAY)).toBe('DONE_LATE');
  });

  it('averages the days overdue over the overdue orders only', () => {
    const figures = emptyDepartmentFigures();
    countOrder(figures, order({ currentDeadline: '2025-06-09' }), TODAY);
    countOrder(figures, order({ currentDeadline: '2025-06-01' }), TODAY);
    countOrder(figures, order({ status: 'CLOSED', currentDeadline: '2025-05-01', closedOn: '2025-05-20' }), TODAY);
    expect(averageDaysOverdue(figures)).toBe(5);
    expect(averageDaysOverdue(emptyDepartmentFigures())).toBeNull();
  });
});

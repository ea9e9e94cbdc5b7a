import { at, context, DeciderSpecification } from '../testing/decider-spec';
import { rectificationOrderDecider } from './rectification-order.decider';
import type { RectificationOrderEvent } from './rectification-order.events';
import {
  assigned,
  closed,
  evidenceAttached,
  housingBureau,
  inProgress,
  ongoingInNotice,
  ongoingIssued,
  started,
  supervision,
  waterBureau,
} from './rectification-order.fixtures';

/** Ongoing order issued 2024-01-10; first periodic report due 2024-04-10. */
const NOW = at('2024-03-15 10:00');
const T = NOW.toISOString();

const by = (who: typeof supervision) => ({ actor: who });
const spec = DeciderSpecification(rectificationOrderDecider, context(NOW, waterBureau));
type Event = RectificationOrderEvent;

const ongoingInProgress = [ongoingIssued, assigned, started];

describe('SubmitPeriodicReport', () => {
  const command = { type: 'SubmitPeriodicReport', reportId: 'pr-1', summary: '一季度巡河48次，未发现反弹' } as const;

  it('records an on-time report and schedules the next one an interval later', () => {
    spec
      .given(ongoingInProgress)
      .when(command)
      .then([
        {
          type: 'PeriodicReportSubmitted',
          data: {
            reportId: 'pr-1',
            summary: '一季度巡河48次，未发现反弹',
            reportedOn: '2024-03-15',
            dueOn: '2024-04-10',
            late: false,
            nextDueOn: '2024-06-15',
            occurredAt: T,
          },
        },
      ]);
  });

  it('flags a report made after it was due', () => {
    spec
      .given(ongoingInProgress)
      .when(command, { now: at('2024-04-11 08:00') })
      .thenState((state, [event]) => {
        expect(event.data).toMatchObject({ dueOn: '2024-04-10', late: true, nextDueOn: '2024-07-11' });
        expect(state.periodicReportDueOn).toBe('2024-07-11');
        expect(state.periodicReports).toEqual([expect.objectContaining({ reportId: 'pr-1', late: true })]);
      });
  });

  it('is still owed while the order awaits acceptance', () => {
    const requested: Event = {
      type: 'AcceptanceRequested',
      data: { requestedOn: '2024-03-14', note: null, requestedBy: 'u-water', occurredAt: T },
    };
    spec
      .given([...ongoingInProgress, requested])
      .when(command)
      .thenState((state) => expect(state.periodicReports).toHaveLength(1));
  });

  it('refuses an order that has a deadline', () => {
    spec.given(inProgress).when(command).thenThrows({ kind: 'conflict', code: 'NOT_AN_ONGOING_ORDER' });
  });

  it('refuses a report id already used', () => {
    const submitted: Event = {
      type: 'PeriodicReportSubmitted',
      data: {
        reportId: 'pr-1',
        summary: '旧',
        reportedOn: '2024-02-01',
        dueOn: '2024-04-10',
        late: false,
        nextDueOn: '2024-05-01',
        occurredAt: T,
      },
    };
    spec
      .given([...ongoingInProgress, submitted])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'REPORT_ALREADY_RECORDED' });
  });

  it('refuses a closed order', () => {
    spec
      .given([...ongoingInNotice(evidenceAttached('ev-1', true)), closed])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses a cooperating department', () => {
    spec.given(ongoingInProgress).when(command, by(housingBureau)).thenThrows({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
  });
});

describe('RequestExtension on an ongoing order', () => {
  it('refuses: there is no deadline to extend', () => {
    spec
      .given(ongoingInProgress)
      .when({ type: 'RequestExtension', requestId: 'x-1', requestedDeadline: '2024-12-31', reason: '原因', progressSoFar: '进展' })
      .thenThrows({ kind: 'conflict', code: 'NO_DEADLINE_TO_EXTEND' });
  });
});

describe('ReopenOrder on an ongoing order', () => {
  it('refuses a new deadline', () => {
    spec
      .given([...ongoingInNotice(evidenceAttached('ev-1', true)), closed])
      .when({ type: 'ReopenOrder', reason: '反弹', newDeadline: '2024-12-31' }, by({ ...supervision, roles: ['leadership'] }))
      .thenThrows({ kind: 'invalid', code: 'DEADLINE_NOT_ALLOWED_FOR_ONGOING' });
  });
});

describe('CloseOrder on an ongoing order', () => {
  it('refuses without evidence of a lasting mechanism', () => {
    spec
      .given(ongoingInNotice(evidenceAttached('ev-1', false)))
      .when({ type: 'CloseOrder' }, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'LASTING_MECHANISM_EVIDENCE_REQUIRED' });
  });

  it('closes with evidence of a lasting mechanism', () => {
    spec
      .given(ongoingInNotice(evidenceAttached('ev-1', false), evidenceAttached('ev-2', true)))
      .when({ type: 'CloseOrder' }, by(supervision))
      .thenState((state) => expect(state.status).toBe('CLOSED'));
  });
});

import { at, context, DeciderSpecification } from '../testing/decider-spec';
import { rectificationOrderDecider } from './rectification-order.decider';
import type { RectificationOrderEvent } from './rectification-order.events';
import {
  awaitingAcceptance,
  issued,
  extensionApproved,
  extensionRequested,
  housingBureau,
  inProgress,
  leadership,
  supervision,
  waterBureau,
} from './rectification-order.fixtures';

/** Friday. */
const NOW = at('2024-03-15 10:00');
const T = NOW.toISOString();
const TODAY = '2024-03-15';

const by = (who: typeof supervision) => ({ actor: who });
const spec = DeciderSpecification(rectificationOrderDecider, context(NOW, waterBureau));
type Event = RectificationOrderEvent;

describe('RequestExtension', () => {
  const command = {
    type: 'RequestExtension',
    requestId: 'x-1',
    requestedDeadline: '2024-09-30',
    reason: '管网施工受汛期影响',
    progressSoFar: '已完成管网铺设60%',
  } as const;

  it('records the request with the deadline it would replace', () => {
    spec
      .given(inProgress)
      .when(command)
      .then([{ type: 'ExtensionRequested', data: { ...(extensionRequested.data as object), requestedOn: TODAY, occurredAt: T } } as Event]);
  });

  it('may be requested on the deadline day itself (Shanghai time)', () => {
    spec
      .given(inProgress)
      .when(command, { now: at('2024-06-30 23:30') })
      .thenState((state) => expect(state.extensions).toHaveLength(1));
  });

  it('refuses a request after the current deadline', () => {
    spec
      .given(inProgress)
      .when(command, { now: at('2024-07-01 00:30') })
      .thenThrows({ kind: 'conflict', code: 'EXTENSION_REQUESTED_AFTER_DEADLINE' });
  });

  it('counts from the current deadline once an extension was approved', () => {
    spec
      .given([...inProgress, extensionRequested, extensionApproved])
      .when({ ...command, requestId: 'x-2', requestedDeadline: '2024-10-31' }, { now: at('2024-08-01 09:00') })
      .thenState((_state, [event]) => expect(event.data).toMatchObject({ currentDeadline: '2024-09-30' }));
  });

  it('refuses a second request while one is pending', () => {
    spec
      .given([...inProgress, extensionRequested])
      .when({ ...command, requestId: 'x-2' })
      .thenThrows({ kind: 'conflict', code: 'EXTENSION_ALREADY_PENDING' });
  });

  it('refuses a requested deadline that is not later than the current one', () => {
    spec
      .given(inProgress)
      .when({ ...command, requestedDeadline: '2024-06-30' })
      .thenThrows({ kind: 'invalid', code: 'EXTENSION_NOT_LATER_THAN_DEADLINE' });
  });

  it('refuses a request while acceptance is pending', () => {
    spec.given(awaitingAcceptance).when(command).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses a cooperating department', () => {
    spec.given(inProgress).when(command, by(housingBureau)).thenThrows({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
  });
});

describe('ApproveExtension', () => {
  const signOff = {
    kind: 'APPROVAL',
    documentNumber: '黑整改办函〔2024〕18号',
    approvedOn: '2024-03-12',
    approverBody: '黑龙江省生态环境保护督察整改工作领导小组办公室',
  } as const;
  /** The fixture order comes from the central inspection: its extension needs the province (ORD-PROV-1). */
  const command = { type: 'ApproveExtension', requestId: 'x-1', note: '同意延期', provincialSignOff: signOff } as const;

  it('approves the pending request with the provincial office’s sign-off', () => {
    spec
      .given([...inProgress, extensionRequested])
      .when(command, by(leadership))
      .then([
        {
          type: 'ExtensionApproved',
          data: {
            requestId: 'x-1',
            previousDeadline: '2024-06-30',
            newDeadline: '2024-09-30',
            note: '同意延期',
            decidedBy: 'u-leader',
            provincialSignOff: signOff,
            occurredAt: T,
          },
        },
      ]);
  });

  it('refuses city leadership alone for a central-inspection order, naming what is missing', () => {
    const error = spec
      .given([...inProgress, extensionRequested])
      .when({ ...command, provincialSignOff: null }, by(leadership))
      .thenThrows({ kind: 'conflict', code: 'PROVINCIAL_SIGN_OFF_REQUIRED' });
    expect(error.detail).toContain('中央生态环境保护督察');
    expect(error.detail).toContain('省整改办');
    expect(error.rule).toBe('ORD-PROV-1');
  });

  it('keeps city approval for orders of other sources', () => {
    const selfFound = { ...issued, data: { ...(issued.data as object), source: 'SELF_FOUND' } } as Event;
    spec
      .given([selfFound, ...inProgress.slice(1), extensionRequested])
      .when({ ...command, provincialSignOff: null }, by(leadership))
      .thenState((state) => expect(state.currentDeadline).toBe('2024-09-30'));
  });

  it('refuses a provincial sign-off dated in the future', () => {
    spec
      .given([...inProgress, extensionRequested])
      .when({ ...command, provincialSignOff: { ...signOff, approvedOn: '2024-04-01' } }, by(leadership))
      .thenThrows({ kind: 'invalid', code: 'DATE_IN_FUTURE' });
  });

  it('moves the current deadline and never the original one', () => {
    spec
      .given([...inProgress, extensionRequested])
      .when(command, by(leadership))
      .thenState((state) => {
        expect(state).toMatchObject({ originalDeadline: '2024-06-30', currentDeadline: '2024-09-30' });
        expect(state.extensions[0]).toMatchObject({ status: 'APPROVED', decidedBy: 'u-leader' });
      });
  });

  it('refuses a request already decided', () => {
    const second: Event = {
      ...extensionRequested,
      data: { ...(extensionRequested.data as object), requestId: 'x-2', requestedDeadline: '2024-12-31' },
    } as Event;
    spec
      .given([...inProgress, extensionRequested, extensionApproved, second])
      .when(command, by(leadership))
      .thenThrows({ kind: 'conflict', code: 'EXTENSION_ALREADY_DECIDED' });
  });

  it('refuses when no request awaits a decision', () => {
    const error = spec
      .given([...inProgress, extensionRequested, extensionApproved])
      .when(command, by(leadership))
      .thenThrows({ kind: 'conflict', code: 'NO_PENDING_EXTENSION' });
    expect(error.rule).toBe('ORD-EXT-4');
  });

  it('refuses an unknown request', () => {
    spec
      .given([...inProgress, extensionRequested])
      .when({ ...command, requestId: 'x-9' }, by(leadership))
      .thenThrows({ kind: 'not-found', code: 'EXTENSION_REQUEST_NOT_FOUND' });
  });

  it('refuses anyone but leadership', () => {
    spec
      .given([...inProgress, extensionRequested])
      .when(command, by(supervision))
      .thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
    spec
      .given([...inProgress, extensionRequested])
      .when(command, by(waterBureau))
      .thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('RejectExtension', () => {
  const command = { type: 'RejectExtension', requestId: 'x-1', reason: '理由不充分' } as const;

  it('rejects the request and keeps the deadline', () => {
    spec
      .given([...inProgress, extensionRequested])
      .when(command, by(leadership))
      .thenState((state, events) => {
        expect(events).toEqual([
          { type: 'ExtensionRejected', data: { requestId: 'x-1', reason: '理由不充分', decidedBy: 'u-leader', occurredAt: T } },
        ]);
        expect(state.currentDeadline).toBe('2024-06-30');
        expect(state.extensions[0].status).toBe('REJECTED');
      });
  });

  it('allows a new request once the pending one is rejected', () => {
    const rejected: Event = {
      type: 'ExtensionRejected',
      data: { requestId: 'x-1', reason: '理由不充分', decidedBy: 'u-leader', occurredAt: T },
    };
    spec
      .given([...inProgress, extensionRequested, rejected])
      .when({ type: 'RequestExtension', requestId: 'x-2', requestedDeadline: '2024-07-31', reason: '补充材料', progressSoFar: '70%' })
      .thenState((state) => expect(state.extensions.map((x) => x.status)).toEqual(['REJECTED', 'PENDING']));
  });

  it('refuses anyone but leadership', () => {
    spec
      .given([...inProgress, extensionRequested])
      .when(command, by(supervision))
      .thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

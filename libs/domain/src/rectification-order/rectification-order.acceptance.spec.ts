import { defaultDomainConfig } from '../shared/decider';
import { endOfShanghaiDay } from '../shared/dates';
import { at, context, DeciderSpecification } from '../testing/decider-spec';
import { rectificationOrderDecider } from './rectification-order.decider';
import type { RecordAcceptanceFailed } from './rectification-order.commands';
import type { RectificationOrderEvent } from './rectification-order.events';
import {
  acceptancePassed,
  acceptanceRequested,
  accepted,
  allMeasuresDone,
  assigned,
  awaitingAcceptance,
  closedOrder,
  housingBureau,
  inProgress,
  inPublicNotice,
  issued,
  leadership,
  measureDone,
  noticePublished,
  objectionRecorded,
  objectionSettled,
  started,
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

describe('RequestAcceptance', () => {
  const command = { type: 'RequestAcceptance', note: '申请验收' } as const;

  it('requests acceptance once every measure is done', () => {
    spec
      .given(allMeasuresDone)
      .when(command)
      .then([{ type: 'AcceptanceRequested', data: { requestedOn: TODAY, note: '申请验收', requestedBy: 'u-water', occurredAt: T } }]);
  });

  it('refuses while a measure is outstanding', () => {
    const error = spec
      .given([...inProgress, measureDone('m1')])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'MEASURES_OUTSTANDING' });
    expect(error.detail).toContain('建设截污管网');
  });

  it('refuses before rectification has started', () => {
    spec.given([issued, assigned]).when(command).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses a cooperating department (only the lead department may request acceptance)', () => {
    spec.given(allMeasuresDone).when(command, by(housingBureau)).thenThrows({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
  });

  it('refuses the supervision office', () => {
    spec.given(allMeasuresDone).when(command, by(supervision)).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('RecordAcceptancePassed', () => {
  const command = {
    type: 'RecordAcceptancePassed',
    recordId: 'acc-1',
    checkedOn: '2024-03-14',
    summary: '直排口已全部封堵',
    documentRef: '牡环验〔2024〕8号',
  } as const;

  it('records the acceptance department’s passed check', () => {
    spec
      .given(awaitingAcceptance)
      .when(command, by(supervision))
      .then([
        {
          type: 'AcceptancePassed',
          data: {
            recordId: 'acc-1',
            checkedOn: '2024-03-14',
            acceptanceDepartment: '市生态环境局',
            summary: '直排口已全部封堵',
            documentRef: '牡环验〔2024〕8号',
            recordedBy: 'u-sup',
            occurredAt: T,
          },
        },
      ]);
  });

  it('lets leadership record it and makes the order accepted', () => {
    spec
      .given(awaitingAcceptance)
      .when(command, by(leadership))
      .thenState((state) => {
        expect(state.status).toBe('ACCEPTED');
        expect(state.validAcceptanceRecordId).toBe('acc-1');
      });
  });

  it('refuses a check dated in the future', () => {
    spec
      .given(awaitingAcceptance)
      .when({ ...command, checkedOn: '2024-03-20' }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'DATE_IN_FUTURE' });
  });

  it('refuses a record id already used', () => {
    const failed: Event = {
      type: 'AcceptanceFailed',
      data: {
        recordId: 'acc-1',
        checkedOn: '2024-03-03',
        acceptanceDepartment: '市生态环境局',
        reasons: ['仍有直排'],
        recordedBy: 'u-sup',
        occurredAt: T,
      },
    };
    spec
      .given([...awaitingAcceptance, failed, acceptanceRequested])
      .when(command, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'ACCEPTANCE_RECORD_ALREADY_EXISTS' });
  });

  it('refuses when no acceptance was requested', () => {
    spec.given(allMeasuresDone).when(command, by(supervision)).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses a project-lead', () => {
    spec.given(awaitingAcceptance).when(command, by(waterBureau)).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('RecordAcceptanceFailed', () => {
  const command: RecordAcceptanceFailed = {
    type: 'RecordAcceptanceFailed',
    recordId: 'acc-0',
    checkedOn: '2024-03-14',
    reasons: ['仍有1处直排口未封堵'],
  };

  it('sends the order back into rectification with the reasons', () => {
    spec
      .given(awaitingAcceptance)
      .when(command, by(supervision))
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'AcceptanceFailed',
            data: {
              recordId: 'acc-0',
              checkedOn: '2024-03-14',
              acceptanceDepartment: '市生态环境局',
              reasons: ['仍有1处直排口未封堵'],
              recordedBy: 'u-sup',
              perfunctory: null,
              occurredAt: T,
            },
          },
        ]);
        expect(state.status).toBe('IN_PROGRESS');
        expect(state.validAcceptanceRecordId).toBeNull();
      });
  });

  it('records a finding of perfunctory rectification (敷衍整改) with the failure', () => {
    spec
      .given(awaitingAcceptance)
      .when({ ...command, perfunctory: 'PERFUNCTORY' }, by(supervision))
      .thenState((state) => expect(state.acceptanceChecks.at(-1)).toMatchObject({ outcome: 'FAILED', perfunctory: 'PERFUNCTORY' }));
  });

  it('lets the lead department request acceptance again afterwards', () => {
    const failed: Event = {
      type: 'AcceptanceFailed',
      data: {
        recordId: 'acc-0',
        checkedOn: '2024-03-03',
        acceptanceDepartment: '市生态环境局',
        reasons: ['仍有直排'],
        recordedBy: 'u-sup',
        occurredAt: T,
      },
    };
    spec
      .given([...awaitingAcceptance, failed])
      .when({ type: 'RequestAcceptance', note: null })
      .thenState((state) => expect(state.status).toBe('ACCEPTANCE_REQUESTED'));
  });

  it('refuses once acceptance has passed', () => {
    spec.given(accepted).when(command, by(supervision)).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses a project-lead', () => {
    spec.given(awaitingAcceptance).when(command, by(waterBureau)).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('PublishClosingNotice', () => {
  const command = { type: 'PublishClosingNotice', noticeId: 'n-2' } as const;

  it('starts a public notice of five working days from the publish date', () => {
    spec
      .given(accepted)
      .when(command, by(supervision))
      .then([
        {
          type: 'PublicNoticePublished',
          data: { noticeId: 'n-2', publishedOn: '2024-03-15', endsOn: '2024-03-22', workingDays: 5, occurredAt: T },
        },
      ]);
  });

  it('uses the configured notice length', () => {
    spec
      .given(accepted)
      .when(command, { actor: supervision, config: { ...defaultDomainConfig, publicNoticeWorkingDays: 7 } })
      .thenState((state) => {
        expect(state.status).toBe('IN_PUBLIC_NOTICE');
        expect(state.publicNotice).toMatchObject({ publishedOn: '2024-03-15', endsOn: '2024-03-26', workingDays: 7 });
      });
  });

  it('refuses before acceptance has passed', () => {
    spec.given(awaitingAcceptance).when(command, by(supervision)).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses a notice id already used', () => {
    const reaccepted = [
      ...inPublicNotice,
      objectionRecorded(),
      objectionSettled('UPHELD', true),
      acceptanceRequested,
      { ...acceptancePassed, data: { ...(acceptancePassed.data as object), recordId: 'acc-2' } } as Event,
    ];
    spec
      .given(reaccepted)
      .when({ ...command, noticeId: 'n-1' }, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'NOTICE_ALREADY_PUBLISHED' });
  });

  it('refuses a project-lead', () => {
    spec.given(accepted).when(command, by(waterBureau)).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('RecordObjection', () => {
  const command = { type: 'RecordObjection', objectionId: 'obj-1', summary: '河道仍有异味', receivedOn: '2024-03-05' } as const;

  it('records an objection to the running notice', () => {
    spec
      .given(inPublicNotice)
      .when(command, by(supervision))
      .then([
        {
          type: 'ObjectionRecorded',
          data: { objectionId: 'obj-1', noticeId: 'n-1', summary: '河道仍有异味', receivedOn: '2024-03-05', occurredAt: T },
        },
      ]);
  });

  it('refuses when no notice is running', () => {
    spec.given(accepted).when(command, by(supervision)).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses an objection received before the notice was published', () => {
    spec
      .given(inPublicNotice)
      .when({ ...command, receivedOn: '2024-03-01' }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'OBJECTION_BEFORE_NOTICE' });
  });

  it('refuses an objection dated in the future', () => {
    spec
      .given(inPublicNotice)
      .when({ ...command, receivedOn: '2024-03-18' }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'DATE_IN_FUTURE' });
  });

  it('refuses an objection id already used', () => {
    spec
      .given([...inPublicNotice, objectionRecorded()])
      .when(command, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'OBJECTION_ALREADY_RECORDED' });
  });

  it('refuses a project-lead', () => {
    spec.given(inPublicNotice).when(command, by(waterBureau)).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('SettleObjection', () => {
  const uphold = { type: 'SettleObjection', objectionId: 'obj-1', outcome: 'UPHELD', resolution: '经现场核查，异议成立' } as const;
  const dismiss = { ...uphold, outcome: 'DISMISSED', resolution: '经现场核查，异议不成立' } as const;

  it('an upheld objection sends the order back into rectification', () => {
    spec
      .given([...inPublicNotice, objectionRecorded()])
      .when(uphold, by(supervision))
      .then([
        {
          type: 'ObjectionSettled',
          data: {
            objectionId: 'obj-1',
            outcome: 'UPHELD',
            resolution: '经现场核查，异议成立',
            returnsToRectification: true,
            decidedBy: 'u-sup',
            occurredAt: T,
          },
        },
      ]);
  });

  it('an upheld objection withdraws the notice and voids the acceptance', () => {
    spec
      .given([...inPublicNotice, objectionRecorded()])
      .when(uphold, by(leadership))
      .thenState((state) => {
        expect(state.status).toBe('IN_PROGRESS');
        expect(state.publicNotice).toBeNull();
        expect(state.publicNotices[0].withdrawnAt).toBe(T);
        expect(state.validAcceptanceRecordId).toBeNull();
        expect(state.objections[0]).toMatchObject({ status: 'UPHELD', settledBy: 'u-leader' });
      });
  });

  it('a dismissed objection leaves the notice running', () => {
    spec
      .given([...inPublicNotice, objectionRecorded()])
      .when(dismiss, by(supervision))
      .thenState((state, [event]) => {
        expect(event.data).toMatchObject({ outcome: 'DISMISSED', returnsToRectification: false });
        expect(state.status).toBe('IN_PUBLIC_NOTICE');
        expect(state.objections[0].status).toBe('DISMISSED');
      });
  });

  it('a second objection upheld after the order is already back in rectification changes no status', () => {
    spec
      .given([...inPublicNotice, objectionRecorded('obj-1'), objectionRecorded('obj-2'), objectionSettled('UPHELD', true, 'obj-1')])
      .when({ ...uphold, objectionId: 'obj-2' }, by(supervision))
      .thenState((state, [event]) => {
        expect(event.data).toMatchObject({ returnsToRectification: false });
        expect(state.status).toBe('IN_PROGRESS');
      });
  });

  it('refuses an objection already settled', () => {
    spec
      .given([...inPublicNotice, objectionRecorded(), objectionSettled('DISMISSED', false), objectionRecorded('obj-2')])
      .when(uphold, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'OBJECTION_ALREADY_SETTLED' });
  });

  it('refuses when no objection awaits a decision', () => {
    spec
      .given([...inPublicNotice, objectionRecorded(), objectionSettled('DISMISSED', false)])
      .when(uphold, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'NO_OPEN_OBJECTION' });
  });

  it('refuses an unknown objection', () => {
    spec
      .given([...inPublicNotice, objectionRecorded()])
      .when({ ...uphold, objectionId: 'obj-9' }, by(supervision))
      .thenThrows({ kind: 'not-found', code: 'OBJECTION_NOT_FOUND' });
  });

  it('refuses a project-lead', () => {
    spec
      .given([...inPublicNotice, objectionRecorded()])
      .when(uphold, by(waterBureau))
      .thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('CloseOrder', () => {
  const command = { type: 'CloseOrder' } as const;

  it('closes once acceptance passed, every measure is done and the notice is over without objection', () => {
    spec
      .given(inPublicNotice)
      .when(command, by(supervision))
      .then([{ type: 'OrderClosed', data: { closedOn: TODAY, acceptanceRecordId: 'acc-1', occurredAt: T } }]);
  });

  it('closes at the very end of the notice’s last working day', () => {
    spec
      .given(inPublicNotice)
      .when(command, { actor: supervision, now: endOfShanghaiDay('2024-03-11') })
      .thenState((state) => expect(state).toMatchObject({ status: 'CLOSED', closedOn: '2024-03-11' }));
  });

  it('closes once every objection is dismissed', () => {
    spec
      .given([...inPublicNotice, objectionRecorded(), objectionSettled('DISMISSED', false)])
      .when(command, by(supervision))
      .thenState((state) => expect(state.status).toBe('CLOSED'));
  });

  it('refuses while the public notice is still running', () => {
    const error = spec
      .given(inPublicNotice)
      .when(command, { actor: supervision, now: at('2024-03-11 23:59') })
      .thenThrows({ kind: 'conflict', code: 'PUBLIC_NOTICE_NOT_FINISHED' });
    expect(error.detail).toContain('2024-03-11');
  });

  it('refuses without a passed acceptance', () => {
    const error = spec
      .given(allMeasuresDone)
      .when(command, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'ACCEPTANCE_RECORD_REQUIRED' });
    expect(error.rule).toBe('ORD-CLOSE-1');
  });

  it('refuses after an upheld objection voided the acceptance', () => {
    spec
      .given([...inPublicNotice, objectionRecorded(), objectionSettled('UPHELD', true)])
      .when(command, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'ACCEPTANCE_RECORD_REQUIRED' });
  });

  it('refuses an accepted order whose notice has not been published', () => {
    spec.given(accepted).when(command, by(supervision)).thenThrows({ kind: 'conflict', code: 'PUBLIC_NOTICE_REQUIRED' });
  });

  it('refuses while an objection is open', () => {
    spec
      .given([...inPublicNotice, objectionRecorded()])
      .when(command, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'OPEN_OBJECTION' });
  });

  it('refuses while a measure is open (e.g. a history imported without its completion)', () => {
    const imported = [issued, assigned, started, measureDone('m1'), acceptanceRequested, acceptancePassed, noticePublished];
    spec.given(imported).when(command, by(supervision)).thenThrows({ kind: 'conflict', code: 'MEASURES_OUTSTANDING' });
  });

  it('refuses an order already closed', () => {
    spec.given(closedOrder).when(command, by(supervision)).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses anyone but the supervision office', () => {
    spec.given(inPublicNotice).when(command, by(waterBureau)).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
    spec.given(inPublicNotice).when(command, by(leadership)).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('ReopenOrder', () => {
  const command = { type: 'ReopenOrder', reason: '"回头看"发现问题反弹', newDeadline: '2024-05-31' } as const;

  it('reopens a closed order', () => {
    spec
      .given(closedOrder)
      .when(command, by(leadership))
      .then([
        {
          type: 'OrderReopened',
          data: { reason: '"回头看"发现问题反弹', newDeadline: '2024-05-31', decidedBy: 'u-leader', occurredAt: T },
        },
      ]);
  });

  it('sets a new current deadline, keeps the original, and voids the old acceptance', () => {
    spec
      .given(closedOrder)
      .when(command, by(leadership))
      .thenState((state) => {
        expect(state).toMatchObject({
          status: 'REOPENED',
          originalDeadline: '2024-06-30',
          currentDeadline: '2024-05-31',
          validAcceptanceRecordId: null,
          publicNotice: null,
          closedOn: null,
        });
        expect(state.reopenings).toHaveLength(1);
      });
  });

  it('keeps the current deadline when no new one is given', () => {
    spec
      .given(closedOrder)
      .when({ ...command, newDeadline: null }, by(leadership))
      .thenState((state) => expect(state.currentDeadline).toBe('2024-06-30'));
  });

  it('goes back into rectification with StartRectification', () => {
    const reopened: Event = { type: 'OrderReopened', data: { reason: '反弹', newDeadline: null, decidedBy: 'u-leader', occurredAt: T } };
    spec
      .given([...closedOrder, reopened])
      .when({ type: 'StartRectification' })
      .then([{ type: 'RectificationStarted', data: { startedOn: TODAY, afterReopening: true, occurredAt: T } }]);
  });

  it('needs a fresh acceptance before closing again', () => {
    const reopened: Event = { type: 'OrderReopened', data: { reason: '反弹', newDeadline: null, decidedBy: 'u-leader', occurredAt: T } };
    spec
      .given([...closedOrder, reopened, started])
      .when({ type: 'CloseOrder' }, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'ACCEPTANCE_RECORD_REQUIRED' });
  });

  it('refuses an order that is not closed', () => {
    spec.given(inPublicNotice).when(command, by(leadership)).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses a new deadline in the past', () => {
    spec
      .given(closedOrder)
      .when({ ...command, newDeadline: '2024-03-14' }, by(leadership))
      .thenThrows({ kind: 'invalid', code: 'DEADLINE_IN_PAST' });
  });

  it('refuses anyone but leadership', () => {
    spec.given(closedOrder).when(command, by(supervision)).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

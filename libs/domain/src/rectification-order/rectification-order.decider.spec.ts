import { defaultDomainConfig } from '../shared/decider';
import { endOfShanghaiDay } from '../shared/dates';
import { at, context, DeciderSpecification } from '../testing/decider-spec';
import { rectificationOrderDecider } from './rectification-order.decider';
import type { AssignOrder, RecordAcceptanceFailed } from './rectification-order.commands';
import type { RectificationOrderEvent } from './rectification-order.events';
import {
  acceptancePassed,
  acceptanceRequested,
  accepted,
  allMeasuresDone,
  assigned,
  awaitingAcceptance,
  closed,
  closedOrder,
  evidenceAttached,
  extensionApproved,
  extensionRequested,
  forestryBureau,
  housingBureau,
  inProgress,
  inPublicNotice,
  issueCommand,
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

describe('IssueOrder', () => {
  it('issues a by-date order with its measures', () => {
    spec
      .given([])
      .when(issueCommand, by(supervision))
      .then([{ type: 'OrderIssued', data: { ...(issued.data as object), issuedOn: TODAY, occurredAt: T } } as Event]);
  });

  it('keeps the deadline as both original and current deadline', () => {
    spec
      .given([])
      .when(issueCommand, by(supervision))
      .thenState((state) => {
        expect(state).toMatchObject({ status: 'ISSUED', originalDeadline: '2024-06-30', currentDeadline: '2024-06-30' });
        expect(state.measures.map((m) => [m.measureId, m.status, m.dueDate])).toEqual([
          ['m1', 'OPEN', '2024-04-30'],
          ['m2', 'OPEN', '2024-06-15'],
        ]);
      });
  });

  it('accepts an immediate order due the same day', () => {
    spec
      .given([])
      .when({ ...issueCommand, deadlineKind: 'IMMEDIATE', deadline: TODAY, measures: [] }, by(supervision))
      .thenState((state) => expect(state.currentDeadline).toBe(TODAY));
  });

  it('schedules the first periodic report of an ongoing order one interval after issue', () => {
    spec
      .given([])
      .when({ ...issueCommand, deadlineKind: 'ONGOING', deadline: null, measures: [] }, by(supervision))
      .thenState((state, [event]) => {
        expect(event.data).toMatchObject({ deadline: null, firstPeriodicReportDueOn: '2024-06-15' });
        expect(state.periodicReportDueOn).toBe('2024-06-15');
      });
  });

  it.each(['IMMEDIATE', 'BY_DATE'] as const)('refuses a %s order without a deadline', (deadlineKind) => {
    spec
      .given([])
      .when({ ...issueCommand, deadlineKind, deadline: null }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'DEADLINE_REQUIRED' });
  });

  it('refuses an ongoing order with a deadline', () => {
    spec
      .given([])
      .when({ ...issueCommand, deadlineKind: 'ONGOING', measures: [] }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'DEADLINE_NOT_ALLOWED_FOR_ONGOING' });
  });

  it('refuses a deadline before the issue date', () => {
    const error = spec
      .given([])
      .when({ ...issueCommand, deadline: '2024-03-14', measures: [] }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'DEADLINE_BEFORE_ISSUE_DATE' });
    expect(error.detail).toContain('2024-03-15');
  });

  it('refuses a measure due after the order deadline', () => {
    spec
      .given([])
      .when({ ...issueCommand, measures: [{ measureId: 'm1', description: '排查', dueDate: '2024-07-01' }] }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'MEASURE_DUE_DATE_OUT_OF_RANGE' });
  });

  it('refuses a measure due before the issue date', () => {
    spec
      .given([])
      .when({ ...issueCommand, measures: [{ measureId: 'm1', description: '排查', dueDate: '2024-03-01' }] }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'MEASURE_DUE_DATE_OUT_OF_RANGE' });
  });

  it('refuses duplicate measure ids', () => {
    spec
      .given([])
      .when({ ...issueCommand, measures: [issueCommand.measures[0], issueCommand.measures[0]] }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'DUPLICATE_ID' });
  });

  it('refuses petition details on an order that is not a petition case', () => {
    spec
      .given([])
      .when({ ...issueCommand, petition: { forwardedOn: '2024-03-10', caseNumber: null } }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'PETITION_DETAILS_NOT_APPLICABLE' });
  });

  it('refuses to issue the same order twice', () => {
    spec.given([issued]).when(issueCommand, by(supervision)).thenThrows({ kind: 'conflict', code: 'ORDER_ALREADY_ISSUED' });
  });

  it('refuses a project-lead', () => {
    spec.given([]).when(issueCommand, by(waterBureau)).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });

  it('refuses leadership (issuing is the supervision office’s job)', () => {
    spec.given([]).when(issueCommand, by(leadership)).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('AssignOrder', () => {
  const command = {
    type: 'AssignOrder',
    leadDepartment: '市水务局',
    responsiblePerson: '李强',
    cooperatingDepartments: ['市住建局'],
    acceptanceDepartment: '市生态环境局',
  } satisfies AssignOrder;

  it('assigns the lead, cooperating and acceptance departments', () => {
    spec
      .given([issued])
      .when(command, by(supervision))
      .then([
        {
          type: 'OrderAssigned',
          data: {
            leadDepartment: '市水务局',
            responsiblePerson: '李强',
            cooperatingDepartments: ['市住建局'],
            acceptanceDepartment: '市生态环境局',
            occurredAt: T,
          },
        },
      ]);
  });

  it('refuses to assign twice', () => {
    spec.given([issued, assigned]).when(command, by(supervision)).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses the lead department listed as cooperating', () => {
    spec
      .given([issued])
      .when({ ...command, cooperatingDepartments: ['市水务局'] }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'LEAD_DEPARTMENT_LISTED_AS_COOPERATING' });
  });

  it('refuses leadership', () => {
    spec.given([issued]).when(command, by(leadership)).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });

  it('answers not-found for an order never issued', () => {
    spec.given([]).when(command, by(supervision)).thenThrows({ kind: 'not-found', code: 'STREAM_NOT_FOUND' });
  });
});

describe('StartRectification', () => {
  it('starts an assigned order', () => {
    spec
      .given([issued, assigned])
      .when({ type: 'StartRectification' })
      .then([{ type: 'RectificationStarted', data: { startedOn: TODAY, afterReopening: false, occurredAt: T } }]);
  });

  it('refuses an order not yet assigned', () => {
    spec
      .given([issued])
      .when({ type: 'StartRectification' }, by(supervision))
      .thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
    spec.given([issued]).when({ type: 'StartRectification' }).thenThrows({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
  });

  it('refuses an order already in progress', () => {
    spec.given(inProgress).when({ type: 'StartRectification' }).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses a cooperating department', () => {
    spec
      .given([issued, assigned])
      .when({ type: 'StartRectification' }, by(housingBureau))
      .thenThrows({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
  });
});

describe('ReportOrderProgress', () => {
  const command = { type: 'ReportOrderProgress', reportId: 'r-1', summary: '已封堵直排口3处', percentComplete: 40 } as const;

  it('records a report from the lead department', () => {
    spec
      .given(inProgress)
      .when(command)
      .then([
        {
          type: 'OrderProgressReported',
          data: {
            reportId: 'r-1',
            summary: '已封堵直排口3处',
            percentComplete: 40,
            reportedOn: TODAY,
            reportedBy: 'u-water',
            reportedByDepartment: '市水务局',
            occurredAt: T,
          },
        },
      ]);
  });

  it('lets a cooperating department report', () => {
    spec
      .given(inProgress)
      .when(command, by(housingBureau))
      .thenState((state) => {
        expect(state.progressReports).toEqual([expect.objectContaining({ reportedByDepartment: '市住建局' })]);
      });
  });

  it('refuses to overwrite a report (reports are append-only)', () => {
    const earlier: Event = {
      type: 'OrderProgressReported',
      data: {
        reportId: 'r-1',
        summary: '旧',
        percentComplete: 10,
        reportedOn: '2024-02-01',
        reportedBy: 'u-water',
        reportedByDepartment: '市水务局',
        occurredAt: T,
      },
    };
    spec
      .given([...inProgress, earlier])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'REPORT_ALREADY_RECORDED' });
  });

  it('refuses a report before rectification has started', () => {
    spec.given([issued, assigned]).when(command).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses a department with no part in the order', () => {
    spec.given(inProgress).when(command, by(forestryBureau)).thenThrows({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
  });
});

describe('CompleteMeasure', () => {
  const command = { type: 'CompleteMeasure', measureId: 'm1', completedOn: '2024-03-14', note: null } as const;

  it('completes a measure on time', () => {
    spec
      .given(inProgress)
      .when(command)
      .then([
        {
          type: 'MeasureCompleted',
          data: { measureId: 'm1', completedOn: '2024-03-14', dueDate: '2024-04-30', late: false, note: null, occurredAt: T },
        },
      ]);
  });

  it('flags a measure completed after its own due date', () => {
    spec
      .given(inProgress)
      .when({ ...command, completedOn: '2024-05-02' }, { now: at('2024-05-02 09:00') })
      .thenState((state, [event]) => {
        expect(event.data).toMatchObject({ late: true, dueDate: '2024-04-30' });
        expect(state.measures[0]).toMatchObject({ status: 'DONE', completedOn: '2024-05-02' });
      });
  });

  it('refuses a measure already completed', () => {
    spec
      .given([...inProgress, measureDone('m1')])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'MEASURE_ALREADY_COMPLETED' });
  });

  it('refuses an unknown measure', () => {
    spec
      .given(inProgress)
      .when({ ...command, measureId: 'm9' })
      .thenThrows({ kind: 'not-found', code: 'MEASURE_NOT_FOUND' });
  });

  it('refuses a completion date in the future', () => {
    spec
      .given(inProgress)
      .when({ ...command, completedOn: '2024-03-16' })
      .thenThrows({ kind: 'invalid', code: 'DATE_IN_FUTURE' });
  });

  it('refuses while acceptance is pending', () => {
    spec
      .given([...inProgress, measureDone('m2'), acceptanceRequested])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses a cooperating department', () => {
    spec.given(inProgress).when(command, by(housingBureau)).thenThrows({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
  });
});

describe('AttachEvidence', () => {
  const command = {
    type: 'AttachEvidence',
    evidenceId: 'ev-1',
    title: '截污管网竣工图',
    uri: 'doc://2024/77',
    measureId: 'm2',
    lastingMechanism: false,
  } as const;

  it('attaches evidence to a measure', () => {
    spec
      .given(inProgress)
      .when(command)
      .then([
        {
          type: 'EvidenceAttached',
          data: {
            evidenceId: 'ev-1',
            title: '截污管网竣工图',
            uri: 'doc://2024/77',
            measureId: 'm2',
            lastingMechanism: false,
            attachedBy: 'u-water',
            attachedByDepartment: '市水务局',
            occurredAt: T,
          },
        },
      ]);
  });

  it('lets a cooperating department attach evidence during the public notice', () => {
    spec
      .given(inPublicNotice)
      .when({ ...command, measureId: null }, by(housingBureau))
      .thenState((state) => {
        expect(state.evidence).toEqual([expect.objectContaining({ evidenceId: 'ev-1', attachedByDepartment: '市住建局' })]);
      });
  });

  it('refuses to replace evidence (evidence is append-only)', () => {
    spec
      .given([...inProgress, evidenceAttached('ev-1')])
      .when(command)
      .thenThrows({ kind: 'conflict', code: 'EVIDENCE_ALREADY_ATTACHED' });
  });

  it('refuses evidence for an unknown measure', () => {
    spec
      .given(inProgress)
      .when({ ...command, measureId: 'm9' })
      .thenThrows({ kind: 'not-found', code: 'MEASURE_NOT_FOUND' });
  });

  it('refuses evidence on a closed order', () => {
    spec.given(closedOrder).when(command).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });

  it('refuses a department with no part in the order', () => {
    spec.given(inProgress).when(command, by(forestryBureau)).thenThrows({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
  });
});

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
  const command = { type: 'ApproveExtension', requestId: 'x-1', note: '同意延期' } as const;

  it('approves the pending request', () => {
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
            occurredAt: T,
          },
        },
      ]);
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
              occurredAt: T,
            },
          },
        ]);
        expect(state.status).toBe('IN_PROGRESS');
        expect(state.validAcceptanceRecordId).toBeNull();
      });
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

describe('full lifecycle', () => {
  it('replays issue → close with the original deadline intact and the extension history kept', () => {
    const state = [
      ...inProgress,
      extensionRequested,
      extensionApproved,
      measureDone('m1'),
      measureDone('m2'),
      acceptanceRequested,
      acceptancePassed,
      noticePublished,
      closed,
    ].reduce(rectificationOrderDecider.evolve, rectificationOrderDecider.initialState());
    expect(state).toMatchObject({
      status: 'CLOSED',
      originalDeadline: '2024-06-30',
      currentDeadline: '2024-09-30',
      closedOn: '2024-03-12',
      version: 11,
    });
    expect(state.extensions).toEqual([expect.objectContaining({ requestId: 'x-1', status: 'APPROVED', currentDeadline: '2024-06-30' })]);
  });
});

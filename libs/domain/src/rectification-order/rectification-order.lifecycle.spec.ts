import { at, context, DeciderSpecification } from '../testing/decider-spec';
import { rectificationOrderDecider } from './rectification-order.decider';
import type { AssignOrder, BackfillOrder, ReassignOrder, ReviseMeasures } from './rectification-order.commands';
import type { RectificationOrderEvent } from './rectification-order.events';
import {
  acceptanceRequested,
  assigned,
  closedOrder,
  evidenceAttached,
  forestryBureau,
  housingBureau,
  inProgress,
  inPublicNotice,
  issueCommand,
  issued,
  issuedWithoutMeasures,
  leadership,
  measureDone,
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
      .then([
        {
          type: 'OrderIssued',
          data: { ...(issued.data as object), issuedOn: TODAY, sector: null, backfill: null, occurredAt: T },
        } as Event,
      ]);
  });

  it('keeps the finding’s sector', () => {
    spec
      .given([])
      .when({ ...issueCommand, sector: 'URBAN_SEWAGE' }, by(supervision))
      .thenState((state) => expect(state.sector).toBe('URBAN_SEWAGE'));
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
            leaderInCharge: null,
            assignedOn: TODAY,
            planDueOn: null,
            occurredAt: T,
          },
        },
      ]);
  });

  it('谁主管谁验收: without an acceptance department, takes the one in charge of the finding’s sector', () => {
    const sewage: Event = { type: 'OrderIssued', data: { ...(issued.data as object), sector: 'URBAN_SEWAGE' } } as Event;
    spec
      .given([sewage])
      .when({ ...command, acceptanceDepartment: null }, by(supervision))
      .thenState((state) => expect(state.acceptanceDepartment).toBe('city-housing-urban-rural-bureau'));
  });

  it('refuses no acceptance department for an order without a sector', () => {
    spec
      .given([issued])
      .when({ ...command, acceptanceDepartment: null }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'ACCEPTANCE_DEPARTMENT_REQUIRED' });
  });

  it('an order issued without measures owes a plan 15 days after assignment', () => {
    spec
      .given([issuedWithoutMeasures])
      .when(command, by(supervision))
      .thenState((state) => expect(state).toMatchObject({ assignedOn: TODAY, planDueOn: '2024-03-30' }));
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
            file: null,
            phase: null,
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

describe('BackfillOrder (补录)', () => {
  const backfill = {
    ...issueCommand,
    type: 'BackfillOrder',
    orderId: 'o-2018',
    code: '第一轮中央督察-07',
    batch: '2017年中央环境保护督察',
    deadline: '2018-12-31',
    measures: [{ measureId: 'm1', description: '关停取缔', dueDate: '2018-06-30' }],
    issuedOn: '2017-12-20',
    status: 'IN_PROGRESS',
    assignment: { leadDepartment: '市水务局', responsiblePerson: null, cooperatingDepartments: [], acceptanceDepartment: '市生态环境局' },
    startedOn: '2018-01-05',
  } satisfies BackfillOrder;

  it('registers an order of 2017 with its original dates, its status now, and who entered it', () => {
    spec
      .given([])
      .when(backfill, by(supervision))
      .thenState((state, events) => {
        expect(events.map((e) => e.type)).toEqual(['OrderIssued', 'OrderAssigned', 'RectificationStarted']);
        expect(state).toMatchObject({
          status: 'IN_PROGRESS',
          issuedOn: '2017-12-20',
          originalDeadline: '2018-12-31',
          startedOn: '2018-01-05',
          backfill: { enteredBy: 'u-sup', enteredOn: TODAY },
          planDueOn: null,
        });
      });
  });

  it('refuses an issue date in the future', () => {
    spec
      .given([])
      .when({ ...backfill, issuedOn: '2024-04-01', deadline: '2024-12-31', measures: [] }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'DATE_IN_FUTURE' });
  });

  it('still refuses a deadline before the original issue date', () => {
    spec
      .given([])
      .when({ ...backfill, deadline: '2017-11-30', measures: [] }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'DEADLINE_BEFORE_ISSUE_DATE' });
  });

  it('needs the assignment of an order in progress, and none for an order only issued', () => {
    spec
      .given([])
      .when({ ...backfill, assignment: null }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'BACKFILL_ASSIGNMENT_REQUIRED' });
    spec
      .given([])
      .when({ ...backfill, status: 'ISSUED' }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'BACKFILL_ASSIGNMENT_NOT_ALLOWED' });
  });

  it('is the supervision office’s', () => {
    spec.given([]).when(backfill, by(waterBureau)).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('ReassignOrder (重新交办)', () => {
  const reassign = {
    type: 'ReassignOrder',
    leadDepartment: '市住建局',
    responsiblePerson: '王局长',
    cooperatingDepartments: ['市水务局'],
    acceptanceDepartment: '市生态环境局',
    leaderInCharge: '副市长（示例）',
    reason: '职能调整',
  } satisfies ReassignOrder;

  it('changes the departments and persons with its reason', () => {
    spec
      .given(inProgress)
      .when(reassign, by(supervision))
      .thenState((state) => {
        expect(state).toMatchObject({ leadDepartment: '市住建局', cooperatingDepartments: ['市水务局'], leaderInCharge: '副市长（示例）' });
        expect(state.reassignments).toEqual([expect.objectContaining({ reason: '职能调整', decidedBy: 'u-sup' })]);
      });
  });

  it('refuses a reassignment that changes nothing', () => {
    spec
      .given(inProgress)
      .when(
        { ...reassign, leadDepartment: '市水务局', responsiblePerson: '李强', cooperatingDepartments: ['市住建局'], leaderInCharge: null },
        by(supervision),
      )
      .thenThrows({ kind: 'invalid', code: 'NOTHING_TO_REASSIGN' });
  });

  it('refuses a closed order', () => {
    spec.given(closedOrder).when(reassign, by(supervision)).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });
});

describe('ReviseMeasures (修改整改措施, ORD-ISSUE-5)', () => {
  const revise = {
    type: 'ReviseMeasures',
    measures: [
      { measureId: 'm1', description: '排查全部直排口', dueDate: '2024-04-30' },
      { measureId: 'M3', description: '建设污水处理站', dueDate: '2024-06-30' },
    ],
    reason: '补充处理站建设',
  } satisfies ReviseMeasures;

  it('replaces the measures of an order not yet assigned', () => {
    spec
      .given([issued])
      .when(revise, by(supervision))
      .then([
        { type: 'MeasuresRevised', data: { measures: revise.measures, reason: '补充处理站建设', revisedBy: 'u-sup', occurredAt: T } },
      ]);
    spec
      .given([issued])
      .when(revise, by(supervision))
      .thenState((state) =>
        expect(state.measures.map((m) => [m.measureId, m.status])).toEqual([
          ['m1', 'OPEN'],
          ['M3', 'OPEN'],
        ]),
      );
  });

  it('checks the measures as at issue: distinct ids, due between the issue date and the deadline', () => {
    spec
      .given([issued])
      .when({ ...revise, measures: [revise.measures[0], revise.measures[0]] }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'DUPLICATE_ID' });
    spec
      .given([issued])
      .when({ ...revise, measures: [{ measureId: 'm1', description: '晚于时限', dueDate: '2024-07-01' }] }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'MEASURE_DUE_DATE_OUT_OF_RANGE' });
  });

  it('refuses a revision that changes nothing', () => {
    spec
      .given([issued])
      .when({ type: 'ReviseMeasures', measures: issueCommand.measures, reason: null }, by(supervision))
      .thenThrows({ kind: 'invalid', code: 'MEASURES_UNCHANGED' });
  });

  it('refuses once the order is assigned: measures then change through the plan', () => {
    spec.given([issued, assigned]).when(revise, by(supervision)).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });
});

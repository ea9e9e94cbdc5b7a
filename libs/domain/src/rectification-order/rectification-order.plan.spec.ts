import { at, context, DeciderSpecification } from '../testing/decider-spec';
import type { SubmitRectificationPlan } from './rectification-order.commands';
import { rectificationOrderDecider } from './rectification-order.decider';
import {
  closedOrder,
  housingBureau,
  inProgress,
  issued,
  measureDone,
  owingPlanInProgress,
  plannedMeasures,
  planApproved,
  planReturned,
  planSubmitted,
  supervision,
  waterBureau,
} from './rectification-order.fixtures';

/** Friday. */
const NOW = at('2024-03-15 10:00');
const T = NOW.toISOString();
const TODAY = '2024-03-15';
const by = (who: typeof supervision) => ({ actor: who });
const spec = DeciderSpecification(rectificationOrderDecider, context(NOW, waterBureau));

const submit: SubmitRectificationPlan = {
  type: 'SubmitRectificationPlan',
  planId: 'plan-1',
  leaderInCharge: '分管副市长（示例）',
  measures: plannedMeasures,
  note: '一问题一方案',
};

describe('SubmitRectificationPlan', () => {
  it('records the lead department’s plan as version 1, awaiting review', () => {
    spec
      .given(owingPlanInProgress)
      .when(submit)
      .then([
        {
          type: 'RectificationPlanSubmitted',
          data: {
            planId: 'plan-1',
            version: 1,
            leaderInCharge: '分管副市长（示例）',
            measures: plannedMeasures,
            note: '一问题一方案',
            submittedOn: TODAY,
            submittedBy: 'u-water',
            submittedByDepartment: '市水务局',
            occurredAt: T,
          },
        },
      ]);
  });

  it('numbers a resubmission after a return as the next version and keeps both', () => {
    spec
      .given([...owingPlanInProgress, planSubmitted(), planReturned()])
      .when({ ...submit, planId: 'plan-2' })
      .thenState((state) => {
        expect(state.plans.map((p) => [p.version, p.status])).toEqual([
          [1, 'RETURNED'],
          [2, 'SUBMITTED'],
        ]);
      });
  });

  it('refuses a second plan while one awaits review', () => {
    spec
      .given([...owingPlanInProgress, planSubmitted()])
      .when({ ...submit, planId: 'plan-2' })
      .thenThrows({ kind: 'conflict', code: 'PLAN_ALREADY_SUBMITTED' });
  });

  it('refuses a measure due after the current deadline', () => {
    spec
      .given(owingPlanInProgress)
      .when({ ...submit, measures: [{ ...plannedMeasures[0], dueDate: '2024-07-31' }] })
      .thenThrows({ kind: 'invalid', code: 'MEASURE_DUE_DATE_OUT_OF_RANGE' });
  });

  it('refuses a plan without measures or with duplicate ids', () => {
    spec
      .given(owingPlanInProgress)
      .when({ ...submit, measures: [] })
      .thenThrows({ kind: 'invalid', code: 'PLAN_MEASURES_REQUIRED' });
    spec
      .given(owingPlanInProgress)
      .when({ ...submit, measures: [plannedMeasures[0], plannedMeasures[0]] })
      .thenThrows({ kind: 'invalid', code: 'DUPLICATE_ID' });
  });

  it('refuses a change to a completed measure', () => {
    spec
      .given([...inProgress, measureDone('m1')])
      .when({ ...submit, measures: [{ measureId: 'm2', description: '建设截污管网', dueDate: '2024-06-15', responsiblePerson: '科长' }] })
      .thenThrows({ kind: 'conflict', code: 'COMPLETED_MEASURE_CHANGED' });
  });

  it('is the lead department’s, not a cooperating one’s', () => {
    spec.given(owingPlanInProgress).when(submit, by(housingBureau)).thenThrows({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
  });

  it('is refused on a closed order', () => {
    spec.given(closedOrder).when(submit).thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
  });
});

describe('ApproveRectificationPlan', () => {
  const approve = { type: 'ApproveRectificationPlan', planId: 'plan-1', note: '同意' } as const;

  it('sets the order’s measures and its 责任领导 from the approved plan', () => {
    spec
      .given([...owingPlanInProgress, planSubmitted()])
      .when(approve, by(supervision))
      .thenState((state) => {
        expect(state.measures.map((m) => [m.measureId, m.status, m.responsiblePerson])).toEqual([
          ['p1', 'OPEN', '水务局排水科科长'],
          ['p2', 'OPEN', '水务局建管科科长'],
        ]);
        expect(state.leaderInCharge).toBe('分管副市长（示例）');
        expect(state.plans[0]).toMatchObject({ status: 'APPROVED', decidedBy: 'u-sup', decidedOn: TODAY });
      });
  });

  it('a change to the approved plan goes through the same review: completed measures stay done, the old version is superseded', () => {
    const revised = [
      { ...plannedMeasures[0] },
      { measureId: 'p3', description: '增设一体化处理设施', dueDate: '2024-06-20', responsiblePerson: '水务局建管科科长' },
    ];
    spec
      .given([...owingPlanInProgress, planSubmitted(), planApproved(), measureDone('p1'), planSubmitted('plan-2', 2, revised)])
      .when({ ...approve, planId: 'plan-2' }, by(supervision))
      .thenState((state) => {
        expect(state.measures.map((m) => [m.measureId, m.status])).toEqual([
          ['p1', 'DONE'],
          ['p3', 'OPEN'],
        ]);
        expect(state.plans.map((p) => p.status)).toEqual(['SUPERSEDED', 'APPROVED']);
      });
  });

  it('needs the provincial office’s sign-off when a central-inspection plan moves a date later', () => {
    const later = [{ ...plannedMeasures[0], dueDate: '2024-05-31' }, plannedMeasures[1]];
    spec
      .given([...owingPlanInProgress, planSubmitted(), planApproved(), planSubmitted('plan-2', 2, later)])
      .when({ ...approve, planId: 'plan-2' }, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'PROVINCIAL_SIGN_OFF_REQUIRED' });
    spec
      .given([...owingPlanInProgress, planSubmitted(), planApproved(), planSubmitted('plan-2', 2, later)])
      .when(
        {
          ...approve,
          planId: 'plan-2',
          provincialSignOff: {
            kind: 'FILING',
            documentNumber: '黑整改办备〔2024〕5号',
            approvedOn: '2024-03-14',
            approverBody: '省整改办',
          },
        },
        by(supervision),
      )
      .thenState((state) => expect(state.plans[1].provincialSignOff).toMatchObject({ kind: 'FILING' }));
  });

  it('refuses when no plan awaits review, and a plan decided already', () => {
    spec.given(owingPlanInProgress).when(approve, by(supervision)).thenThrows({ kind: 'conflict', code: 'NO_PENDING_PLAN' });
    spec
      .given([...owingPlanInProgress, planSubmitted(), planReturned(), planSubmitted('plan-2', 2)])
      .when(approve, by(supervision))
      .thenThrows({ kind: 'conflict', code: 'PLAN_ALREADY_DECIDED' });
  });

  it('is the supervision office’s', () => {
    spec
      .given([...owingPlanInProgress, planSubmitted()])
      .when(approve, by(waterBureau))
      .thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('ReturnRectificationPlan', () => {
  it('returns the plan with reasons and leaves the measures as they were', () => {
    spec
      .given([...owingPlanInProgress, planSubmitted()])
      .when({ type: 'ReturnRectificationPlan', planId: 'plan-1', reasons: ['措施未明确责任人', '时限过于宽松'] }, by(supervision))
      .thenState((state) => {
        expect(state.plans[0]).toMatchObject({ status: 'RETURNED', returnReasons: ['措施未明确责任人', '时限过于宽松'] });
        expect(state.measures).toEqual([]);
      });
  });
});

describe('an order that owes a plan', () => {
  it('is not accepted while its plan awaits review', () => {
    spec
      .given([...owingPlanInProgress, planSubmitted()])
      .when({ type: 'RequestAcceptance', note: null })
      .thenThrows({ kind: 'conflict', code: 'PLAN_AWAITING_REVIEW' });
  });

  it('is accepted once the plan’s measures are done', () => {
    spec
      .given([...owingPlanInProgress, planSubmitted(), planApproved(), measureDone('p1'), measureDone('p2')])
      .when({ type: 'RequestAcceptance', note: null })
      .thenState((state) => expect(state.status).toBe('ACCEPTANCE_REQUESTED'));
  });

  it('an order issued with measures owes none', () => {
    const state = [issued].reduce(rectificationOrderDecider.evolve, rectificationOrderDecider.initialState());
    expect(state.planDueOn).toBeNull();
  });
});

import {
  escalationActionCommandTypes,
  escalationAllowedActions,
  authorizeEscalationCommand,
  escalationDecider,
} from './escalation/escalation.decider';
import type { EscalationEvent } from './escalation/escalation.events';
import { indicatorActionCommandTypes, indicatorAllowedActions, indicatorDecider } from './indicator/indicator.decider';
import type { IndicatorEvent } from './indicator/indicator.events';
import * as ind from './indicator/indicator.fixtures';
import { keyProjectActionCommandTypes, keyProjectAllowedActions, keyProjectDecider } from './key-project/key-project.decider';
import type { KeyProjectEvent } from './key-project/key-project.events';
import * as kp from './key-project/key-project.fixtures';
import { orderActionCommandTypes, orderAllowedActions, rectificationOrderDecider } from './rectification-order/rectification-order.decider';
import type { RectificationOrderEvent } from './rectification-order/rectification-order.events';
import * as ord from './rectification-order/rectification-order.fixtures';
import type { Actor } from './shared/actor';
import type { AllowedAction } from './shared/allowed-actions';
import { shanghaiDate } from './shared/dates';
import type { CommandContext, Decider, DomainEvent } from './shared/decider';
import { DomainError } from './shared/errors';
import { actor, at, context } from './testing/decider-spec';
import { validEscalationCommand, validIndicatorCommand, validKeyProjectCommand, validOrderCommand } from './testing/valid-commands';

/**
 * The property behind every button of the web app: over every status × role × command (and, for a
 * project lead, lead / cooperating / other department), a command listed as allowed is accepted
 * when sent with a valid body, and a command not listed as allowed is refused.
 */

const integrator = actor({ userId: 'u-int', roles: ['integrator'] });
const admin = actor({ userId: 'u-admin', roles: ['admin'] });

/** The lead department is 市水务局 and 市住建局 cooperates in every fixture; 市林草局 has no part. */
const actors: Record<string, Actor> = {
  'supervision-office': ord.supervision,
  leadership: ord.leadership,
  integrator,
  admin,
  'project-lead (lead department)': ord.waterBureau,
  'project-lead (cooperating department)': ord.housingBureau,
  'project-lead (other department)': ord.forestryBureau,
};

interface Scenario<E> {
  name: string;
  events: E[];
  now?: Date;
}

const NOW = at('2024-03-15 10:00');

type OrderEvent = RectificationOrderEvent;
const reopened: OrderEvent = {
  type: 'OrderReopened',
  data: { reason: '问题反弹', newDeadline: '2024-12-31', decidedBy: 'u-leader', occurredAt: '2024-03-13T02:00:00.000Z' },
};
const restarted: OrderEvent = {
  type: 'RectificationStarted',
  data: { startedOn: '2024-03-14', afterReopening: true, occurredAt: '2024-03-14T02:00:00.000Z' },
};
const secondCheckRevised: OrderEvent = {
  type: 'PetitionSecondCheckRecorded',
  data: {
    checkedOn: '2024-03-14',
    outcome: 'REVISED',
    originalFinding: 'UNTRUE',
    revisedFinding: 'PARTLY_TRUE',
    summary: '复核改变结论',
    occurredAt: '2024-03-14T02:00:00.000Z',
  },
};

const orderScenarios: Scenario<OrderEvent>[] = [
  { name: 'ISSUED', events: [ord.issued] },
  { name: 'ASSIGNED', events: [ord.issued, ord.assigned] },
  { name: 'IN_PROGRESS, measures open', events: ord.inProgress },
  { name: 'IN_PROGRESS, extension pending', events: [...ord.inProgress, ord.extensionRequested] },
  { name: 'IN_PROGRESS, extension approved', events: [...ord.inProgress, ord.extensionRequested, ord.extensionApproved] },
  { name: 'IN_PROGRESS, deadline passed', events: ord.inProgress, now: at('2024-07-02 10:00') },
  { name: 'IN_PROGRESS, every measure done', events: ord.allMeasuresDone },
  { name: 'ACCEPTANCE_REQUESTED', events: ord.awaitingAcceptance },
  { name: 'ACCEPTED', events: ord.accepted },
  { name: 'IN_PUBLIC_NOTICE, running', events: ord.inPublicNotice, now: at('2024-03-06 10:00') },
  { name: 'IN_PUBLIC_NOTICE, over', events: ord.inPublicNotice },
  { name: 'IN_PUBLIC_NOTICE, objection open', events: [...ord.inPublicNotice, ord.objectionRecorded()] },
  {
    name: 'IN_PROGRESS after an upheld objection, another still open',
    events: [...ord.inPublicNotice, ord.objectionRecorded(), ord.objectionRecorded('obj-2'), ord.objectionSettled('UPHELD', true)],
  },
  { name: 'IN_PROGRESS, owing a plan', events: ord.owingPlanInProgress },
  { name: 'IN_PROGRESS, plan awaiting review', events: [...ord.owingPlanInProgress, ord.planSubmitted()] },
  { name: 'IN_PROGRESS, plan returned', events: [...ord.owingPlanInProgress, ord.planSubmitted(), ord.planReturned()] },
  { name: 'IN_PROGRESS, plan approved', events: [...ord.owingPlanInProgress, ord.planSubmitted(), ord.planApproved()] },
  { name: 'ASSIGNED, plan awaiting review', events: [ord.issuedWithoutMeasures, ord.assignedOwingPlan, ord.planSubmitted()] },
  { name: 'CLOSED', events: ord.closedOrder },
  { name: 'REOPENED', events: [...ord.closedOrder, reopened] },
  { name: 'IN_PROGRESS after reopening', events: [...ord.closedOrder, reopened, restarted] },
  { name: 'petition ASSIGNED, no finding', events: [ord.petitionIssued, ord.assigned] },
  { name: 'petition IN_PROGRESS, no finding', events: ord.petitionInProgress },
  { name: 'petition IN_PROGRESS, finding UNTRUE', events: [...ord.petitionInProgress, ord.findingReported('UNTRUE')] },
  { name: 'petition IN_PROGRESS, finding TRUE', events: [...ord.petitionInProgress, ord.findingReported('TRUE')] },
  {
    name: 'petition IN_PROGRESS, finding TRUE, visited',
    events: [...ord.petitionInProgress, ord.findingReported('TRUE'), ord.followUpVisited],
  },
  {
    name: 'petition IN_PROGRESS, UNTRUE visited, not second-checked',
    events: [...ord.petitionInProgress, ord.findingReported('UNTRUE'), ord.followUpVisited],
  },
  {
    name: 'petition concluded (办结)',
    events: [...ord.petitionInProgress, ord.findingReported('TRUE'), ord.followUpVisited, ord.petitionConcluded],
  },
  { name: 'petition in notice, UNTRUE without second check', events: ord.petitionInNotice(ord.findingReported('UNTRUE')) },
  {
    name: 'petition in notice, UNTRUE second-checked',
    events: ord.petitionInNotice(ord.findingReported('UNTRUE'), ord.secondCheckConfirmed),
  },
  { name: 'petition in notice, revised by second check', events: ord.petitionInNotice(ord.findingReported('UNTRUE'), secondCheckRevised) },
  {
    name: 'petition CLOSED',
    events: [...ord.petitionInNotice(ord.findingReported('TRUE')), ord.closed],
  },
  { name: 'ongoing IN_PROGRESS', events: [ord.ongoingIssued, ord.assigned, ord.started] },
  { name: 'ongoing in notice, no lasting mechanism', events: ord.ongoingInNotice() },
  { name: 'ongoing in notice, lasting mechanism', events: ord.ongoingInNotice(ord.evidenceAttached('e-1', true)) },
  {
    name: 'ongoing REOPENED',
    events: [
      ...ord.ongoingInNotice(ord.evidenceAttached('e-1', true)),
      ord.closed,
      { ...reopened, data: { ...(reopened.data as object), newDeadline: null } } as OrderEvent,
    ],
  },
];

const kpScenarios: Scenario<KeyProjectEvent>[] = [
  { name: 'PLANNED, awaiting assignment (待交办)', events: [kp.registeredUnassigned, kp.plannedUndated] },
  { name: 'PLANNED, assigned (交办)', events: [kp.registeredUnassigned, kp.plannedUndated, kp.assigned] },
  { name: 'IN_PROGRESS after 交办', events: [kp.registeredUnassigned, kp.plannedUndated, kp.assigned, kp.started] },
  {
    name: 'work task COMPLETED',
    events: [kp.registeredTask, kp.started, kp.planned('m1', 100, '2024-06-30'), kp.achieved('m1', '2024-03-01'), kp.completed],
  },
  { name: 'PLANNED, no milestone', events: [kp.registered] },
  { name: 'PLANNED, milestones', events: [kp.registered, kp.planned('m1', 60, '2024-06-30'), kp.planned('m2', 40, '2024-12-31')] },
  { name: 'IN_PROGRESS', events: kp.inProgress },
  { name: 'IN_PROGRESS, no milestone', events: [kp.registered, kp.started] },
  { name: 'IN_PROGRESS, baseline change pending', events: [...kp.inProgress, kp.baselineRequested] },
  { name: 'IN_PROGRESS, optional milestone open', events: [...kp.allAchieved, kp.planned('m3', 10, '2024-12-31', false)] },
  { name: 'IN_PROGRESS, every milestone achieved', events: kp.allAchieved },
  { name: 'SUSPENDED', events: [...kp.inProgress, kp.suspended] },
  { name: 'SUSPENDED, baseline change pending', events: [...kp.inProgress, kp.baselineRequested, kp.suspended] },
  { name: 'COMPLETED', events: [...kp.allAchieved, kp.completed] },
  {
    name: 'ACCEPTED',
    events: [
      ...kp.allAchieved,
      kp.completed,
      {
        type: 'KeyProjectAccepted',
        data: {
          acceptanceRecord: {
            recordId: 'a-1',
            acceptedOn: '2024-03-12',
            acceptingBody: '市生态环境局',
            documentRef: '验收1号',
            summary: '',
          },
          recordedBy: 'u-sup',
          occurredAt: '2024-03-12T02:00:00.000Z',
        },
      },
    ],
  },
  {
    name: 'CANCELLED',
    events: [
      kp.registered,
      {
        type: 'KeyProjectCancelled',
        data: { reason: '规划调整', cancelledFrom: 'PLANNED', decidedBy: 'u-leader', occurredAt: '2023-01-01T02:00:00.000Z' },
      },
    ],
  },
];

const raised: EscalationEvent = {
  type: 'EscalationRaised',
  data: {
    escalationId: 'e-1',
    level: 2,
    trigger: 'red',
    subjectType: 'RECTIFICATION_ORDER',
    subjectId: 'o-1',
    subjectCode: '中央督察-01',
    subjectName: '镜泊湖流域生活污水直排',
    itemKind: 'ORDER_DEADLINE',
    itemId: 'deadline',
    itemName: '整改时限',
    department: '市水务局',
    responsiblePerson: '宁安市市长',
    dueDate: '2024-03-01',
    originalDueDate: '2024-03-01',
    raisedOn: '2024-03-02',
    occurredAt: '2024-03-02T02:00:00.000Z',
  },
};
const escalationScenarios: Scenario<EscalationEvent>[] = [
  { name: 'OPEN', events: [raised] },
  {
    name: 'OPEN, acknowledged',
    events: [
      raised,
      { type: 'EscalationAcknowledged', data: { note: null, by: 'u-leader', byName: '李组长', occurredAt: '2024-03-03T02:00:00.000Z' } },
    ],
  },
  {
    name: 'RESOLVED',
    events: [
      raised,
      {
        type: 'EscalationResolved',
        data: { reason: 'COMPLETED', note: '已完成', resolvedOn: '2024-03-05', occurredAt: '2024-03-05T02:00:00.000Z' },
      },
    ],
  },
];

const indicatorAssigned: IndicatorEvent = {
  type: 'IndicatorAssigned',
  data: {
    leadDepartment: '市水务局',
    cooperatingDepartments: ['市住建局'],
    leaderInCharge: { name: '张某', title: '副市长' },
    responsiblePerson: '科长',
    assignedOn: '2024-01-02',
    assignedBy: 'u-sup',
    occurredAt: '2024-01-02T02:00:00.000Z',
  },
};
const indicatorScenarios: Scenario<IndicatorEvent>[] = [
  { name: 'UNASSIGNED, nothing reported', events: [ind.registered('IND-06')] },
  { name: 'UNASSIGNED, a value entered by the office', events: [ind.registered('IND-06'), ind.reported('2024-01', 31)] },
  { name: 'ASSIGNED, nothing reported', events: [ind.registered('IND-06'), indicatorAssigned] },
  { name: 'ASSIGNED, a value reported', events: [ind.registered('IND-06'), indicatorAssigned, ind.reported('2024-01', 31)] },
  { name: 'ASSIGNED, qualitative', events: [ind.registered('IND-09'), indicatorAssigned, ind.reported('2023', 'MET')] },
];

interface Case<S, C> {
  aggregate: string;
  types: readonly string[];
  allowed: (state: S, ctx: CommandContext) => AllowedAction[];
  /** What the command path does: permission and decide. */
  send: (command: C, state: S, ctx: CommandContext) => unknown;
  body: (type: string, state: S, ctx: CommandContext) => C;
}

function property<S, C extends { type: string }, E extends DomainEvent>(
  decider: Decider<S, C, E>,
  scenarios: Scenario<E>[],
  c: Case<S, C>,
): void {
  const everAllowed = new Set<string>();
  describe(`${c.aggregate}: allowed actions agree with the command path`, () => {
    for (const scenario of scenarios) {
      for (const [who, person] of Object.entries(actors)) {
        it(`${scenario.name} × ${who}`, () => {
          const state = scenario.events.reduce(decider.evolve, decider.initialState());
          const ctx = context(scenario.now ?? NOW, person);
          const listed = new Map(c.allowed(state, ctx).map((a) => [a.command, a]));
          for (const type of c.types) {
            const action = listed.get(type);
            let refusal: unknown;
            try {
              c.send(c.body(type, state, ctx), state, ctx);
            } catch (error) {
              refusal = error;
            }
            const outcome = { type, listed: action?.allowed ?? 'not listed', refusal: (refusal as DomainError | undefined)?.code };
            if (action?.allowed) {
              everAllowed.add(type);
              expect(outcome).toEqual({ type, listed: true, refusal: undefined });
            } else {
              expect(refusal).toBeInstanceOf(DomainError);
              // Withheld with a reason: the refusal decide gives is the one shown.
              if (action) {
                expect(action.reason).toBe((refusal as DomainError).detail);
                expect(action.reason).toMatch(/[\u4e00-\u9fff]/);
              }
            }
          }
        });
      }
    }
    it('offers every command in some scenario, so the property is not vacuous', () => {
      expect([...c.types].filter((t) => !everAllowed.has(t))).toEqual([]);
    });
  });
}

property(rectificationOrderDecider, orderScenarios, {
  aggregate: 'rectification order',
  types: orderActionCommandTypes,
  allowed: orderAllowedActions,
  send: (command, state, ctx) => rectificationOrderDecider.decide(command, state, ctx),
  body: (type, state, ctx) => validOrderCommand(type as never, state, shanghaiDate(ctx.now)),
});

property(keyProjectDecider, kpScenarios, {
  aggregate: 'key project',
  types: keyProjectActionCommandTypes,
  allowed: keyProjectAllowedActions,
  send: (command, state, ctx) => keyProjectDecider.decide(command, state, ctx),
  body: (type, state, ctx) => validKeyProjectCommand(type as never, state, shanghaiDate(ctx.now)),
});

property(escalationDecider, escalationScenarios, {
  aggregate: 'escalation',
  types: escalationActionCommandTypes,
  allowed: escalationAllowedActions,
  send: (command, state, ctx) => {
    authorizeEscalationCommand(command, state, ctx.actor);
    return escalationDecider.decide(command, state, ctx);
  },
  body: (type, _state, ctx) => validEscalationCommand(type as never, shanghaiDate(ctx.now)),
});

property(indicatorDecider, indicatorScenarios, {
  aggregate: 'indicator',
  types: indicatorActionCommandTypes,
  allowed: indicatorAllowedActions,
  send: (command, state, ctx) => indicatorDecider.decide(command, state, ctx),
  body: (type, state, ctx) => validIndicatorCommand(type as never, state, shanghaiDate(ctx.now)),
});

describe('allowed actions for the cases the web app got wrong', () => {
  const actionsOf = (list: AllowedAction[]) => Object.fromEntries(list.map((a) => [a.command, a.allowed]));

  it('a reopened order offers its lead department to start again (and to request an extension), nothing of the rectification itself', () => {
    const state = [...ord.closedOrder, reopened].reduce(rectificationOrderDecider.evolve, rectificationOrderDecider.initialState());
    const actions = actionsOf(orderAllowedActions(state, context(NOW, ord.waterBureau)));
    expect(actions).toMatchObject({
      StartRectification: true,
      RequestExtension: true,
      AttachEvidence: true,
      ReportOrderProgress: false,
      CompleteMeasure: false,
      RequestAcceptance: false,
    });
  });

  it('a planned project does not offer a progress report, and says why', () => {
    const state = [kp.registered].reduce(keyProjectDecider.evolve, keyProjectDecider.initialState());
    const actions = keyProjectAllowedActions(state, context(NOW, kp.waterBureau));
    expect(actions.find((a) => a.command === 'ReportProjectProgress')).toEqual({
      command: 'ReportProjectProgress',
      allowed: false,
      reason: expect.stringContaining('计划中'),
      rule: 'KP-STATE-1',
    });
    expect(actions.find((a) => a.command === 'StartKeyProject')).toEqual({ command: 'StartKeyProject', allowed: true });
  });

  it('an order awaiting acceptance tells its lead department what it is waiting for', () => {
    const state = ord.awaitingAcceptance.reduce(rectificationOrderDecider.evolve, rectificationOrderDecider.initialState());
    const request = orderAllowedActions(state, context(NOW, ord.waterBureau)).find((a) => a.command === 'ReportOrderProgress');
    expect(request).toMatchObject({ allowed: false, rule: 'ORD-STATE-1', reason: expect.stringContaining('待验收') });
  });

  it('lists only the commands of the actor’s roles', () => {
    const state = ord.inProgress.reduce(rectificationOrderDecider.evolve, rectificationOrderDecider.initialState());
    expect(orderAllowedActions(state, context(NOW, integrator))).toEqual([]);
    expect(orderAllowedActions(state, context(NOW, ord.leadership)).map((a) => a.command)).toEqual(
      expect.arrayContaining(['ApproveExtension', 'RejectExtension', 'ReopenOrder']),
    );
    expect(orderAllowedActions(state, context(NOW, ord.leadership)).map((a) => a.command)).not.toContain('CloseOrder');
  });
});

import { at, context, DeciderSpecification } from '../testing/decider-spec';
import type { AssignKeyProject, ReassignKeyProject } from './key-project.commands';
import { keyProjectAllowedActions, keyProjectDecider } from './key-project.decider';
import type { KeyProjectEvent } from './key-project.events';
import {
  achieved,
  completed,
  leadership,
  planned,
  plannedUndated,
  registered,
  registeredTask,
  registeredUnassigned,
  started,
  supervision,
  waterBureau,
} from './key-project.fixtures';
import { isAwaitingAssignment } from './key-project.state';

const NOW = at('2024-03-15 10:00');
const T = NOW.toISOString();
const spec = DeciderSpecification(keyProjectDecider, context(NOW, supervision));
const water = 'city-water-affairs-bureau';
const housing = 'city-housing-urban-rural-bureau';
const waterLead = { ...waterBureau, department: water };

const assign: AssignKeyProject = {
  type: 'AssignKeyProject',
  leadDepartment: water,
  cooperatingDepartments: [housing],
  responsibleLeader: { name: '王明', title: '副市长' },
  responsiblePerson: '张伟',
  plannedStart: '2024-04-01',
  plannedEnd: '2025-10-31',
  milestones: [
    { milestoneId: 'm1', baselineDate: '2025-06-30' },
    { milestoneId: 'm2', name: '竣工验收', baselineDate: '2025-10-31', weight: 20 },
  ],
};
const unassigned = [registeredUnassigned, plannedUndated];
const assignedEvent = (): KeyProjectEvent => ({
  type: 'KeyProjectAssigned',
  data: {
    leadDepartment: water,
    cooperatingDepartments: [housing],
    responsibleLeader: { name: '王明', title: '副市长' },
    responsiblePerson: '张伟',
    plannedStart: '2024-04-01',
    plannedEnd: '2025-10-31',
    milestones: [
      { milestoneId: 'm1', name: '完成建设', weight: 100, mandatory: true, baselineDate: '2025-06-30', isNew: false },
      { milestoneId: 'm2', name: '竣工验收', weight: 20, mandatory: true, baselineDate: '2025-10-31', isNew: true },
    ],
    assignedOn: '2024-03-15',
    assignedBy: supervision.userId,
    occurredAt: T,
  },
});

describe('AssignKeyProject (交办)', () => {
  it('records the departments, the 责任领导, the person, the period and the milestones with their dates', () => {
    spec.given(unassigned).when(assign).then([assignedEvent()]);
  });

  it('ends 待交办: the lead department acts from now on, the first dates become the original baseline', () => {
    spec
      .given(unassigned)
      .when(assign)
      .thenState((state) => {
        expect(isAwaitingAssignment(state)).toBe(false);
        expect(state.leadDepartment).toBe(water);
        expect(state.responsibleLeader).toEqual({ name: '王明', title: '副市长' });
        expect(state.milestones.map((m) => [m.milestoneId, m.originalBaselineDate, m.baselineDate])).toEqual([
          ['m1', '2025-06-30', '2025-06-30'],
          ['m2', '2025-10-31', '2025-10-31'],
        ]);
        expect(state.assignments).toEqual([expect.objectContaining({ type: 'ASSIGNED', leadDepartment: water, on: '2024-03-15' })]);
      });
  });

  it('keeps the plan date of a milestone as its original baseline', () => {
    const dated: KeyProjectEvent = { ...plannedUndated, data: { ...plannedUndated.data, baselineDate: '2022-12-31' } };
    spec
      .given([registeredUnassigned, dated])
      .when(assign)
      .thenState((state) => expect(state.milestones[0]).toMatchObject({ originalBaselineDate: '2022-12-31', baselineDate: '2025-06-30' }));
  });

  it('is done once (KP-ASSIGN-1): afterwards the item is reassigned', () => {
    const error = spec
      .given([...unassigned, assignedEvent()])
      .when(assign)
      .thenThrows({ kind: 'conflict', code: 'ALREADY_ASSIGNED' });
    expect(error.rule).toBe('KP-ASSIGN-1');
    expect(error.detail).toContain('牡丹江市水务局');
  });

  it('takes only departments of the reference list (KP-ASSIGN-3)', () => {
    const error = spec
      .given(unassigned)
      .when({ ...assign, leadDepartment: '拉古街道' })
      .thenThrows({ kind: 'invalid', code: 'UNKNOWN_DEPARTMENT' });
    expect(error.rule).toBe('KP-ASSIGN-3');
    spec
      .given(unassigned)
      .when({ ...assign, cooperatingDepartments: ['no-such-bureau'] })
      .thenThrows({ kind: 'invalid', code: 'UNKNOWN_DEPARTMENT' });
    spec
      .given(unassigned)
      .when({ ...assign, cooperatingDepartments: [water] })
      .thenThrows({ kind: 'invalid', code: 'LEAD_DEPARTMENT_LISTED_AS_COOPERATING' });
  });

  it('needs a date for every milestone it names, and a name and positive weight for a new one', () => {
    spec
      .given(unassigned)
      .when({ ...assign, milestones: [{ milestoneId: 'm1', baselineDate: '2025-02-30' }] })
      .thenThrows({ kind: 'invalid', code: 'INVALID_DATE' });
    spec
      .given(unassigned)
      .when({ ...assign, milestones: [{ milestoneId: 'm9', baselineDate: '2025-06-30' }] })
      .thenThrows({ kind: 'invalid', code: 'FIELD_REQUIRED' });
    spec
      .given(unassigned)
      .when({ ...assign, milestones: [{ milestoneId: 'm9', name: '新节点', baselineDate: '2025-06-30', weight: 0 }] })
      .thenThrows({ kind: 'invalid', code: 'INVALID_WEIGHT' });
  });

  it('names a 责任领导 with a name and a title', () => {
    spec
      .given(unassigned)
      .when({ ...assign, responsibleLeader: { name: '王明', title: ' ' } })
      .thenThrows({ kind: 'invalid', code: 'FIELD_REQUIRED' });
  });

  it('is the supervision office’s: leadership may not assign', () => {
    spec.given(unassigned).when(assign, { actor: leadership }).thenThrows({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
  });
});

describe('待交办 (KP-ASSIGN-2)', () => {
  it('withholds start and progress from every project lead with the reason 尚未交办', () => {
    const state = unassigned.reduce(keyProjectDecider.evolve, keyProjectDecider.initialState());
    const actions = keyProjectAllowedActions(state, context(NOW, waterLead));
    for (const command of ['StartKeyProject', 'ReportProjectProgress']) {
      expect(actions.find((a) => a.command === command)).toMatchObject({ allowed: false, rule: 'KP-ASSIGN-2' });
      expect(actions.find((a) => a.command === command)?.reason).toContain('尚未交办');
    }
    spec
      .given(unassigned)
      .when({ type: 'StartKeyProject', startedOn: '2024-03-15' }, { actor: waterLead })
      .thenThrows({ kind: 'forbidden', code: 'NOT_YET_ASSIGNED' });
  });

  it('offers 交办 to the supervision office', () => {
    const state = unassigned.reduce(keyProjectDecider.evolve, keyProjectDecider.initialState());
    const actions = keyProjectAllowedActions(state, context(NOW, supervision));
    expect(actions.find((a) => a.command === 'AssignKeyProject')).toEqual({ command: 'AssignKeyProject', allowed: true });
    expect(actions.find((a) => a.command === 'ReassignKeyProject')).toMatchObject({ allowed: false, rule: 'KP-ASSIGN-1' });
  });

  it('lets the assigned department start', () => {
    spec
      .given([...unassigned, assignedEvent()])
      .when({ type: 'StartKeyProject', startedOn: '2024-03-15' }, { actor: waterLead })
      .then([{ type: 'KeyProjectStarted', data: { startedOn: '2024-03-15', occurredAt: T } }]);
  });
});

describe('ReassignKeyProject (重新交办)', () => {
  const reassign: ReassignKeyProject = {
    type: 'ReassignKeyProject',
    leadDepartment: 'city-natural-resources-bureau',
    cooperatingDepartments: [water],
    responsibleLeader: { name: '李强', title: '副市长' },
    responsiblePerson: '赵敏',
    reason: '矿山修复职能划转自然资源部门',
  };

  it('moves the item to another department with a reason, keeping the earlier 交办 on record', () => {
    spec
      .given([...unassigned, assignedEvent(), started])
      .when(reassign)
      .thenState((state, events) => {
        expect(events[0]).toMatchObject({ type: 'KeyProjectReassigned', data: { previousLeadDepartment: water, reason: reassign.reason } });
        expect(state.leadDepartment).toBe('city-natural-resources-bureau');
        expect(state.status).toBe('IN_PROGRESS');
        expect(state.assignments.map((a) => [a.type, a.leadDepartment])).toEqual([
          ['ASSIGNED', water],
          ['REASSIGNED', 'city-natural-resources-bureau'],
        ]);
      });
  });

  it('needs a department to move from (KP-ASSIGN-1)', () => {
    spec.given(unassigned).when(reassign).thenThrows({ kind: 'conflict', code: 'NOT_YET_ASSIGNED' });
  });

  it('needs a reason and a change', () => {
    spec
      .given([...unassigned, assignedEvent()])
      .when({ ...reassign, reason: '' })
      .thenThrows({ kind: 'invalid', code: 'FIELD_REQUIRED' });
    spec
      .given([...unassigned, assignedEvent()])
      .when({
        ...reassign,
        leadDepartment: water,
        cooperatingDepartments: [housing],
        responsibleLeader: { name: '王明', title: '副市长' },
        responsiblePerson: '张伟',
      })
      .thenThrows({ kind: 'invalid', code: 'ASSIGNMENT_UNCHANGED' });
  });
});

describe('AmendKeyProjectRegistration (更正登记信息, KP-ASSIGN-4)', () => {
  it('withdraws a lead department recorded at registration before any 交办: the item is 待交办 again', () => {
    spec
      .given([registered])
      .when({
        type: 'AmendKeyProjectRegistration',
        planItemKind: 'TASK',
        source: '专栏3',
        withdrawLeadDepartment: true,
        reason: '规划未明确牵头单位',
      })
      .thenState((state, events) => {
        expect(events[0]).toMatchObject({ data: { withdrawnLeadDepartment: '市水务局', planItemKind: 'TASK', source: '专栏3' } });
        expect(isAwaitingAssignment(state)).toBe(true);
        expect(state.cooperatingDepartments).toEqual([]);
      });
  });

  it('does not withdraw a department once the item has started', () => {
    spec
      .given([registered, started])
      .when({ type: 'AmendKeyProjectRegistration', planItemKind: 'PROJECT', source: null, withdrawLeadDepartment: true, reason: '更正' })
      .thenThrows({ kind: 'conflict', code: 'LEAD_DEPARTMENT_NOT_WITHDRAWABLE' });
  });

  it('refuses an amendment that changes nothing', () => {
    spec
      .given([registered])
      .when({ type: 'AmendKeyProjectRegistration', planItemKind: 'PROJECT', source: null, withdrawLeadDepartment: false, reason: '更正' })
      .thenThrows({ kind: 'invalid', code: 'REGISTRATION_UNCHANGED' });
  });
});

describe('kinds (KP-KIND-1)', () => {
  const task = [registeredTask, started, planned('m1', 100, '2024-06-30'), achieved('m1', '2024-03-01'), completed];

  it('a work task is not accepted: 验收 is withheld with the reason', () => {
    const state = task.reduce(keyProjectDecider.evolve, keyProjectDecider.initialState());
    expect(keyProjectAllowedActions(state, context(NOW, supervision)).find((a) => a.command === 'AcceptKeyProject')).toMatchObject({
      allowed: false,
      rule: 'KP-KIND-1',
      reason: expect.stringContaining('工作任务'),
    });
  });

  it('speaks of 启动 and 完成 for a task', () => {
    const error = spec
      .given([registeredTask, started])
      .when({ type: 'StartKeyProject', startedOn: '2024-03-15' }, { actor: waterBureau })
      .thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
    expect(error.detail).toContain('不能启动');
    const done = spec
      .given(task)
      .when({ type: 'CompleteKeyProject', completedOn: '2024-03-15' }, { actor: waterBureau })
      .thenThrows({ kind: 'conflict', code: 'COMMAND_NOT_ALLOWED_IN_STATUS' });
    expect(done.detail).toContain('已完成');
    expect(done.detail).not.toContain('完工');
  });

  it('records the kind and the source given at registration; events without them read as a 工程项目', () => {
    const { planItemKind: _kind, source: _source, ...legacy } = registered.data;
    const state = keyProjectDecider.evolve(keyProjectDecider.initialState(), { type: 'KeyProjectRegistered', data: legacy });
    expect([state.planItemKind, state.source]).toEqual(['PROJECT', null]);
  });
});

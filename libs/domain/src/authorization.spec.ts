import {
  authorizeKeyProjectCommand,
  authorizeOrderCommand,
  commandRoles,
  keyProjectCommandPolicies,
  orderCommandPolicies,
} from './authorization';
import type { KeyProjectCommand, KeyProjectCommandType } from './key-project/key-project.commands';
import type { RectificationOrderCommand, RectificationOrderCommandType } from './rectification-order/rectification-order.commands';
import { roles, type Actor, type Role } from './shared/actor';
import { DomainError, NotPermitted } from './shared/errors';
import { actor } from './testing/decider-spec';

const target: { leadDepartment: string | null; cooperatingDepartments: string[] } = {
  leadDepartment: '市水务局',
  cooperatingDepartments: ['市住建局'],
};
const leadDepartmentActor = (role: Role): Actor => actor({ roles: [role], department: role === 'project-lead' ? '市水务局' : null });

const keyProjectTypes = Object.keys(keyProjectCommandPolicies) as KeyProjectCommandType[];
const orderTypes = Object.keys(orderCommandPolicies) as RectificationOrderCommandType[];

function authorize(type: string, who: Actor, on = target): void {
  if ((keyProjectTypes as string[]).includes(type)) {
    authorizeKeyProjectCommand({ type } as KeyProjectCommand, on, who);
  } else {
    authorizeOrderCommand({ type } as RectificationOrderCommand, on, who);
  }
}

function refusal(fn: () => void): { kind: string; code: string } | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    expect(error).toBeInstanceOf(NotPermitted);
    return { kind: error.kind, code: error.code };
  }
}

describe('commandRoles', () => {
  it('lists every command of both aggregates', () => {
    expect(Object.keys(commandRoles).sort()).toEqual([...keyProjectTypes, ...orderTypes].sort());
    expect(Object.keys(commandRoles)).toHaveLength(45);
  });

  it('gives integrator and admin no command at all', () => {
    const granted = Object.values(commandRoles).flat();
    expect(granted).not.toContain('integrator');
    expect(granted).not.toContain('admin');
  });

  it('matches docs/domain.md for the decisions reserved to leadership', () => {
    for (const type of [
      'ApproveBaselineChange',
      'RejectBaselineChange',
      'ApproveExtension',
      'RejectExtension',
      'ReopenOrder',
      'CancelKeyProject',
    ]) {
      expect(commandRoles[type]).toEqual(['leadership']);
    }
  });

  it('matches docs/domain.md for the supervision office’s duties', () => {
    for (const type of ['RegisterKeyProject', 'IssueOrder', 'AssignOrder', 'PublishClosingNotice', 'CloseOrder']) {
      expect(commandRoles[type]).toEqual(['supervision-office']);
    }
  });
});

describe('authorization matrix', () => {
  const cases = Object.keys(commandRoles).flatMap((type) => roles.map((role) => [type, role] as const));

  it.each(cases)('%s by %s', (type, role) => {
    const result = refusal(() => authorize(type, leadDepartmentActor(role)));
    if (commandRoles[type].includes(role)) {
      expect(result).toBeNull();
    } else {
      expect(result).toEqual({ kind: 'forbidden', code: 'ROLE_NOT_PERMITTED' });
    }
  });
});

describe('project-lead department scope', () => {
  const cooperating = actor({ roles: ['project-lead'], department: '市住建局' });
  const unrelated = actor({ roles: ['project-lead'], department: '市林草局' });
  const withoutDepartment = actor({ roles: ['project-lead'], department: null });

  it.each(['ReportProjectProgress', 'ReportOrderProgress', 'AttachEvidence'])('a cooperating department may send %s', (type) => {
    expect(refusal(() => authorize(type, cooperating))).toBeNull();
  });

  it.each([
    'StartKeyProject',
    'AchieveMilestone',
    'CompleteKeyProject',
    'RequestAcceptance',
    'RequestExtension',
    'CompleteMeasure',
    'ReportPetitionFinding',
  ])('only the lead department may send %s', (type) => {
    expect(refusal(() => authorize(type, cooperating))).toEqual({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
  });

  it('an unrelated department may not even report progress', () => {
    expect(refusal(() => authorize('ReportOrderProgress', unrelated))).toEqual({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
  });

  it('a project-lead without a department is refused', () => {
    expect(refusal(() => authorize('ReportOrderProgress', withoutDepartment))).toEqual({
      kind: 'forbidden',
      code: 'DEPARTMENT_NOT_RESPONSIBLE',
    });
  });

  it('no project-lead acts on a project that is not yet assigned (尚未交办)', () => {
    const unassigned = { leadDepartment: null, cooperatingDepartments: [] };
    for (const type of ['StartKeyProject', 'ReportProjectProgress', 'PlanMilestone'] as const) {
      expect(refusal(() => authorize(type, leadDepartmentActor('project-lead'), unassigned))).toEqual({
        kind: 'forbidden',
        code: 'NOT_YET_ASSIGNED',
      });
    }
  });

  it('lets the supervision office plan a milestone of an unassigned project', () => {
    const unassigned = { leadDepartment: null, cooperatingDepartments: [] };
    expect(refusal(() => authorize('PlanMilestone', actor({ roles: ['supervision-office'] }), unassigned))).toBeNull();
  });

  it('a user holding several roles is allowed by any of them', () => {
    const both = actor({ roles: ['project-lead', 'supervision-office'], department: '市林草局' });
    expect(refusal(() => authorize('CloseOrder', both))).toBeNull();
    expect(refusal(() => authorize('RequestAcceptance', both))).toEqual({ kind: 'forbidden', code: 'DEPARTMENT_NOT_RESPONSIBLE' });
  });

  it('explains the refusal in Chinese, naming the lead department', () => {
    try {
      authorize('RequestAcceptance', cooperating);
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as DomainError).detail).toContain('市水务局');
    }
  });
});

import type { KeyProjectCommand, KeyProjectCommandType } from './key-project/key-project.commands';
import type { RectificationOrderCommand, RectificationOrderCommandType } from './rectification-order/rectification-order.commands';
import { departmentName } from './reference/departments';
import type { Actor, Role } from './shared/actor';
import { NotPermitted } from './shared/errors';

/**
 * Which project-leads a command is open to: only the lead department's, or also the cooperating
 * departments' (who may report progress and attach evidence, nothing else).
 */
export type DepartmentScope = 'lead' | 'lead-or-cooperating';

export interface CommandPolicy {
  roles: Role[];
  /** Set when `roles` includes project-lead. */
  projectLeadScope?: DepartmentScope;
}

const SUPERVISION: CommandPolicy = { roles: ['supervision-office'] };
const LEADERSHIP: CommandPolicy = { roles: ['leadership'] };
const LEAD_DEPARTMENT: CommandPolicy = { roles: ['project-lead'], projectLeadScope: 'lead' };
const ANY_RESPONSIBLE_DEPARTMENT: CommandPolicy = { roles: ['project-lead'], projectLeadScope: 'lead-or-cooperating' };
/**
 * The acceptance department is an organisation, not a role: its record is entered by the
 * supervision office on its behalf, or by leadership, which may accept or reject (AUTH-ACC-1).
 */
const ACCEPTANCE_RECORDERS: CommandPolicy = { roles: ['supervision-office', 'leadership'] };

export const keyProjectCommandPolicies: Record<KeyProjectCommandType, CommandPolicy> = {
  RegisterKeyProject: SUPERVISION,
  AssignKeyProject: SUPERVISION,
  ReassignKeyProject: SUPERVISION,
  AmendKeyProjectRegistration: SUPERVISION,
  StartKeyProject: LEAD_DEPARTMENT,
  PlanMilestone: { roles: ['project-lead', 'supervision-office'], projectLeadScope: 'lead' },
  ReportProjectProgress: ANY_RESPONSIBLE_DEPARTMENT,
  RequestBaselineChange: LEAD_DEPARTMENT,
  ApproveBaselineChange: LEADERSHIP,
  RejectBaselineChange: LEADERSHIP,
  AchieveMilestone: LEAD_DEPARTMENT,
  SuspendKeyProject: { roles: ['project-lead', 'leadership'], projectLeadScope: 'lead' },
  ResumeKeyProject: { roles: ['project-lead', 'leadership'], projectLeadScope: 'lead' },
  CompleteKeyProject: LEAD_DEPARTMENT,
  AcceptKeyProject: ACCEPTANCE_RECORDERS,
  CancelKeyProject: LEADERSHIP,
};

export const orderCommandPolicies: Record<RectificationOrderCommandType, CommandPolicy> = {
  IssueOrder: SUPERVISION,
  BackfillOrder: SUPERVISION,
  AssignOrder: SUPERVISION,
  ReassignOrder: SUPERVISION,
  ReviseMeasures: SUPERVISION,
  // 一问题一方案: the lead department drafts the plan, the supervision office reviews it.
  SubmitRectificationPlan: LEAD_DEPARTMENT,
  ApproveRectificationPlan: SUPERVISION,
  ReturnRectificationPlan: SUPERVISION,
  StartRectification: LEAD_DEPARTMENT,
  // The supervision office keeps the ledger (台账): it records the progress and the completed measures
  // the departments report to it (the .xlsx import), AUTH-LEDGER-1.
  ReportOrderProgress: { roles: ['project-lead', 'supervision-office'], projectLeadScope: 'lead-or-cooperating' },
  CompleteMeasure: { roles: ['project-lead', 'supervision-office'], projectLeadScope: 'lead' },
  AttachEvidence: ANY_RESPONSIBLE_DEPARTMENT,
  RequestExtension: LEAD_DEPARTMENT,
  ApproveExtension: LEADERSHIP,
  RejectExtension: LEADERSHIP,
  // AUTH-DEPT-1: only the lead department's project-lead may request acceptance.
  RequestAcceptance: LEAD_DEPARTMENT,
  RecordAcceptancePassed: ACCEPTANCE_RECORDERS,
  RecordAcceptanceFailed: ACCEPTANCE_RECORDERS,
  PublishClosingNotice: SUPERVISION,
  RecordObjection: SUPERVISION,
  SettleObjection: { roles: ['supervision-office', 'leadership'] },
  CloseOrder: SUPERVISION,
  ReopenOrder: LEADERSHIP,
  ReportPetitionFinding: LEAD_DEPARTMENT,
  // A second check (复核) is done by someone other than the department that investigated.
  RecordSecondCheck: SUPERVISION,
  ConcludeInStages: SUPERVISION,
  RecordFollowUpVisit: { roles: ['project-lead', 'supervision-office'], projectLeadScope: 'lead' },
  // 办结 and 公开 are the supervision office's, as 销号 is for other orders.
  ConcludePetitionCase: SUPERVISION,
  SubmitPeriodicReport: LEAD_DEPARTMENT,
};

/** Per command type, the roles that may send it (OpenAPI docs, authorization-matrix e2e test). */
export const commandRoles: Record<string, Role[]> = Object.fromEntries(
  [...Object.entries(keyProjectCommandPolicies), ...Object.entries(orderCommandPolicies)].map(([type, p]) => [type, [...p.roles]]),
);

export const roleLabels: Record<Role, string> = {
  'project-lead': '责任单位',
  'supervision-office': '整改办（督查办）',
  leadership: '领导小组',
  integrator: '外部系统',
  admin: '系统管理员',
  assessor: '第三方评估机构',
};

export interface DepartmentHolder {
  leadDepartment: string | null;
  cooperatingDepartments: string[];
}

function inScope(actor: Actor, scope: DepartmentScope, target: DepartmentHolder): boolean {
  if (actor.department === null || target.leadDepartment === null) return false;
  if (actor.department === target.leadDepartment) return true;
  return scope === 'lead-or-cooperating' && target.cooperatingDepartments.includes(actor.department);
}

/** Whether one of the actor's roles is among those that may send the command, whatever the department. */
export function roleMaySend(policy: CommandPolicy, actor: Actor): boolean {
  return actor.roles.some((r) => policy.roles.includes(r));
}

/** The refusal of an actor whose role or department may not send the command to `target`, or undefined. */
export function permissionError(
  commandType: string,
  policy: CommandPolicy,
  target: DepartmentHolder,
  actor: Actor,
): NotPermitted | undefined {
  const byRole = actor.roles.some((r) => r !== 'project-lead' && policy.roles.includes(r));
  if (byRole) return undefined;
  const asProjectLead = actor.roles.includes('project-lead') && policy.roles.includes('project-lead');
  if (!asProjectLead) {
    return new NotPermitted({
      code: 'ROLE_NOT_PERMITTED',
      titleEn: `${commandType} needs one of the roles: ${policy.roles.join(', ')}`,
      detail: `您的角色无权进行此操作；该操作仅限${policy.roles.map((r) => roleLabels[r]).join('、')}办理。`,
      rule: 'AUTH-ROLE-1',
    });
  }
  const scope = policy.projectLeadScope ?? 'lead';
  if (inScope(actor, scope, target)) return undefined;
  const lead = target.leadDepartment === null ? '尚未明确' : departmentName(target.leadDepartment);
  return new NotPermitted({
    code: 'DEPARTMENT_NOT_RESPONSIBLE',
    titleEn: `${commandType} is limited to the ${scope === 'lead' ? 'lead department' : 'lead and cooperating departments'}`,
    detail:
      scope === 'lead'
        ? `此操作仅限牵头单位（${lead}）办理，您所在单位无权操作。`
        : `此操作仅限牵头单位（${lead}）或配合单位办理，您所在单位无权操作。`,
    rule: 'AUTH-DEPT-1',
  });
}

/**
 * KP-ASSIGN-2: while no department answers for a key project (待交办), no project lead acts on it;
 * the refusal says so rather than naming a lead department that does not exist.
 */
function awaitingAssignment(type: KeyProjectCommandType, target: DepartmentHolder, actor: Actor): NotPermitted | undefined {
  const policy = keyProjectCommandPolicies[type];
  if (target.leadDepartment !== null || !policy.roles.includes('project-lead') || !actor.roles.includes('project-lead')) return undefined;
  if (actor.roles.some((r) => r !== 'project-lead' && policy.roles.includes(r))) return undefined;
  return new NotPermitted({
    code: 'NOT_YET_ASSIGNED',
    titleEn: `${type} needs a lead department; the item has not been assigned yet`,
    detail: '尚未交办：该事项还没有牵头单位，待整改办交办后由牵头单位办理。',
    rule: 'KP-ASSIGN-2',
  });
}

export function keyProjectPermissionError(type: KeyProjectCommandType, target: DepartmentHolder, actor: Actor): NotPermitted | undefined {
  return awaitingAssignment(type, target, actor) ?? permissionError(type, keyProjectCommandPolicies[type], target, actor);
}

export function orderPermissionError(
  type: RectificationOrderCommandType,
  target: DepartmentHolder,
  actor: Actor,
): NotPermitted | undefined {
  return permissionError(type, orderCommandPolicies[type], target, actor);
}

export function authorizeKeyProjectCommand(command: KeyProjectCommand, state: DepartmentHolder, actor: Actor): void {
  const refusal = keyProjectPermissionError(command.type, state, actor);
  if (refusal) throw refusal;
}

export function authorizeOrderCommand(command: RectificationOrderCommand, state: DepartmentHolder, actor: Actor): void {
  const refusal = orderPermissionError(command.type, state, actor);
  if (refusal) throw refusal;
}

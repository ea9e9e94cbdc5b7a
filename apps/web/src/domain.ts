/**
 * The same rules and labels as the server: imported from libs/domain (pure TypeScript, no framework),
 * so the UI hides exactly the actions the API would refuse with 403.
 */
import { keyProjectCommandPolicies, orderCommandPolicies, roleLabels, type CommandPolicy } from '../../../libs/domain/src/authorization';
import { keyProjectCommandLabels } from '../../../libs/domain/src/key-project/key-project.commands';
import { keyProjectStatusLabels } from '../../../libs/domain/src/key-project/key-project.state';
import {
  deadlineKindLabels,
  orderSourceLabels,
  petitionFindingLabels,
  rectificationOrderCommandLabels,
} from '../../../libs/domain/src/rectification-order/rectification-order.commands';
import { orderStatusLabels } from '../../../libs/domain/src/rectification-order/rectification-order.state';
import type { Role } from '../../../libs/domain/src/shared/actor';

export {
  deadlineKindLabels,
  keyProjectCommandLabels,
  keyProjectCommandPolicies,
  keyProjectStatusLabels,
  orderCommandPolicies,
  orderSourceLabels,
  orderStatusLabels,
  petitionFindingLabels,
  rectificationOrderCommandLabels,
  roleLabels,
};
export type { Role };

export interface User {
  userId: string;
  displayName: string;
  roles: Role[];
  department: string | null;
}

export interface DepartmentHolder {
  leadDepartment: string | null;
  cooperatingDepartments: string[];
}

/** Mirror of libs/domain authorize(): role first, then the project lead's department scope. */
export function allowed(policy: CommandPolicy, target: DepartmentHolder, user: User | null): boolean {
  if (!user) return false;
  if (user.roles.some((r) => r !== 'project-lead' && policy.roles.includes(r))) return true;
  if (!(user.roles.includes('project-lead') && policy.roles.includes('project-lead'))) return false;
  if (user.department === null || target.leadDepartment === null) return false;
  if (user.department === target.leadDepartment) return true;
  return (policy.projectLeadScope ?? 'lead') === 'lead-or-cooperating' && target.cooperatingDepartments.includes(user.department);
}

export const canProject = (type: keyof typeof keyProjectCommandPolicies, target: DepartmentHolder, user: User | null) =>
  allowed(keyProjectCommandPolicies[type], target, user);
export const canOrder = (type: keyof typeof orderCommandPolicies, target: DepartmentHolder, user: User | null) =>
  allowed(orderCommandPolicies[type], target, user);

export const hasRole = (user: User | null, role: Role) => Boolean(user?.roles.includes(role));

export const keyProjectStatusColors: Record<string, string> = {
  PLANNED: 'default',
  IN_PROGRESS: 'processing',
  SUSPENDED: 'warning',
  COMPLETED: 'cyan',
  ACCEPTED: 'success',
  CANCELLED: 'default',
};

export const orderStatusColors: Record<string, string> = {
  ISSUED: 'default',
  ASSIGNED: 'blue',
  IN_PROGRESS: 'processing',
  ACCEPTANCE_REQUESTED: 'purple',
  ACCEPTED: 'cyan',
  IN_PUBLIC_NOTICE: 'geekblue',
  CLOSED: 'success',
  REOPENED: 'error',
};

export const timelinessLabels: Record<string, string> = {
  ON_TRACK: '正常推进',
  DUE_SOON: '临期',
  AT_RISK: '存在风险',
  OVERDUE: '已逾期',
  DONE: '已完成',
  DONE_ON_TIME: '按期销号',
  DONE_LATE: '逾期销号',
  NO_DEADLINE: '长期坚持',
};
export const timelinessColors: Record<string, string> = {
  ON_TRACK: 'green',
  DUE_SOON: 'blue',
  AT_RISK: 'gold',
  OVERDUE: 'red',
  DONE: 'default',
  DONE_ON_TIME: 'success',
  DONE_LATE: 'orange',
  NO_DEADLINE: 'default',
};

export const escalationLevelLabels: Record<number, string> = {
  0: '提醒',
  1: '黄色预警',
  2: '红色预警',
  3: '挂牌督办',
  4: '问责',
};
export const escalationLevelColors: Record<number, string> = { 0: 'blue', 1: 'gold', 2: 'red', 3: 'volcano', 4: 'magenta' };

export const deadlineKindItemLabels: Record<string, string> = {
  ORDER_DEADLINE: '整改时限',
  MEASURE: '整改措施',
  MILESTONE: '工程节点',
  PETITION_REPORT: '信访件报告',
  PERIODIC_REPORT: '定期报告',
  NOTICE_END: '公示期满',
  ACCEPTANCE: '验收时限',
};

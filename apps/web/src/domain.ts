/**
 * The same labels as the server, imported from libs/domain (pure TypeScript, no framework). What a
 * user may do is not decided here: every detail view carries the domain's `allowedActions`.
 */
import { keyProjectCommandPolicies, orderCommandPolicies, roleLabels } from '../../../libs/domain/src/authorization';
import { documentKindInfo, type DocumentKind } from '../../../libs/domain/src/document-register/document-register';
import { keyProjectCommandLabels } from '../../../libs/domain/src/key-project/key-project.commands';
import { keyProjectStatusLabels } from '../../../libs/domain/src/key-project/key-project.state';
import {
  deadlineKindLabels,
  orderSourceLabels,
  petitionFindingLabels,
  provincialSignOffKindLabels,
  rectificationOrderCommandLabels,
} from '../../../libs/domain/src/rectification-order/rectification-order.commands';
import { needsProvincialSignOff } from '../../../libs/domain/src/rectification-order/rectification-order.plan';
import { orderStatusLabels, orderStatusPath } from '../../../libs/domain/src/rectification-order/rectification-order.state';
import { orderTimelinessLabels } from '../../../libs/domain/src/rectification-order/order-figures';
import type { Role } from '../../../libs/domain/src/shared/actor';
import {
  targetEntryKindLabels,
  targetResponsibilityCommandRoles,
  type TargetEntry,
  type TargetListChanges,
} from '../../../libs/domain/src/target-responsibility/target-responsibility';

export {
  deadlineKindLabels,
  keyProjectCommandLabels,
  keyProjectCommandPolicies,
  keyProjectStatusLabels,
  orderCommandPolicies,
  needsProvincialSignOff,
  orderSourceLabels,
  orderStatusLabels,
  orderStatusPath,
  orderTimelinessLabels,
  petitionFindingLabels,
  provincialSignOffKindLabels,
  rectificationOrderCommandLabels,
  roleLabels,
  targetEntryKindLabels,
};
export type { Role, TargetEntry, TargetListChanges };

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

/** One entry of a detail view's `allowedActions` (see docs/domain.md): the buttons are drawn from these. */
export interface AllowedAction {
  command: string;
  allowed: boolean;
  reason?: string;
  rule?: string;
}

/** Whether the view offers this command to the signed-in user now. */
export const allows = (actions: AllowedAction[] | undefined, command: string) =>
  Boolean(actions?.some((a) => a.command === command && a.allowed));

/** The commands the user's roles may send but that are withheld now, each with the domain's reason. */
export const withheld = (actions: AllowedAction[] | undefined) => (actions ?? []).filter((a) => !a.allowed && a.reason);

export const hasRole = (user: User | null, role: Role) => Boolean(user?.roles.includes(role));

/** Whether the user's roles may number (and so first download) a 公文 of this kind (DOC-AUTH-1). */
export const mayIssueDocument = (user: User | null, kind: DocumentKind) => documentKindInfo[kind].roles.some((r) => hasRole(user, r));

/** Whether the user's roles may sign a department's 目标责任书 (TGT-SIGN-1). */
export const maySignTargetList = (user: User | null) => targetResponsibilityCommandRoles.SignTargetList.some((r) => hasRole(user, r));

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
  DUE_SOON: '即将到期',
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
  PLAN_SUBMISSION: '整改方案报送',
  PERFUNCTORY_RECTIFICATION: '敷衍整改问责',
};

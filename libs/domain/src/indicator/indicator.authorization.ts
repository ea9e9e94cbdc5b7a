import { permissionError, roleMaySend, type CommandPolicy, type DepartmentHolder } from '../authorization';
import type { Actor } from '../shared/actor';
import type { NotPermitted } from '../shared/errors';
import type { IndicatorCommand, IndicatorCommandType } from './indicator.commands';

const SUPERVISION: CommandPolicy = { roles: ['supervision-office'] };
/**
 * A figure is reported by a department that answers for the indicator (lead or cooperating: the
 * monitoring station may sit with either), or by the supervision office, which also enters figures a
 * department sends on paper.
 */
const REPORTERS: CommandPolicy = { roles: ['project-lead', 'supervision-office'], projectLeadScope: 'lead-or-cooperating' };

export const indicatorCommandPolicies: Record<IndicatorCommandType, CommandPolicy> = {
  RegisterIndicator: SUPERVISION,
  AssignIndicator: SUPERVISION,
  ReassignIndicator: SUPERVISION,
  SetYearlyTargets: SUPERVISION,
  ReportIndicatorValue: REPORTERS,
  CorrectIndicatorValue: REPORTERS,
  LinkContributingProject: SUPERVISION,
};

export function indicatorPermissionError(type: IndicatorCommandType, target: DepartmentHolder, actor: Actor): NotPermitted | undefined {
  return permissionError(type, indicatorCommandPolicies[type], target, actor);
}

export function indicatorRoleMaySend(type: IndicatorCommandType, actor: Actor): boolean {
  return roleMaySend(indicatorCommandPolicies[type], actor);
}

export function authorizeIndicatorCommand(command: IndicatorCommand, state: DepartmentHolder, actor: Actor): void {
  const refusal = indicatorPermissionError(command.type, state, actor);
  if (refusal) throw refusal;
}

import type { Actor, Role } from '../shared/actor';
import { initialRectificationOrderState, type RectificationOrderState } from './rectification-order.state';

/** The roles that read every petition case in full (ORD-READ-1). */
export const PETITION_READER_ROLES: readonly Role[] = ['supervision-office', 'leadership'];

/**
 * ORD-READ-1: a petition case (督察转办信访件), with its finding, second check and visits, is read in
 * full by the supervision office, leadership and the project leads of its lead department only. The
 * 信访工作条例 forbids passing a petitioner's information to those complained about, who are often
 * other departments: they see that the case exists (code, status, lead department), not its content.
 * Other orders are read by every role.
 */
export function mayReadOrderContent(
  actor: Pick<Actor, 'roles' | 'department'>,
  order: { source: string | null; leadDepartment: string | null },
): boolean {
  if (order.source !== 'PETITION') return true;
  if (actor.roles.some((r) => PETITION_READER_ROLES.includes(r))) return true;
  return actor.roles.includes('project-lead') && actor.department !== null && actor.department === order.leadDepartment;
}

/** What a reader without ORD-READ-1 access sees in place of a petition case's texts. */
export const RESTRICTED_CONTENT = '（信访件内容仅限整改办、领导小组和牵头单位查看）';

/**
 * The order as `actor` may read it: unchanged, or for a petition case they may not read, only that it
 * exists (code, source, batch, status, dates, departments) with every text, record and the petition's
 * content left out. Views, the ledger and its export are built from this, so none can leak more.
 */
export function orderStateFor(actor: Pick<Actor, 'roles' | 'department'>, s: RectificationOrderState): RectificationOrderState {
  if (mayReadOrderContent(actor, s)) return s;
  const empty = initialRectificationOrderState();
  return {
    ...empty,
    status: s.status,
    orderId: s.orderId,
    code: s.code,
    source: s.source,
    batch: s.batch,
    finding: RESTRICTED_CONTENT,
    target: RESTRICTED_CONTENT,
    sector: s.sector,
    deadlineKind: s.deadlineKind,
    originalDeadline: s.originalDeadline,
    currentDeadline: s.currentDeadline,
    issuedOn: s.issuedOn,
    leadDepartment: s.leadDepartment,
    cooperatingDepartments: s.cooperatingDepartments,
    acceptanceDepartment: s.acceptanceDepartment,
    assignedOn: s.assignedOn,
    petition: s.petition && {
      forwardedOn: s.petition.forwardedOn,
      caseNumber: null,
      reportDueOn: s.petition.reportDueOn,
      petitioner: null,
      finding: null,
      findingSummary: null,
      findingReportedOn: null,
      findingReportedLate: null,
      secondCheck: null,
      stagedConclusion: null,
      followUpVisits: [],
      conclusion: null,
    },
    closedOn: s.closedOn,
    version: s.version,
  };
}

/** ORD-READ-1 for searches: whose petition cases a text search may match (undefined: all; null: none). */
export function petitionTextScope(actor: Pick<Actor, 'roles' | 'department'>): string | null | undefined {
  if (actor.roles.some((r) => PETITION_READER_ROLES.includes(r))) return undefined;
  return actor.roles.includes('project-lead') ? actor.department : null;
}

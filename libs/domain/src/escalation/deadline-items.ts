import type { KeyProjectState } from '../key-project/key-project.state';
import { isAwaitingAssignment, keyProjectStreamId } from '../key-project/key-project.state';
import { SUPERVISION_OFFICE_DEPARTMENT } from '../reference/departments';
import { perfunctoryKindLabels } from '../rectification-order/rectification-order.commands';
import type { RectificationOrderState } from '../rectification-order/rectification-order.state';
import { rectificationOrderStreamId } from '../rectification-order/rectification-order.state';
import { addDays, shanghaiDate } from '../shared/dates';
import type { DeadlineItem } from './deadline-item';
import type { EscalationThresholds } from './escalation.thresholds';

const COMPLETED_ORDER_STATUSES = ['ACCEPTANCE_REQUESTED', 'ACCEPTED', 'IN_PUBLIC_NOTICE', 'CLOSED'];

/**
 * The name deadlines and escalations show, to every role: for a petition case not its content, which
 * only its readers see (ORD-READ-1), but what it is.
 */
export function orderName(state: Pick<RectificationOrderState, 'source' | 'code' | 'finding'>): string {
  if (state.source === 'PETITION') return `督察转办信访件 ${state.code}`;
  const finding = state.finding.replace(/\s+/g, ' ').trim();
  return finding.length > 60 ? `${finding.slice(0, 60)}…` : finding;
}

/**
 * Every dated obligation of an order, each with the department that owes the next step (ESC-WHO-1).
 * The order's own deadline counts as met on the day acceptance was requested (the lead department
 * declares the rectification done); a failed acceptance check re-opens it. The notice-period end is
 * met when the supervision office closes the order; the acceptance check when the acceptance
 * department records its result; the plan when the lead department first submits one. A failed
 * acceptance found perfunctory is an item of its own, open until a later acceptance passes.
 */
export function deadlineItemsOfOrder(id: string, state: RectificationOrderState, thresholds: EscalationThresholds): DeadlineItem[] {
  if (state.status === null) return [];
  const base = {
    subjectType: 'RECTIFICATION_ORDER' as const,
    subjectId: id,
    subjectStreamId: rectificationOrderStreamId(id),
    subjectCode: state.code,
    subjectName: orderName(state),
    subjectStatus: state.status,
    department: state.leadDepartment,
    // ORD-READ-1: who answers for a petition case is shown with the case, to its readers only.
    responsiblePerson: state.source === 'PETITION' ? null : state.responsiblePerson,
  };
  const items: DeadlineItem[] = [];
  const open = state.status !== 'CLOSED';
  if (state.currentDeadline) {
    const done = COMPLETED_ORDER_STATUSES.includes(state.status);
    items.push({
      ...base,
      itemId: 'deadline',
      kind: 'ORDER_DEADLINE',
      itemName: '整改时限',
      dueDate: state.currentDeadline,
      originalDueDate: state.originalDeadline ?? state.currentDeadline,
      doneOn: done ? (state.acceptanceRequestedOn ?? state.closedOn ?? state.currentDeadline) : null,
    });
  }
  for (const m of state.measures) {
    items.push({
      ...base,
      itemId: `measure:${m.measureId}`,
      kind: 'MEASURE',
      itemName: state.source === 'PETITION' ? `整改措施 ${m.measureId}` : m.description,
      dueDate: m.dueDate,
      originalDueDate: m.dueDate,
      doneOn: m.completedOn,
    });
  }
  if (state.petition) {
    items.push({
      ...base,
      itemId: 'petition-report',
      kind: 'PETITION_REPORT',
      itemName: '信访件首次调查报告',
      dueDate: state.petition.reportDueOn,
      originalDueDate: state.petition.reportDueOn,
      doneOn: state.petition.findingReportedOn,
    });
  }
  for (const r of state.periodicReports) {
    items.push({
      ...base,
      itemId: `periodic:${r.dueOn}`,
      kind: 'PERIODIC_REPORT',
      itemName: `定期报告（${r.dueOn} 前）`,
      dueDate: r.dueOn,
      originalDueDate: r.dueOn,
      doneOn: r.reportedOn,
    });
  }
  if (open && state.periodicReportDueOn && !state.periodicReports.some((r) => r.dueOn === state.periodicReportDueOn)) {
    items.push({
      ...base,
      itemId: `periodic:${state.periodicReportDueOn}`,
      kind: 'PERIODIC_REPORT',
      itemName: `定期报告（${state.periodicReportDueOn} 前）`,
      dueDate: state.periodicReportDueOn,
      originalDueDate: state.periodicReportDueOn,
      doneOn: null,
    });
  }
  if (state.planDueOn) {
    const firstSubmitted = state.plans[0]?.submittedOn ?? null;
    items.push({
      ...base,
      itemId: 'plan',
      kind: 'PLAN_SUBMISSION',
      itemName: '报送整改方案',
      dueDate: state.planDueOn,
      originalDueDate: state.planDueOn,
      doneOn: firstSubmitted ?? (state.status === 'CLOSED' ? state.closedOn : null),
    });
  }
  for (const check of state.acceptanceChecks) {
    if (check.outcome !== 'FAILED' || !check.perfunctory) continue;
    const passedLater = state.acceptanceChecks.find((c) => c.outcome === 'PASSED' && c.recordedAt > check.recordedAt);
    items.push({
      ...base,
      itemId: `perfunctory:${check.recordId}`,
      kind: 'PERFUNCTORY_RECTIFICATION',
      itemName: `验收认定${perfunctoryKindLabels[check.perfunctory]}：${check.reasons.join('；')}`,
      dueDate: check.checkedOn,
      originalDueDate: check.checkedOn,
      doneOn: passedLater?.checkedOn ?? null,
    });
  }
  const notice = state.publicNotice;
  if (notice && !notice.withdrawnAt && (state.status === 'IN_PUBLIC_NOTICE' || state.status === 'CLOSED')) {
    items.push({
      ...base,
      department: SUPERVISION_OFFICE_DEPARTMENT,
      responsiblePerson: null,
      itemId: `notice:${notice.noticeId}`,
      kind: 'NOTICE_END',
      itemName: '拟销号公示期满，待销号',
      dueDate: notice.endsOn,
      originalDueDate: notice.endsOn,
      doneOn: state.status === 'CLOSED' ? state.closedOn : null,
    });
  }
  if (state.acceptanceRequestedOn && COMPLETED_ORDER_STATUSES.includes(state.status)) {
    const due = addDays(state.acceptanceRequestedOn, thresholds.acceptanceCheckDays);
    const check = state.acceptanceChecks.find((c) => c.checkedOn >= (state.acceptanceRequestedOn as string) && c.outcome === 'PASSED');
    items.push({
      ...base,
      department: state.acceptanceDepartment ?? state.leadDepartment,
      itemId: `acceptance:${state.acceptanceRequestedOn}`,
      kind: 'ACCEPTANCE',
      itemName: '验收办理',
      dueDate: due,
      originalDueDate: due,
      doneOn: state.status === 'ACCEPTANCE_REQUESTED' ? null : (check?.checkedOn ?? state.acceptanceRequestedOn),
    });
  }
  return items;
}

/**
 * A project's dated milestones. A cancelled project owes nothing; a completed one no longer owes the
 * optional milestones it left unachieved, so those drop out rather than turn overdue. An item 待交办
 * owes no milestone yet (no department answers for it): its one obligation is the supervision office's
 * 交办, due `unassignedDays` after registration (ESC-ASSIGN-1). A 争取类 item's milestones are
 * STRIVE_MILESTONE, escalated at most to yellow (ESC-CAP-1).
 */
export function deadlineItemsOfKeyProject(
  id: string,
  state: KeyProjectState,
  thresholds: Pick<EscalationThresholds, 'unassignedDays'>,
): DeadlineItem[] {
  if (state.status === null || state.status === 'CANCELLED') return [];
  const finished = state.status === 'COMPLETED' || state.status === 'ACCEPTED';
  const items: DeadlineItem[] = [];
  const assignment = assignmentItem(id, state, thresholds.unassignedDays);
  if (assignment) items.push(assignment);
  if (isAwaitingAssignment(state)) return items;
  for (const m of state.milestones) {
    if (!m.baselineDate) continue;
    if (finished && !m.achievedOn) continue;
    items.push({
      subjectType: 'KEY_PROJECT',
      subjectId: id,
      subjectStreamId: keyProjectStreamId(id),
      subjectCode: state.code,
      subjectName: state.name,
      subjectStatus: state.status,
      department: state.leadDepartment,
      responsiblePerson: state.responsiblePerson,
      itemId: `milestone:${m.milestoneId}`,
      kind: state.planItemKind === 'STRIVE' ? 'STRIVE_MILESTONE' : 'MILESTONE',
      itemName: m.name,
      dueDate: m.baselineDate,
      originalDueDate: m.originalBaselineDate ?? m.baselineDate,
      doneOn: m.achievedOn,
    });
  }
  return items;
}

/**
 * The 交办 an item registered without a lead department owes, to the supervision office itself; met
 * on the day of the 交办. An item registered with its department owes none.
 */
function assignmentItem(id: string, state: KeyProjectState, unassignedDays: number): DeadlineItem | null {
  const first = state.assignments[0];
  if ((!isAwaitingAssignment(state) && first === undefined) || state.registeredAt === null) return null;
  const due = addDays(shanghaiDate(new Date(state.registeredAt)), unassignedDays);
  return {
    subjectType: 'KEY_PROJECT',
    subjectId: id,
    subjectStreamId: keyProjectStreamId(id),
    subjectCode: state.code,
    subjectName: state.name,
    subjectStatus: state.status as string,
    department: SUPERVISION_OFFICE_DEPARTMENT,
    responsiblePerson: null,
    itemId: 'assignment',
    kind: 'ASSIGNMENT',
    itemName: '待交办：明确牵头单位和责任领导',
    dueDate: due,
    originalDueDate: due,
    doneOn: first?.on ?? null,
  };
}

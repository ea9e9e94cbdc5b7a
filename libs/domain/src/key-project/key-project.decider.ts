import { keyProjectCommandPolicies, keyProjectPermissionError, roleMaySend } from '../authorization';
import { departmentName, findDepartment } from '../reference/departments';
import { allowedActionsOf, type AllowedAction } from '../shared/allowed-actions';
import { shanghaiDate, type CalendarDate } from '../shared/dates';
import type { CommandContext, Decider } from '../shared/decider';
import { InvalidValue, NotFound, RuleViolation, StreamNotFound, type DomainError } from '../shared/errors';
import {
  requireDate,
  requireNotFuture,
  requireOptionalDate,
  requirePercent,
  requireText,
  requireUniqueIds,
  statusError,
} from '../shared/validation';
import {
  keyProjectCommandLabelsFor,
  type AcceptKeyProject,
  type AmendKeyProjectRegistration,
  type AssignKeyProject,
  type ReassignKeyProject,
  type ResponsibleLeader,
  type AchieveMilestone,
  type ApproveBaselineChange,
  type CancelKeyProject,
  type CompleteKeyProject,
  type KeyProjectCommand,
  type KeyProjectCommandType,
  type PlanMilestone,
  type RegisterKeyProject,
  type RejectBaselineChange,
  type ReportProjectProgress,
  type RequestBaselineChange,
  type ResumeKeyProject,
  type StartKeyProject,
  type SuspendKeyProject,
} from './key-project.commands';
import type { KeyProjectAssigned, KeyProjectEvent } from './key-project.events';
import { hasAcceptance, keyProjectStatusLabelsFor, planItemKindLabels, planItemKinds, planItemWords } from './key-project.kinds';
import {
  evolveKeyProject,
  initialKeyProjectState,
  type BaselineChange,
  type KeyProjectState,
  type KeyProjectStatus,
  type Milestone,
} from './key-project.state';

type Handler<C extends KeyProjectCommand> = (command: C, state: KeyProjectState, ctx: CommandContext) => KeyProjectEvent[];

/**
 * How the decider handles one command: `guard` holds what does not depend on the body (status and the
 * rules that hold whatever is sent), `decide` checks the body and returns the events. `allowedActions`
 * asks the same guards.
 */
interface KeyProjectCommandHandler<C extends KeyProjectCommand> {
  guard: (state: KeyProjectState, ctx: CommandContext) => DomainError | undefined;
  decide: Handler<C>;
}

/** KP-STATE-1: the command is refused outside the statuses it may be sent from. */
function statusNotIn(state: KeyProjectState, type: KeyProjectCommandType, allowed: readonly KeyProjectStatus[]): DomainError | undefined {
  const labelZh = keyProjectCommandLabelsFor(state.planItemKind)[type];
  return statusError(state.status, allowed, { type, labelZh }, keyProjectStatusLabelsFor(state.planItemKind), 'KP-STATE-1');
}

function findMilestone(state: KeyProjectState, milestoneId: string): Milestone {
  const milestone = state.milestones.find((m) => m.milestoneId === milestoneId);
  if (!milestone) {
    throw new NotFound({
      code: 'MILESTONE_NOT_FOUND',
      titleEn: `Milestone ${milestoneId} not found`,
      detail: `该工程没有编号为 ${milestoneId} 的里程碑，请先制定里程碑或核对编号。`,
    });
  }
  return milestone;
}

function requireNotAchieved(milestone: Milestone): void {
  if (milestone.achievedOn !== null) {
    throw new RuleViolation({
      code: 'MILESTONE_ALREADY_ACHIEVED',
      titleEn: 'The milestone has already been achieved',
      detail: `里程碑“${milestone.name}”已于 ${milestone.achievedOn} 完成，不能再对其进行此操作。`,
      rule: 'KP-MS-1',
    });
  }
}

function findPendingBaselineChange(state: KeyProjectState, requestId: string): BaselineChange {
  const request = state.baselineChanges.find((c) => c.requestId === requestId);
  if (!request) {
    throw new NotFound({
      code: 'BASELINE_CHANGE_NOT_FOUND',
      titleEn: `Baseline change request ${requestId} not found`,
      detail: `未找到编号为 ${requestId} 的基线调整申请，请核对编号。`,
    });
  }
  if (request.status !== 'PENDING') {
    throw new RuleViolation({
      code: 'BASELINE_CHANGE_ALREADY_DECIDED',
      titleEn: 'The baseline change request has already been decided',
      detail: `该基线调整申请已${request.status === 'APPROVED' ? '批准' : '驳回'}，不能重复审批；如需再次调整，请重新提交申请。`,
      rule: 'KP-BASE-2',
    });
  }
  return request;
}

function alreadyRegistered(state: KeyProjectState): DomainError | undefined {
  if (state.status === null) return undefined;
  return new RuleViolation({
    code: 'KEY_PROJECT_ALREADY_REGISTERED',
    titleEn: 'The key project is already registered',
    detail: `重点工程 ${state.code}（${state.name}）已经登记，不能重复登记。`,
    rule: 'KP-REG-1',
  });
}

const register: Handler<RegisterKeyProject> = (command, _state, ctx) => {
  requireText(command.projectId, 'projectId', '工程编号');
  requireText(command.code, 'code', '工程代码');
  requireText(command.name, 'name', '工程名称');
  requireText(command.category, 'category', '工程类别');
  if (command.planBox !== null && (!Number.isInteger(command.planBox) || command.planBox < 1 || command.planBox > 9)) {
    throw new InvalidValue({
      code: 'INVALID_PLAN_BOX',
      titleEn: 'planBox must be an integer from 1 to 9',
      detail: '“所属专栏”必须是 1 至 9 之间的整数（规划专栏1–专栏9）。',
      field: 'planBox',
    });
  }
  if (command.leadDepartment !== null) requireText(command.leadDepartment, 'leadDepartment', '牵头单位');
  const planItemKind = command.planItemKind ?? 'PROJECT';
  requirePlanItemKind(planItemKind);
  requireOptionalDate(command.plannedStart, 'plannedStart', '计划开工日期');
  requireOptionalDate(command.plannedEnd, 'plannedEnd', '计划完工日期');
  if (command.plannedStart && command.plannedEnd && command.plannedEnd < command.plannedStart) {
    throw new InvalidValue({
      code: 'PLANNED_END_BEFORE_START',
      titleEn: 'plannedEnd is before plannedStart',
      detail: `计划完工日期（${command.plannedEnd}）不能早于计划开工日期（${command.plannedStart}）。`,
      field: 'plannedEnd',
    });
  }
  if (command.plannedInvestment !== null && !(Number.isFinite(command.plannedInvestment) && command.plannedInvestment >= 0)) {
    throw new InvalidValue({
      code: 'INVALID_INVESTMENT',
      titleEn: 'plannedInvestment must be a non-negative number',
      detail: '“计划投资（万元）”必须是不小于 0 的数字；规划未列明时请留空。',
      field: 'plannedInvestment',
    });
  }
  if (command.leadDepartment !== null && command.cooperatingDepartments.includes(command.leadDepartment)) {
    throw new InvalidValue({
      code: 'LEAD_DEPARTMENT_LISTED_AS_COOPERATING',
      titleEn: 'The lead department is also listed as cooperating',
      detail: `“${departmentName(command.leadDepartment)}”已是牵头单位，请从配合单位中移除。`,
      field: 'cooperatingDepartments',
    });
  }
  return [
    {
      type: 'KeyProjectRegistered',
      data: {
        projectId: command.projectId,
        code: command.code,
        name: command.name,
        planBox: command.planBox,
        category: command.category,
        planItemKind,
        source: command.source ?? null,
        leadDepartment: command.leadDepartment,
        cooperatingDepartments: [...command.cooperatingDepartments],
        implementingUnit: command.implementingUnit,
        responsiblePerson: command.responsiblePerson,
        plannedStart: command.plannedStart,
        plannedEnd: command.plannedEnd,
        plannedInvestment: command.plannedInvestment,
        description: command.description,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

function requirePlanItemKind(kind: unknown): void {
  if (!planItemKinds.includes(kind as never)) {
    throw new InvalidValue({
      code: 'INVALID_PLAN_ITEM_KIND',
      titleEn: 'planItemKind must be PROJECT, TASK or STRIVE',
      detail: '“事项类型”必须是工程项目（PROJECT）、工作任务（TASK）或争取类（STRIVE）之一。',
      field: 'planItemKind',
    });
  }
}

/** KP-ASSIGN-3: a department of an assignment is one of the reference list's. */
function requireKnownDepartment(id: unknown, field: string, labelZh: string): void {
  requireText(id, field, labelZh);
  if (!findDepartment(id)) {
    throw new InvalidValue({
      code: 'UNKNOWN_DEPARTMENT',
      titleEn: `${field}: ${id} is not a department of the reference list`,
      detail: `${labelZh}“${id}”不在本市单位名录中，请从单位列表中选择。`,
      field,
      rule: 'KP-ASSIGN-3',
    });
  }
}

/** KP-ASSIGN-3: known departments, each once, the lead not also cooperating. */
function requireAssignedDepartments(lead: unknown, cooperating: unknown): void {
  requireKnownDepartment(lead, 'leadDepartment', '牵头单位');
  if (!Array.isArray(cooperating)) {
    throw new InvalidValue({
      code: 'INVALID_COOPERATING_DEPARTMENTS',
      titleEn: 'cooperatingDepartments must be a list',
      detail: '“配合单位”须为单位列表，没有配合单位时留空。',
      field: 'cooperatingDepartments',
    });
  }
  cooperating.forEach((d) => requireKnownDepartment(d, 'cooperatingDepartments', '配合单位'));
  requireUniqueIds(cooperating as string[], 'cooperatingDepartments', '配合单位');
  if ((cooperating as string[]).includes(lead as string)) {
    throw new InvalidValue({
      code: 'LEAD_DEPARTMENT_LISTED_AS_COOPERATING',
      titleEn: 'The lead department is also listed as cooperating',
      detail: `“${departmentName(lead as string)}”已是牵头单位，请从配合单位中移除。`,
      field: 'cooperatingDepartments',
      rule: 'KP-ASSIGN-3',
    });
  }
}

function requireResponsibleLeader(leader: ResponsibleLeader | null | undefined): void {
  if (leader == null) return;
  requireText(leader.name, 'responsibleLeader.name', '责任领导姓名');
  requireText(leader.title, 'responsibleLeader.title', '责任领导职务');
}

function requirePlannedPeriod(start: CalendarDate | null | undefined, end: CalendarDate | null | undefined): void {
  requireOptionalDate(start, 'plannedStart', '计划开始日期');
  requireOptionalDate(end, 'plannedEnd', '计划结束日期');
  if (start && end && end < start) {
    throw new InvalidValue({
      code: 'PLANNED_END_BEFORE_START',
      titleEn: 'plannedEnd is before plannedStart',
      detail: `计划结束日期（${end}）不能早于计划开始日期（${start}）。`,
      field: 'plannedEnd',
    });
  }
}

/** KP-ASSIGN-1: an item is assigned (交办) once; afterwards it is reassigned. */
function alreadyAssigned(state: KeyProjectState): DomainError | undefined {
  const first = state.assignments[0];
  if (!first) return undefined;
  return new RuleViolation({
    code: 'ALREADY_ASSIGNED',
    titleEn: 'The item has already been assigned',
    detail: `该事项已于 ${first.on} 交办给“${departmentName(first.leadDepartment)}”；如需变更牵头单位或责任人，请办理重新交办。`,
    rule: 'KP-ASSIGN-1',
  });
}

/** KP-ASSIGN-1: only an item that some department answers for can be reassigned. */
function notYetAssigned(state: KeyProjectState): DomainError | undefined {
  if (state.leadDepartment !== null) return undefined;
  return new RuleViolation({
    code: 'NOT_YET_ASSIGNED',
    titleEn: 'The item has not been assigned yet',
    detail: '尚未交办：该事项还没有牵头单位，请先办理交办。',
    rule: 'KP-ASSIGN-1',
  });
}

function assignedMilestones(command: AssignKeyProject, state: KeyProjectState): KeyProjectAssigned['data']['milestones'] {
  if (!Array.isArray(command.milestones)) {
    throw new InvalidValue({
      code: 'INVALID_MILESTONES',
      titleEn: 'milestones must be a list',
      detail: '“里程碑”须为列表：逐项填写编号和日期。',
      field: 'milestones',
    });
  }
  requireUniqueIds(
    command.milestones.map((m) => m.milestoneId),
    'milestones.milestoneId',
    '里程碑编号',
  );
  return command.milestones.map((m) => {
    requireText(m.milestoneId, 'milestones.milestoneId', '里程碑编号');
    requireDate(m.baselineDate, 'milestones.baselineDate', '里程碑日期');
    const existing = state.milestones.find((e) => e.milestoneId === m.milestoneId);
    if (existing) {
      requireNotAchieved(existing);
      return {
        milestoneId: existing.milestoneId,
        name: existing.name,
        weight: existing.weight,
        mandatory: existing.mandatory,
        baselineDate: m.baselineDate,
        isNew: false,
      };
    }
    requireText(m.name, 'milestones.name', '里程碑名称');
    const weight = m.weight ?? 1;
    if (!(Number.isFinite(weight) && weight > 0)) {
      throw new InvalidValue({
        code: 'INVALID_WEIGHT',
        titleEn: 'weight must be a positive number',
        detail: `里程碑“${m.name}”的权重必须是大于 0 的数字。`,
        field: 'milestones.weight',
      });
    }
    return { milestoneId: m.milestoneId, name: m.name, weight, mandatory: m.mandatory ?? true, baselineDate: m.baselineDate, isNew: true };
  });
}

const assign: Handler<AssignKeyProject> = (command, state, ctx) => {
  requireAssignedDepartments(command.leadDepartment, command.cooperatingDepartments);
  requireResponsibleLeader(command.responsibleLeader);
  if (command.responsiblePerson != null) requireText(command.responsiblePerson, 'responsiblePerson', '责任人');
  requirePlannedPeriod(command.plannedStart, command.plannedEnd);
  const milestones = assignedMilestones(command, state);
  return [
    {
      type: 'KeyProjectAssigned',
      data: {
        leadDepartment: command.leadDepartment,
        cooperatingDepartments: [...command.cooperatingDepartments],
        responsibleLeader: command.responsibleLeader
          ? { name: command.responsibleLeader.name, title: command.responsibleLeader.title }
          : null,
        responsiblePerson: command.responsiblePerson ?? null,
        plannedStart: command.plannedStart ?? null,
        plannedEnd: command.plannedEnd ?? null,
        milestones,
        assignedOn: shanghaiDate(ctx.now),
        assignedBy: ctx.actor.userId,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

const sameLeader = (a: ResponsibleLeader | null, b: ResponsibleLeader | null) => a?.name === b?.name && a?.title === b?.title;

const reassign: Handler<ReassignKeyProject> = (command, state, ctx) => {
  requireAssignedDepartments(command.leadDepartment, command.cooperatingDepartments);
  requireResponsibleLeader(command.responsibleLeader);
  if (command.responsiblePerson != null) requireText(command.responsiblePerson, 'responsiblePerson', '责任人');
  requireText(command.reason, 'reason', '重新交办理由');
  const unchanged =
    command.leadDepartment === state.leadDepartment &&
    [...command.cooperatingDepartments].sort().join() === [...state.cooperatingDepartments].sort().join() &&
    sameLeader(command.responsibleLeader ?? null, state.responsibleLeader) &&
    (command.responsiblePerson ?? null) === state.responsiblePerson;
  if (unchanged) {
    throw new InvalidValue({
      code: 'ASSIGNMENT_UNCHANGED',
      titleEn: 'The reassignment changes nothing',
      detail: '重新交办的牵头单位、配合单位、责任领导和责任人与现行交办完全相同，无需重新交办。',
      field: 'leadDepartment',
    });
  }
  return [
    {
      type: 'KeyProjectReassigned',
      data: {
        previousLeadDepartment: state.leadDepartment,
        leadDepartment: command.leadDepartment,
        cooperatingDepartments: [...command.cooperatingDepartments],
        responsibleLeader: command.responsibleLeader
          ? { name: command.responsibleLeader.name, title: command.responsibleLeader.title }
          : null,
        responsiblePerson: command.responsiblePerson ?? null,
        reason: command.reason,
        reassignedOn: shanghaiDate(ctx.now),
        reassignedBy: ctx.actor.userId,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

const amendRegistration: Handler<AmendKeyProjectRegistration> = (command, state, ctx) => {
  requirePlanItemKind(command.planItemKind);
  if (command.source != null) requireText(command.source, 'source', '规划出处');
  requireText(command.reason, 'reason', '更正理由');
  const source = command.source ?? null;
  if (command.withdrawLeadDepartment) {
    const withdrawable = state.status === 'PLANNED' && state.assignments.length === 0 && state.leadDepartment !== null;
    if (!withdrawable) {
      throw new RuleViolation({
        code: 'LEAD_DEPARTMENT_NOT_WITHDRAWABLE',
        titleEn: 'The lead department can be withdrawn only before 交办 and before work starts',
        detail:
          state.leadDepartment === null
            ? '该事项尚无牵头单位，无需撤回。'
            : '牵头单位已经交办或已开始实施，不能通过更正登记撤回；如需变更请办理重新交办。',
        rule: 'KP-ASSIGN-4',
      });
    }
  }
  if (!command.withdrawLeadDepartment && command.planItemKind === state.planItemKind && source === state.source) {
    throw new InvalidValue({
      code: 'REGISTRATION_UNCHANGED',
      titleEn: 'The amendment changes nothing',
      detail: `事项类型（${planItemKindLabels[state.planItemKind]}）和规划出处与现有登记相同，无需更正。`,
      field: 'planItemKind',
    });
  }
  return [
    {
      type: 'KeyProjectRegistrationAmended',
      data: {
        planItemKind: command.planItemKind,
        source,
        withdrawnLeadDepartment: command.withdrawLeadDepartment ? state.leadDepartment : null,
        reason: command.reason,
        amendedBy: ctx.actor.userId,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

/** KP-KIND-1: a work task or a 争取类 target has no acceptance (验收). */
function noAcceptanceForKind(state: KeyProjectState): DomainError | undefined {
  if (hasAcceptance(state.planItemKind)) return undefined;
  const words = planItemWords[state.planItemKind];
  return new RuleViolation({
    code: 'ACCEPTANCE_NOT_APPLICABLE',
    titleEn: `A ${state.planItemKind} item is not accepted`,
    detail: `该事项属于${planItemKindLabels[state.planItemKind]}，不设验收环节；确认${words.complete}即办结。`,
    rule: 'KP-KIND-1',
  });
}

const start: Handler<StartKeyProject> = (command, state, ctx) => {
  requireDate(command.startedOn, 'startedOn', '开工日期');
  requireNotFuture(command.startedOn, shanghaiDate(ctx.now), 'startedOn', '开工日期');
  return [{ type: 'KeyProjectStarted', data: { startedOn: command.startedOn, occurredAt: ctx.now.toISOString() } }];
};

const planMilestone: Handler<PlanMilestone> = (command, state, ctx) => {
  requireText(command.milestoneId, 'milestoneId', '里程碑编号');
  requireText(command.name, 'name', '里程碑名称');
  requireOptionalDate(command.baselineDate, 'baselineDate', '基线日期');
  if (!(Number.isFinite(command.weight) && command.weight > 0)) {
    throw new InvalidValue({
      code: 'INVALID_WEIGHT',
      titleEn: 'weight must be a positive number',
      detail: '“权重”必须是大于 0 的数字。',
      field: 'weight',
    });
  }
  if (state.milestones.some((m) => m.milestoneId === command.milestoneId)) {
    throw new RuleViolation({
      code: 'MILESTONE_ALREADY_PLANNED',
      titleEn: 'A milestone with this id already exists',
      detail: `编号为 ${command.milestoneId} 的里程碑已存在；调整基线日期请提交基线调整申请。`,
      rule: 'KP-MS-2',
    });
  }
  return [
    {
      type: 'MilestonePlanned',
      data: {
        milestoneId: command.milestoneId,
        name: command.name,
        weight: command.weight,
        mandatory: command.mandatory ?? true,
        baselineDate: command.baselineDate ?? null,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

function requireNewReportId(state: KeyProjectState, reportId: string): void {
  requireText(reportId, 'reportId', '报告编号');
  if (state.progressReports.some((r) => r.reportId === reportId)) {
    throw new RuleViolation({
      code: 'REPORT_ALREADY_RECORDED',
      titleEn: 'A report with this id was already recorded',
      detail: '该进度报告已经报送；报告不可修改，如需更正请报送一份新的报告。',
      rule: 'KP-RECORD-1',
    });
  }
}

function requireNoMilestoneFields(command: ReportProjectProgress): void {
  if (command.percentComplete !== null || command.forecastDate !== null) {
    throw new InvalidValue({
      code: 'MILESTONE_REQUIRED_FOR_PERCENTAGE',
      titleEn: 'percentComplete and forecastDate need a milestoneId',
      detail: '填写完成百分比或预计完成日期时，请同时选择对应的里程碑。',
      field: 'milestoneId',
    });
  }
}

const reportProgress: Handler<ReportProjectProgress> = (command, state, ctx) => {
  requireNewReportId(state, command.reportId);
  requireText(command.narrative, 'narrative', '进展情况');
  if (command.milestoneId === null) {
    requireNoMilestoneFields(command);
  } else {
    requireNotAchieved(findMilestone(state, command.milestoneId));
    requirePercent(command.percentComplete, 'percentComplete', '完成百分比');
    requireOptionalDate(command.forecastDate, 'forecastDate', '预计完成日期');
  }
  return [
    {
      type: 'ProgressReported',
      data: {
        reportId: command.reportId,
        milestoneId: command.milestoneId,
        percentComplete: command.percentComplete,
        forecastDate: command.forecastDate,
        narrative: command.narrative,
        reportedOn: shanghaiDate(ctx.now),
        reportedBy: ctx.actor.userId,
        reportedByDepartment: ctx.actor.department,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

const BASELINE_CHANGE_STATUSES: readonly KeyProjectStatus[] = ['PLANNED', 'IN_PROGRESS', 'SUSPENDED'];

const requestBaselineChange: Handler<RequestBaselineChange> = (command, state, ctx) => {
  requireText(command.requestId, 'requestId', '申请编号');
  if (state.baselineChanges.some((c) => c.requestId === command.requestId)) {
    throw new RuleViolation({
      code: 'BASELINE_CHANGE_ALREADY_REQUESTED',
      titleEn: 'A baseline change request with this id already exists',
      detail: '该基线调整申请已经提交，请勿重复提交。',
      rule: 'KP-RECORD-1',
    });
  }
  const milestone = findMilestone(state, command.milestoneId);
  requireNotAchieved(milestone);
  if (state.baselineChanges.some((c) => c.milestoneId === milestone.milestoneId && c.status === 'PENDING')) {
    throw new RuleViolation({
      code: 'BASELINE_CHANGE_ALREADY_PENDING',
      titleEn: 'A baseline change for this milestone is already awaiting a decision',
      detail: `里程碑“${milestone.name}”已有一项待领导小组审批的基线调整申请，请等待审批结果后再提交。`,
      rule: 'KP-BASE-1',
    });
  }
  requireDate(command.proposedBaselineDate, 'proposedBaselineDate', '拟调整基线日期');
  if (command.proposedBaselineDate === milestone.baselineDate) {
    throw new InvalidValue({
      code: 'BASELINE_DATE_UNCHANGED',
      titleEn: 'The proposed baseline equals the current one',
      detail: `拟调整的基线日期与现行基线日期（${milestone.baselineDate ?? '未设定'}）相同，无需申请调整。`,
      field: 'proposedBaselineDate',
    });
  }
  requireText(command.reason, 'reason', '调整理由');
  return [
    {
      type: 'BaselineChangeRequested',
      data: {
        requestId: command.requestId,
        milestoneId: milestone.milestoneId,
        currentBaselineDate: milestone.baselineDate,
        proposedBaselineDate: command.proposedBaselineDate,
        reason: command.reason,
        requestedBy: ctx.actor.userId,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

const approveBaselineChange: Handler<ApproveBaselineChange> = (command, state, ctx) => {
  const request = findPendingBaselineChange(state, command.requestId);
  const milestone = findMilestone(state, request.milestoneId);
  requireNotAchieved(milestone);
  return [
    {
      type: 'BaselineChangeApproved',
      data: {
        requestId: request.requestId,
        milestoneId: milestone.milestoneId,
        previousBaselineDate: milestone.baselineDate,
        newBaselineDate: request.proposedBaselineDate,
        note: command.note,
        decidedBy: ctx.actor.userId,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

const rejectBaselineChange: Handler<RejectBaselineChange> = (command, state, ctx) => {
  const request = findPendingBaselineChange(state, command.requestId);
  requireText(command.reason, 'reason', '驳回理由');
  return [
    {
      type: 'BaselineChangeRejected',
      data: {
        requestId: request.requestId,
        milestoneId: request.milestoneId,
        reason: command.reason,
        decidedBy: ctx.actor.userId,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

const achieveMilestone: Handler<AchieveMilestone> = (command, state, ctx) => {
  const milestone = findMilestone(state, command.milestoneId);
  requireNotAchieved(milestone);
  requireDate(command.achievedOn, 'achievedOn', '完成日期');
  requireNotFuture(command.achievedOn, shanghaiDate(ctx.now), 'achievedOn', '完成日期');
  if (!Array.isArray(command.evidence) || command.evidence.length === 0) {
    throw new InvalidValue({
      code: 'EVIDENCE_REQUIRED',
      titleEn: 'Achieving a milestone needs at least one evidence item',
      detail: `确认里程碑“${milestone.name}”完成时，请至少上传一份佐证材料（如验收单、照片、监测报告）。`,
      field: 'evidence',
      rule: 'KP-MS-3',
    });
  }
  requireUniqueIds(
    command.evidence.map((e) => e.evidenceId),
    'evidence.evidenceId',
    '佐证材料编号',
  );
  command.evidence.forEach((e) => requireText(e.title, 'evidence.title', '佐证材料名称'));
  return [
    {
      type: 'MilestoneAchieved',
      data: {
        milestoneId: milestone.milestoneId,
        achievedOn: command.achievedOn,
        evidence: command.evidence.map(({ evidenceId, title, uri }) => ({ evidenceId, title, uri: uri ?? null })),
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

const suspend: Handler<SuspendKeyProject> = (command, state, ctx) => {
  requireText(command.reason, 'reason', '暂停原因');
  return [{ type: 'KeyProjectSuspended', data: { reason: command.reason, occurredAt: ctx.now.toISOString() } }];
};

const resume: Handler<ResumeKeyProject> = (command, state, ctx) => {
  return [{ type: 'KeyProjectResumed', data: { note: command.note ?? null, occurredAt: ctx.now.toISOString() } }];
};

/** KP-DONE-1: completion needs at least one milestone and every mandatory one achieved. */
function mandatoryMilestonesOutstanding(state: KeyProjectState): DomainError | undefined {
  if (state.milestones.length === 0) {
    return new RuleViolation({
      code: 'NO_MILESTONES_PLANNED',
      titleEn: 'A project without milestones cannot be completed',
      detail: '该工程尚未制定任何里程碑，无法确认完工；请先制定里程碑并逐项完成。',
      rule: 'KP-DONE-1',
    });
  }
  const outstanding = state.milestones.filter((m) => m.mandatory && m.achievedOn === null);
  if (outstanding.length > 0) {
    return new RuleViolation({
      code: 'MANDATORY_MILESTONES_OUTSTANDING',
      titleEn: 'Mandatory milestones are not yet achieved',
      detail: `以下必须完成的里程碑尚未完成：${outstanding.map((m) => `“${m.name}”`).join('、')}，请完成后再确认完工。`,
      rule: 'KP-DONE-1',
    });
  }
  return undefined;
}

const complete: Handler<CompleteKeyProject> = (command, state, ctx) => {
  requireDate(command.completedOn, 'completedOn', '完工日期');
  requireNotFuture(command.completedOn, shanghaiDate(ctx.now), 'completedOn', '完工日期');
  return [{ type: 'KeyProjectCompleted', data: { completedOn: command.completedOn, occurredAt: ctx.now.toISOString() } }];
};

function requireAcceptanceRecord(command: AcceptKeyProject, completedOn: CalendarDate | null, today: CalendarDate): void {
  const record = command.acceptanceRecord;
  const hasRequiredFields =
    record != null && [record.recordId, record.acceptingBody, record.documentRef].every((v) => typeof v === 'string' && v.trim() !== '');
  if (!hasRequiredFields) {
    throw new InvalidValue({
      code: 'ACCEPTANCE_RECORD_INCOMPLETE',
      titleEn: 'Acceptance needs an acceptance record',
      detail: '验收须附验收记录：请填写验收单位、验收文件编号和验收日期。',
      field: 'acceptanceRecord',
      rule: 'KP-ACC-1',
    });
  }
  requireDate(record.acceptedOn, 'acceptanceRecord.acceptedOn', '验收日期');
  requireNotFuture(record.acceptedOn, today, 'acceptanceRecord.acceptedOn', '验收日期');
  if (completedOn !== null && record.acceptedOn < completedOn) {
    throw new InvalidValue({
      code: 'ACCEPTED_BEFORE_COMPLETION',
      titleEn: 'The acceptance date is before the completion date',
      detail: `验收日期（${record.acceptedOn}）不能早于完工日期（${completedOn}）。`,
      field: 'acceptanceRecord.acceptedOn',
    });
  }
}

const accept: Handler<AcceptKeyProject> = (command, state, ctx) => {
  requireAcceptanceRecord(command, state.completedOn, shanghaiDate(ctx.now));
  const { recordId, acceptedOn, acceptingBody, documentRef, summary } = command.acceptanceRecord;
  return [
    {
      type: 'KeyProjectAccepted',
      data: {
        acceptanceRecord: { recordId, acceptedOn, acceptingBody, documentRef, summary: summary ?? '' },
        recordedBy: ctx.actor.userId,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

const cancel: Handler<CancelKeyProject> = (command, state, ctx) => {
  requireText(command.reason, 'reason', '取消原因');
  return [
    {
      type: 'KeyProjectCancelled',
      data: {
        reason: command.reason,
        cancelledFrom: state.status as 'PLANNED' | 'SUSPENDED',
        decidedBy: ctx.actor.userId,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
};

/** An unachieved milestone to act on (KP-MS-1). */
function noOpenMilestone(state: KeyProjectState): DomainError | undefined {
  if (state.milestones.some((m) => m.achievedOn === null)) return undefined;
  return new RuleViolation({
    code: 'NO_OPEN_MILESTONE',
    titleEn: 'No milestone is left to achieve',
    detail: state.milestones.length === 0 ? '该工程尚未制定里程碑，请先制定里程碑。' : '该工程的里程碑已全部完成，没有可操作的里程碑。',
    rule: 'KP-MS-1',
  });
}

/** A baseline change awaiting leadership's decision (KP-BASE-2). */
function noPendingBaselineChange(state: KeyProjectState): DomainError | undefined {
  if (state.baselineChanges.some((c) => c.status === 'PENDING')) return undefined;
  return new RuleViolation({
    code: 'NO_PENDING_BASELINE_CHANGE',
    titleEn: 'No baseline change request is awaiting a decision',
    detail: '目前没有待审批的基线调整申请。',
    rule: 'KP-BASE-2',
  });
}

const handlers: { [K in KeyProjectCommandType]: KeyProjectCommandHandler<Extract<KeyProjectCommand, { type: K }>> } = {
  RegisterKeyProject: { guard: alreadyRegistered, decide: register },
  AssignKeyProject: { guard: (state) => statusNotIn(state, 'AssignKeyProject', ['PLANNED']) ?? alreadyAssigned(state), decide: assign },
  ReassignKeyProject: {
    guard: (state) => statusNotIn(state, 'ReassignKeyProject', ['PLANNED', 'IN_PROGRESS', 'SUSPENDED']) ?? notYetAssigned(state),
    decide: reassign,
  },
  AmendKeyProjectRegistration: {
    guard: (state) => statusNotIn(state, 'AmendKeyProjectRegistration', ['PLANNED', 'IN_PROGRESS', 'SUSPENDED', 'COMPLETED']),
    decide: amendRegistration,
  },
  StartKeyProject: { guard: (state) => statusNotIn(state, 'StartKeyProject', ['PLANNED']), decide: start },
  PlanMilestone: { guard: (state) => statusNotIn(state, 'PlanMilestone', ['PLANNED', 'IN_PROGRESS']), decide: planMilestone },
  ReportProjectProgress: { guard: (state) => statusNotIn(state, 'ReportProjectProgress', ['IN_PROGRESS']), decide: reportProgress },
  RequestBaselineChange: {
    guard: (state) => statusNotIn(state, 'RequestBaselineChange', BASELINE_CHANGE_STATUSES) ?? noOpenMilestone(state),
    decide: requestBaselineChange,
  },
  ApproveBaselineChange: {
    guard: (state) => statusNotIn(state, 'ApproveBaselineChange', BASELINE_CHANGE_STATUSES) ?? noPendingBaselineChange(state),
    decide: approveBaselineChange,
  },
  RejectBaselineChange: {
    guard: (state) => statusNotIn(state, 'RejectBaselineChange', BASELINE_CHANGE_STATUSES) ?? noPendingBaselineChange(state),
    decide: rejectBaselineChange,
  },
  AchieveMilestone: {
    guard: (state) => statusNotIn(state, 'AchieveMilestone', ['IN_PROGRESS']) ?? noOpenMilestone(state),
    decide: achieveMilestone,
  },
  SuspendKeyProject: { guard: (state) => statusNotIn(state, 'SuspendKeyProject', ['IN_PROGRESS']), decide: suspend },
  ResumeKeyProject: { guard: (state) => statusNotIn(state, 'ResumeKeyProject', ['SUSPENDED']), decide: resume },
  CompleteKeyProject: {
    guard: (state) => statusNotIn(state, 'CompleteKeyProject', ['IN_PROGRESS']) ?? mandatoryMilestonesOutstanding(state),
    decide: complete,
  },
  AcceptKeyProject: {
    guard: (state) => noAcceptanceForKind(state) ?? statusNotIn(state, 'AcceptKeyProject', ['COMPLETED']),
    decide: accept,
  },
  CancelKeyProject: { guard: (state) => statusNotIn(state, 'CancelKeyProject', ['PLANNED', 'SUSPENDED']), decide: cancel },
};

/**
 * Why the actor may not send a command of this type to the project now, whatever its body, or
 * undefined: permission first (403), then status and the rules that do not depend on the body (409).
 */
export function keyProjectGuard(type: KeyProjectCommandType, state: KeyProjectState, ctx: CommandContext): DomainError | undefined {
  return keyProjectPermissionError(type, state, ctx.actor) ?? handlers[type].guard(state, ctx);
}

/** Order of refusal: unknown stream (404), then permission (403), then state and rules (409/422). */
function decideKeyProject(command: KeyProjectCommand, state: KeyProjectState, ctx: CommandContext): KeyProjectEvent[] {
  if (command.type !== 'RegisterKeyProject' && state.status === null) {
    throw new StreamNotFound('重点工程', 'Key project');
  }
  const refusal = keyProjectGuard(command.type, state, ctx);
  if (refusal) throw refusal;
  const handler = handlers[command.type] as KeyProjectCommandHandler<KeyProjectCommand>;
  return handler.decide(command, state, ctx);
}

/** The commands sent to an existing project (RegisterKeyProject creates one). */
export const keyProjectActionCommandTypes = (Object.keys(keyProjectCommandPolicies) as KeyProjectCommandType[]).filter(
  (t) => t !== 'RegisterKeyProject',
);

/**
 * The commands the actor's roles may send to this project, each allowed or not now, with the reason.
 * Computed by the same guards `decide` runs first.
 */
export function keyProjectAllowedActions(state: KeyProjectState, ctx: CommandContext): AllowedAction<KeyProjectCommandType>[] {
  return allowedActionsOf(
    keyProjectActionCommandTypes,
    (type, actor) => roleMaySend(keyProjectCommandPolicies[type], actor),
    keyProjectGuard,
    state,
    ctx,
  );
}

export const keyProjectDecider: Decider<KeyProjectState, KeyProjectCommand, KeyProjectEvent> = {
  initialState: initialKeyProjectState,
  decide: decideKeyProject,
  evolve: evolveKeyProject,
};

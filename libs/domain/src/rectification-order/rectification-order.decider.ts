import { authorizeOrderCommand } from '../authorization';
import { addDays, addMonths, addWorkingDays, endOfShanghaiDay, shanghaiDate, type CalendarDate } from '../shared/dates';
import type { CommandContext, Decider } from '../shared/decider';
import { InvalidValue, NotFound, RuleViolation, StreamNotFound } from '../shared/errors';
import { requireDate, requireNotFuture, requirePercent, requireStatus, requireText, requireUniqueIds } from '../shared/validation';
import {
  petitionFindingLabels,
  rectificationOrderCommandLabels,
  type ApproveExtension,
  type AssignOrder,
  type AttachEvidence,
  type CloseOrder,
  type CompleteMeasure,
  type ConcludeInStages,
  type IssueOrder,
  type PetitionFinding,
  type PublishClosingNotice,
  type RecordAcceptanceFailed,
  type RecordAcceptancePassed,
  type RecordFollowUpVisit,
  type RecordObjection,
  type RecordSecondCheck,
  type RectificationOrderCommand,
  type RectificationOrderCommandType,
  type RejectExtension,
  type ReopenOrder,
  type ReportOrderProgress,
  type ReportPetitionFinding,
  type RequestAcceptance,
  type RequestExtension,
  type SettleObjection,
  type StartRectification,
  type SubmitPeriodicReport,
} from './rectification-order.commands';
import type { RectificationOrderEvent } from './rectification-order.events';
import {
  evolveRectificationOrder,
  initialRectificationOrderState,
  openObjections,
  orderStatusLabels,
  pendingExtension,
  type Extension,
  type Measure,
  type OrderStatus,
  type PetitionCase,
  type RectificationOrderState,
} from './rectification-order.state';

type State = RectificationOrderState;
type Event = RectificationOrderEvent;
type Handler<C extends RectificationOrderCommand> = (command: C, state: State, ctx: CommandContext) => Event[];

const RULE = 'DOMAIN.md § Rectification orders';
const ORDER_SOURCES = ['CENTRAL_INSPECTION', 'CENTRAL_FOLLOW_UP', 'PROVINCIAL_INSPECTION', 'PETITION', 'SPECIAL_CAMPAIGN', 'SELF_FOUND'];
const DEADLINE_KINDS = ['IMMEDIATE', 'BY_DATE', 'ONGOING'];
const PETITION_FINDINGS: readonly PetitionFinding[] = ['TRUE', 'BASICALLY_TRUE', 'PARTLY_TRUE', 'UNTRUE'];
/** Every status in which the order is live: assigned to a department and not closed. */
const OPEN_STATUSES: readonly OrderStatus[] = [
  'ASSIGNED',
  'IN_PROGRESS',
  'ACCEPTANCE_REQUESTED',
  'ACCEPTED',
  'IN_PUBLIC_NOTICE',
  'REOPENED',
];

const at = (ctx: CommandContext) => ctx.now.toISOString();
const today = (ctx: CommandContext) => shanghaiDate(ctx.now);

function requireOrderStatus(state: State, command: RectificationOrderCommand, allowed: readonly OrderStatus[]): void {
  requireStatus(state.status, allowed, { type: command.type, labelZh: rectificationOrderCommandLabels[command.type] }, orderStatusLabels);
}

function requireOneOf(value: unknown, allowed: readonly string[], field: string, labelZh: string): void {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new InvalidValue({
      code: 'INVALID_OPTION',
      titleEn: `${field} must be one of ${allowed.join(', ')}`,
      detail: `"${labelZh}"的取值无效，请从可选项中选择。`,
      field,
    });
  }
}

function findMeasure(state: State, measureId: string): Measure {
  const measure = state.measures.find((m) => m.measureId === measureId);
  if (!measure) {
    throw new NotFound({
      code: 'MEASURE_NOT_FOUND',
      titleEn: `Measure ${measureId} not found`,
      detail: `该整改任务没有编号为 ${measureId} 的整改措施，请核对编号。`,
    });
  }
  return measure;
}

function requirePetition(state: State): PetitionCase {
  if (state.source !== 'PETITION' || state.petition === null) {
    throw new RuleViolation({
      code: 'NOT_A_PETITION_CASE',
      titleEn: 'Only petition cases accept this command',
      detail: '该任务不是督察转办信访件，不适用信访件办理程序（调查核实、复核、阶段性办结、回访）。',
      rule: `${RULE}: petition cases`,
    });
  }
  return state.petition;
}

function requireFindingReported(petition: PetitionCase): PetitionFinding {
  if (petition.finding === null) {
    throw new RuleViolation({
      code: 'PETITION_FINDING_REQUIRED',
      titleEn: 'The petition investigation finding has not been reported',
      detail: `该信访件尚未报送调查核实结果（应于 ${petition.reportDueOn} 前报送），请先报送核实结论。`,
      rule: `${RULE}: petition cases owe a first investigation report with a finding`,
    });
  }
  return petition.finding;
}

function requireDeadlineFits(deadlineKind: string, deadline: CalendarDate | null, issuedOn: CalendarDate): void {
  if (deadlineKind === 'ONGOING') {
    if (deadline !== null) {
      throw new InvalidValue({
        code: 'DEADLINE_NOT_ALLOWED_FOR_ONGOING',
        titleEn: 'Ongoing orders have no deadline',
        detail: '"长期坚持"类任务没有整改时限，改为定期报送进展；请将整改时限留空。',
        field: 'deadline',
      });
    }
    return;
  }
  if (deadline === null) {
    throw new InvalidValue({
      code: 'DEADLINE_REQUIRED',
      titleEn: 'Immediate and by-date orders need a deadline',
      detail: '"立行立改"和"限期整改"类任务必须填写整改时限。',
      field: 'deadline',
    });
  }
  requireDate(deadline, 'deadline', '整改时限');
  if (deadline < issuedOn) {
    throw new InvalidValue({
      code: 'DEADLINE_BEFORE_ISSUE_DATE',
      titleEn: 'The deadline is before the issue date',
      detail: `整改时限（${deadline}）不能早于下达日期（${issuedOn}）。`,
      field: 'deadline',
    });
  }
}

function requireMeasuresFit(command: IssueOrder, issuedOn: CalendarDate): void {
  requireUniqueIds(
    command.measures.map((m) => m.measureId),
    'measures.measureId',
    '整改措施编号',
  );
  for (const measure of command.measures) {
    requireText(measure.description, 'measures.description', '整改措施内容');
    requireDate(measure.dueDate, 'measures.dueDate', '措施完成时限');
    const outside = measure.dueDate < issuedOn || (command.deadline !== null && measure.dueDate > command.deadline);
    if (outside) {
      throw new InvalidValue({
        code: 'MEASURE_DUE_DATE_OUT_OF_RANGE',
        titleEn: 'A measure is due before the issue date or after the order deadline',
        detail: `整改措施"${measure.description}"的完成时限（${measure.dueDate}）应在下达日期（${issuedOn}）与整改时限之间。`,
        field: 'measures.dueDate',
      });
    }
  }
}

function petitionDetails(command: IssueOrder, issuedOn: CalendarDate, ctx: CommandContext) {
  const isPetition = command.source === 'PETITION';
  if (isPetition !== (command.petition != null)) {
    throw new InvalidValue({
      code: isPetition ? 'PETITION_DETAILS_REQUIRED' : 'PETITION_DETAILS_NOT_APPLICABLE',
      titleEn: isPetition ? 'Petition cases need the forwarding date' : 'Only petition cases carry petition details',
      detail: isPetition ? '信访件须填写转办日期。' : '只有来源为"督察转办信访件"的任务才填写信访件信息。',
      field: 'petition',
    });
  }
  if (!command.petition) return null;
  const { forwardedOn, caseNumber } = command.petition;
  requireDate(forwardedOn, 'petition.forwardedOn', '转办日期');
  requireNotFuture(forwardedOn, issuedOn, 'petition.forwardedOn', '转办日期');
  return { forwardedOn, caseNumber: caseNumber ?? null, reportDueOn: addDays(forwardedOn, ctx.config.petitionReportDays) };
}

const issue: Handler<IssueOrder> = (command, state, ctx) => {
  if (state.status !== null) {
    throw new RuleViolation({
      code: 'ORDER_ALREADY_ISSUED',
      titleEn: 'The order has already been issued',
      detail: `整改任务 ${state.code} 已经下达，不能重复下达。`,
      rule: `${RULE}: an order is issued once`,
    });
  }
  requireText(command.orderId, 'orderId', '任务编号');
  requireText(command.code, 'code', '任务编码');
  requireOneOf(command.source, ORDER_SOURCES, 'source', '问题来源');
  requireText(command.batch, 'batch', '批次');
  requireText(command.finding, 'finding', '督察意见/问题');
  requireText(command.target, 'target', '整改目标');
  requireOneOf(command.deadlineKind, DEADLINE_KINDS, 'deadlineKind', '整改时限类型');
  const issuedOn = today(ctx);
  requireDeadlineFits(command.deadlineKind, command.deadline, issuedOn);
  requireMeasuresFit(command, issuedOn);
  const petition = petitionDetails(command, issuedOn, ctx);
  return [
    {
      type: 'OrderIssued',
      data: {
        orderId: command.orderId,
        code: command.code,
        source: command.source,
        batch: command.batch,
        finding: command.finding,
        target: command.target,
        deadlineKind: command.deadlineKind,
        deadline: command.deadline,
        measures: command.measures.map(({ measureId, description, dueDate }) => ({ measureId, description, dueDate })),
        issuedOn,
        petition,
        firstPeriodicReportDueOn: command.deadlineKind === 'ONGOING' ? addMonths(issuedOn, ctx.config.ongoingReportIntervalMonths) : null,
        occurredAt: at(ctx),
      },
    },
  ];
};

const assign: Handler<AssignOrder> = (command, state, ctx) => {
  requireOrderStatus(state, command, ['ISSUED']);
  requireText(command.leadDepartment, 'leadDepartment', '牵头单位');
  requireText(command.acceptanceDepartment, 'acceptanceDepartment', '验收单位');
  if (command.cooperatingDepartments.includes(command.leadDepartment)) {
    throw new InvalidValue({
      code: 'LEAD_DEPARTMENT_LISTED_AS_COOPERATING',
      titleEn: 'The lead department is also listed as cooperating',
      detail: `"${command.leadDepartment}"已是牵头单位，请从配合单位中移除。`,
      field: 'cooperatingDepartments',
    });
  }
  return [
    {
      type: 'OrderAssigned',
      data: {
        leadDepartment: command.leadDepartment,
        responsiblePerson: command.responsiblePerson ?? null,
        cooperatingDepartments: [...command.cooperatingDepartments],
        acceptanceDepartment: command.acceptanceDepartment,
        occurredAt: at(ctx),
      },
    },
  ];
};

const startRectification: Handler<StartRectification> = (command, state, ctx) => {
  requireOrderStatus(state, command, ['ASSIGNED', 'REOPENED']);
  return [
    {
      type: 'RectificationStarted',
      data: { startedOn: today(ctx), afterReopening: state.status === 'REOPENED', occurredAt: at(ctx) },
    },
  ];
};

const reportProgress: Handler<ReportOrderProgress> = (command, state, ctx) => {
  requireOrderStatus(state, command, ['IN_PROGRESS']);
  requireText(command.reportId, 'reportId', '报告编号');
  if (state.progressReports.some((r) => r.reportId === command.reportId)) {
    throw new RuleViolation({
      code: 'REPORT_ALREADY_RECORDED',
      titleEn: 'A report with this id was already recorded',
      detail: '该进展报告已经报送；报告不可修改，如需更正请报送一份新的报告。',
      rule: `${RULE}: evidence and reports are append-only`,
    });
  }
  requireText(command.summary, 'summary', '进展情况');
  if (command.percentComplete !== null) requirePercent(command.percentComplete, 'percentComplete', '完成百分比');
  return [
    {
      type: 'OrderProgressReported',
      data: {
        reportId: command.reportId,
        summary: command.summary,
        percentComplete: command.percentComplete,
        reportedOn: today(ctx),
        reportedBy: ctx.actor.userId,
        reportedByDepartment: ctx.actor.department,
        occurredAt: at(ctx),
      },
    },
  ];
};

const completeMeasure: Handler<CompleteMeasure> = (command, state, ctx) => {
  requireOrderStatus(state, command, ['IN_PROGRESS']);
  const measure = findMeasure(state, command.measureId);
  if (measure.status === 'DONE') {
    throw new RuleViolation({
      code: 'MEASURE_ALREADY_COMPLETED',
      titleEn: 'The measure is already completed',
      detail: `整改措施"${measure.description}"已于 ${measure.completedOn} 完成，无需重复确认。`,
      rule: `${RULE}: a completed measure is final`,
    });
  }
  requireDate(command.completedOn, 'completedOn', '完成日期');
  requireNotFuture(command.completedOn, today(ctx), 'completedOn', '完成日期');
  return [
    {
      type: 'MeasureCompleted',
      data: {
        measureId: measure.measureId,
        completedOn: command.completedOn,
        dueDate: measure.dueDate,
        late: command.completedOn > measure.dueDate,
        note: command.note ?? null,
        occurredAt: at(ctx),
      },
    },
  ];
};

const attachEvidence: Handler<AttachEvidence> = (command, state, ctx) => {
  requireOrderStatus(state, command, OPEN_STATUSES);
  requireText(command.evidenceId, 'evidenceId', '材料编号');
  if (state.evidence.some((e) => e.evidenceId === command.evidenceId)) {
    throw new RuleViolation({
      code: 'EVIDENCE_ALREADY_ATTACHED',
      titleEn: 'Evidence with this id is already attached',
      detail: '该佐证材料已经上传；材料不可替换，如需补充请另行上传。',
      rule: `${RULE}: evidence and reports are append-only`,
    });
  }
  requireText(command.title, 'title', '材料名称');
  if (command.measureId !== null) findMeasure(state, command.measureId);
  return [
    {
      type: 'EvidenceAttached',
      data: {
        evidenceId: command.evidenceId,
        title: command.title,
        uri: command.uri ?? null,
        measureId: command.measureId,
        lastingMechanism: command.lastingMechanism === true,
        attachedBy: ctx.actor.userId,
        attachedByDepartment: ctx.actor.department,
        occurredAt: at(ctx),
      },
    },
  ];
};

function requireExtendableDeadline(state: State, now: CalendarDate): CalendarDate {
  if (state.currentDeadline === null) {
    throw new RuleViolation({
      code: 'NO_DEADLINE_TO_EXTEND',
      titleEn: 'Ongoing orders have no deadline to extend',
      detail: '"长期坚持"类任务没有整改时限，无需申请延期；请按期报送定期进展。',
      rule: `${RULE}: ongoing orders have no single end date`,
    });
  }
  if (now > state.currentDeadline) {
    throw new RuleViolation({
      code: 'EXTENSION_REQUESTED_AFTER_DEADLINE',
      titleEn: 'An extension must be requested before the current deadline',
      detail: `整改时限（${state.currentDeadline}）已过，不能再申请延期；请尽快完成整改，逾期情况将按规定预警督办。`,
      rule: `${RULE}: an extension is requested before the current deadline`,
    });
  }
  return state.currentDeadline;
}

const requestExtension: Handler<RequestExtension> = (command, state, ctx) => {
  requireOrderStatus(state, command, ['ASSIGNED', 'IN_PROGRESS', 'REOPENED']);
  const currentDeadline = requireExtendableDeadline(state, today(ctx));
  const pending = pendingExtension(state);
  if (pending) {
    throw new RuleViolation({
      code: 'EXTENSION_ALREADY_PENDING',
      titleEn: 'Another extension request is awaiting a decision',
      detail: `已有一项延期申请（申请延至 ${pending.requestedDeadline}）待领导小组审批，请等待审批结果后再申请。`,
      rule: `${RULE}: one pending extension at a time`,
    });
  }
  requireText(command.requestId, 'requestId', '申请编号');
  if (state.extensions.some((x) => x.requestId === command.requestId)) {
    throw new RuleViolation({
      code: 'EXTENSION_ALREADY_REQUESTED',
      titleEn: 'An extension request with this id already exists',
      detail: '该延期申请已经提交，请勿重复提交。',
      rule: `${RULE}: requests are append-only`,
    });
  }
  requireDate(command.requestedDeadline, 'requestedDeadline', '申请延期至');
  if (command.requestedDeadline <= currentDeadline) {
    throw new InvalidValue({
      code: 'EXTENSION_NOT_LATER_THAN_DEADLINE',
      titleEn: 'The requested deadline must be after the current deadline',
      detail: `申请延期后的时限（${command.requestedDeadline}）必须晚于现行整改时限（${currentDeadline}）。`,
      field: 'requestedDeadline',
    });
  }
  requireText(command.reason, 'reason', '延期理由');
  requireText(command.progressSoFar, 'progressSoFar', '目前整改进展');
  return [
    {
      type: 'ExtensionRequested',
      data: {
        requestId: command.requestId,
        currentDeadline,
        requestedDeadline: command.requestedDeadline,
        reason: command.reason,
        progressSoFar: command.progressSoFar,
        requestedOn: today(ctx),
        requestedBy: ctx.actor.userId,
        occurredAt: at(ctx),
      },
    },
  ];
};

function findPendingExtension(state: State, requestId: string): Extension {
  const request = state.extensions.find((x) => x.requestId === requestId);
  if (!request) {
    throw new NotFound({
      code: 'EXTENSION_REQUEST_NOT_FOUND',
      titleEn: `Extension request ${requestId} not found`,
      detail: `未找到编号为 ${requestId} 的延期申请，请核对编号。`,
    });
  }
  if (request.status !== 'PENDING') {
    throw new RuleViolation({
      code: 'EXTENSION_ALREADY_DECIDED',
      titleEn: 'The extension request has already been decided',
      detail: `该延期申请已${request.status === 'APPROVED' ? '批准' : '驳回'}，不能重复审批。`,
      rule: `${RULE}: an extension is decided once, by leadership`,
    });
  }
  return request;
}

const approveExtension: Handler<ApproveExtension> = (command, state, ctx) => {
  requireOrderStatus(state, command, OPEN_STATUSES);
  const request = findPendingExtension(state, command.requestId);
  return [
    {
      type: 'ExtensionApproved',
      data: {
        requestId: request.requestId,
        previousDeadline: state.currentDeadline ?? request.currentDeadline,
        newDeadline: request.requestedDeadline,
        note: command.note ?? null,
        decidedBy: ctx.actor.userId,
        occurredAt: at(ctx),
      },
    },
  ];
};

const rejectExtension: Handler<RejectExtension> = (command, state, ctx) => {
  requireOrderStatus(state, command, OPEN_STATUSES);
  const request = findPendingExtension(state, command.requestId);
  requireText(command.reason, 'reason', '驳回理由');
  return [
    {
      type: 'ExtensionRejected',
      data: { requestId: request.requestId, reason: command.reason, decidedBy: ctx.actor.userId, occurredAt: at(ctx) },
    },
  ];
};

function requireMeasuresDone(state: State): void {
  const open = state.measures.filter((m) => m.status !== 'DONE');
  if (open.length > 0) {
    throw new RuleViolation({
      code: 'MEASURES_OUTSTANDING',
      titleEn: 'Not every measure is done',
      detail: `以下整改措施尚未完成：${open.map((m) => `"${m.description}"（时限 ${m.dueDate}）`).join('、')}，请全部完成后再办理。`,
      rule: `${RULE}: no closing without every measure done`,
    });
  }
}

const requestAcceptance: Handler<RequestAcceptance> = (command, state, ctx) => {
  requireOrderStatus(state, command, ['IN_PROGRESS']);
  requireMeasuresDone(state);
  if (state.petition) requireFindingReported(state.petition);
  return [
    {
      type: 'AcceptanceRequested',
      data: { requestedOn: today(ctx), note: command.note ?? null, requestedBy: ctx.actor.userId, occurredAt: at(ctx) },
    },
  ];
};

function requireNewAcceptanceRecord(state: State, recordId: string): void {
  requireText(recordId, 'recordId', '验收记录编号');
  if (state.acceptanceChecks.some((c) => c.recordId === recordId)) {
    throw new RuleViolation({
      code: 'ACCEPTANCE_RECORD_ALREADY_EXISTS',
      titleEn: 'An acceptance record with this id already exists',
      detail: '该验收记录已经录入，请勿重复录入。',
      rule: `${RULE}: acceptance records are append-only`,
    });
  }
}

const recordAcceptancePassed: Handler<RecordAcceptancePassed> = (command, state, ctx) => {
  requireOrderStatus(state, command, ['ACCEPTANCE_REQUESTED']);
  requireNewAcceptanceRecord(state, command.recordId);
  requireDate(command.checkedOn, 'checkedOn', '验收日期');
  requireNotFuture(command.checkedOn, today(ctx), 'checkedOn', '验收日期');
  requireText(command.documentRef, 'documentRef', '验收文件编号');
  requireText(command.summary, 'summary', '验收意见');
  return [
    {
      type: 'AcceptancePassed',
      data: {
        recordId: command.recordId,
        checkedOn: command.checkedOn,
        acceptanceDepartment: state.acceptanceDepartment ?? '',
        summary: command.summary,
        documentRef: command.documentRef,
        recordedBy: ctx.actor.userId,
        occurredAt: at(ctx),
      },
    },
  ];
};

const recordAcceptanceFailed: Handler<RecordAcceptanceFailed> = (command, state, ctx) => {
  requireOrderStatus(state, command, ['ACCEPTANCE_REQUESTED']);
  requireNewAcceptanceRecord(state, command.recordId);
  requireDate(command.checkedOn, 'checkedOn', '验收日期');
  requireNotFuture(command.checkedOn, today(ctx), 'checkedOn', '验收日期');
  const reasons = Array.isArray(command.reasons) ? command.reasons.filter((r) => typeof r === 'string' && r.trim() !== '') : [];
  if (reasons.length === 0) {
    throw new InvalidValue({
      code: 'ACCEPTANCE_FAILURE_REASONS_REQUIRED',
      titleEn: 'A failed acceptance needs its reasons',
      detail: '验收不通过时，请逐条写明不通过的原因，以便责任单位继续整改。',
      field: 'reasons',
    });
  }
  return [
    {
      type: 'AcceptanceFailed',
      data: {
        recordId: command.recordId,
        checkedOn: command.checkedOn,
        acceptanceDepartment: state.acceptanceDepartment ?? '',
        reasons,
        recordedBy: ctx.actor.userId,
        occurredAt: at(ctx),
      },
    },
  ];
};

const publishClosingNotice: Handler<PublishClosingNotice> = (command, state, ctx) => {
  requireOrderStatus(state, command, ['ACCEPTED']);
  requireText(command.noticeId, 'noticeId', '公示编号');
  if (state.publicNotices.some((n) => n.noticeId === command.noticeId)) {
    throw new RuleViolation({
      code: 'NOTICE_ALREADY_PUBLISHED',
      titleEn: 'A notice with this id was already published',
      detail: '该公示已经发布，请使用新的公示编号。',
      rule: `${RULE}: notices are append-only`,
    });
  }
  const publishedOn = today(ctx);
  const workingDays = ctx.config.publicNoticeWorkingDays;
  return [
    {
      type: 'PublicNoticePublished',
      data: {
        noticeId: command.noticeId,
        publishedOn,
        endsOn: addWorkingDays(publishedOn, workingDays),
        workingDays,
        occurredAt: at(ctx),
      },
    },
  ];
};

const recordObjection: Handler<RecordObjection> = (command, state, ctx) => {
  requireOrderStatus(state, command, ['IN_PUBLIC_NOTICE']);
  const notice = state.publicNotice;
  requireText(command.objectionId, 'objectionId', '异议编号');
  if (state.objections.some((o) => o.objectionId === command.objectionId)) {
    throw new RuleViolation({
      code: 'OBJECTION_ALREADY_RECORDED',
      titleEn: 'An objection with this id was already recorded',
      detail: '该异议已经登记，请勿重复登记。',
      rule: `${RULE}: objections are append-only`,
    });
  }
  requireText(command.summary, 'summary', '异议内容');
  requireDate(command.receivedOn, 'receivedOn', '收到日期');
  requireNotFuture(command.receivedOn, today(ctx), 'receivedOn', '收到日期');
  if (notice && command.receivedOn < notice.publishedOn) {
    throw new InvalidValue({
      code: 'OBJECTION_BEFORE_NOTICE',
      titleEn: 'The objection was received before the notice was published',
      detail: `异议收到日期（${command.receivedOn}）早于公示发布日期（${notice.publishedOn}），请核对。`,
      field: 'receivedOn',
    });
  }
  return [
    {
      type: 'ObjectionRecorded',
      data: {
        objectionId: command.objectionId,
        noticeId: notice?.noticeId ?? '',
        summary: command.summary,
        receivedOn: command.receivedOn,
        occurredAt: at(ctx),
      },
    },
  ];
};

const settleObjection: Handler<SettleObjection> = (command, state, ctx) => {
  requireOrderStatus(state, command, OPEN_STATUSES);
  const objection = state.objections.find((o) => o.objectionId === command.objectionId);
  if (!objection) {
    throw new NotFound({
      code: 'OBJECTION_NOT_FOUND',
      titleEn: `Objection ${command.objectionId} not found`,
      detail: `未找到编号为 ${command.objectionId} 的公示异议，请核对编号。`,
    });
  }
  if (objection.status !== 'OPEN') {
    throw new RuleViolation({
      code: 'OBJECTION_ALREADY_SETTLED',
      titleEn: 'The objection has already been settled',
      detail: `该异议已处理（${objection.status === 'UPHELD' ? '成立' : '不成立'}），不能重复处理。`,
      rule: `${RULE}: an objection is settled once`,
    });
  }
  requireOneOf(command.outcome, ['UPHELD', 'DISMISSED'], 'outcome', '处理结论');
  requireText(command.resolution, 'resolution', '处理意见');
  return [
    {
      type: 'ObjectionSettled',
      data: {
        objectionId: objection.objectionId,
        outcome: command.outcome,
        resolution: command.resolution,
        returnsToRectification: command.outcome === 'UPHELD' && state.status === 'IN_PUBLIC_NOTICE',
        decidedBy: ctx.actor.userId,
        occurredAt: at(ctx),
      },
    },
  ];
};

function requireClosable(state: State, command: CloseOrder, ctx: CommandContext): string {
  if (state.status === 'CLOSED') requireOrderStatus(state, command, ['IN_PUBLIC_NOTICE']);
  if (state.validAcceptanceRecordId === null) {
    throw new RuleViolation({
      code: 'ACCEPTANCE_RECORD_REQUIRED',
      titleEn: 'Closing needs a passed acceptance from the acceptance department',
      detail: `该任务尚无${state.acceptanceDepartment ?? '验收单位'}出具的验收通过记录，不能销号；请先申请验收。`,
      rule: `${RULE}: no closing without an acceptance record from the acceptance department`,
    });
  }
  if (state.status === 'ACCEPTED' || state.publicNotice === null) {
    throw new RuleViolation({
      code: 'PUBLIC_NOTICE_REQUIRED',
      titleEn: 'Closing needs a finished public notice',
      detail: '验收通过后须先发布拟销号公示，公示期满且无异议后方可销号。',
      rule: `${RULE}: no closing without a finished public-notice period`,
    });
  }
  requireOrderStatus(state, command, ['IN_PUBLIC_NOTICE']);
  requireMeasuresDone(state);
  if (ctx.now < endOfShanghaiDay(state.publicNotice.endsOn)) {
    throw new RuleViolation({
      code: 'PUBLIC_NOTICE_NOT_FINISHED',
      titleEn: 'The public-notice period has not finished',
      detail: `拟销号公示期至 ${state.publicNotice.endsOn} 24 时结束，公示期满后方可销号。`,
      rule: `${RULE}: no closing without a finished public-notice period`,
    });
  }
  const open = openObjections(state);
  if (open.length > 0) {
    throw new RuleViolation({
      code: 'OPEN_OBJECTION',
      titleEn: 'An objection to the notice is still open',
      detail: `公示期间收到的 ${open.length} 条异议尚未处理完毕，处理后方可销号。`,
      rule: `${RULE}: no closing with an open objection`,
    });
  }
  if (state.deadlineKind === 'ONGOING' && !state.evidence.some((e) => e.lastingMechanism)) {
    throw new RuleViolation({
      code: 'LASTING_MECHANISM_EVIDENCE_REQUIRED',
      titleEn: 'Closing an ongoing order needs evidence of a lasting mechanism',
      detail: '"长期坚持"类任务销号前，须上传已建立长效机制的佐证材料（如制度文件、常态化监管方案）。',
      rule: `${RULE}: closing an ongoing order needs evidence of a lasting mechanism`,
    });
  }
  if (state.petition) requireSecondCheckIfUntrue(state.petition);
  return state.validAcceptanceRecordId;
}

function requireSecondCheckIfUntrue(petition: PetitionCase): void {
  const finding = requireFindingReported(petition);
  if (finding === 'UNTRUE' && petition.secondCheck === null) {
    throw new RuleViolation({
      code: 'SECOND_CHECK_REQUIRED',
      titleEn: 'An untrue finding needs a second check before closing',
      detail: '该信访件核实结论为"不属实"，须经复核后方可办结销号。',
      rule: `${RULE}: a 不属实 finding needs a second check before closing`,
    });
  }
}

const close: Handler<CloseOrder> = (command, state, ctx) => {
  const acceptanceRecordId = requireClosable(state, command, ctx);
  return [{ type: 'OrderClosed', data: { closedOn: today(ctx), acceptanceRecordId, occurredAt: at(ctx) } }];
};

const reopen: Handler<ReopenOrder> = (command, state, ctx) => {
  requireOrderStatus(state, command, ['CLOSED']);
  requireText(command.reason, 'reason', '重新打开原因');
  const newDeadline = command.newDeadline ?? null;
  if (state.deadlineKind === 'ONGOING') {
    requireDeadlineFits('ONGOING', newDeadline, today(ctx));
  } else if (newDeadline !== null) {
    requireDate(newDeadline, 'newDeadline', '新的整改时限');
    if (newDeadline < today(ctx)) {
      throw new InvalidValue({
        code: 'DEADLINE_IN_PAST',
        titleEn: 'The new deadline is in the past',
        detail: `新的整改时限（${newDeadline}）不能早于今天（${today(ctx)}）。`,
        field: 'newDeadline',
      });
    }
  }
  return [{ type: 'OrderReopened', data: { reason: command.reason, newDeadline, decidedBy: ctx.actor.userId, occurredAt: at(ctx) } }];
};

const reportPetitionFinding: Handler<ReportPetitionFinding> = (command, state, ctx) => {
  const petition = requirePetition(state);
  requireOrderStatus(state, command, ['ASSIGNED', 'IN_PROGRESS']);
  if (petition.finding !== null) {
    throw new RuleViolation({
      code: 'PETITION_FINDING_ALREADY_REPORTED',
      titleEn: 'The investigation finding has already been reported',
      detail: `该信访件已于 ${petition.findingReportedOn} 报送核实结论（${petitionFindingLabels[petition.finding]}）；如结论有误，请通过复核更正。`,
      rule: `${RULE}: reports are append-only`,
    });
  }
  requireOneOf(command.finding, PETITION_FINDINGS, 'finding', '核实结论');
  requireText(command.summary, 'summary', '调查核实情况');
  const reportedOn = today(ctx);
  return [
    {
      type: 'PetitionFindingReported',
      data: {
        finding: command.finding,
        summary: command.summary,
        reportedOn,
        dueOn: petition.reportDueOn,
        late: reportedOn > petition.reportDueOn,
        occurredAt: at(ctx),
      },
    },
  ];
};

const recordSecondCheck: Handler<RecordSecondCheck> = (command, state, ctx) => {
  const petition = requirePetition(state);
  requireOrderStatus(state, command, OPEN_STATUSES);
  const finding = requireFindingReported(petition);
  if (petition.secondCheck !== null) {
    throw new RuleViolation({
      code: 'SECOND_CHECK_ALREADY_RECORDED',
      titleEn: 'The second check has already been recorded',
      detail: `该信访件已于 ${petition.secondCheck.checkedOn} 完成复核，不能重复录入。`,
      rule: `${RULE}: a 不属实 finding needs one second check`,
    });
  }
  if (finding !== 'UNTRUE') {
    throw new RuleViolation({
      code: 'SECOND_CHECK_NOT_REQUIRED',
      titleEn: 'Only an untrue finding is second-checked',
      detail: `该信访件核实结论为"${petitionFindingLabels[finding]}"，无需复核；只有"不属实"的结论需要复核。`,
      rule: `${RULE}: a 不属实 finding needs a second check before closing`,
    });
  }
  requireDate(command.checkedOn, 'checkedOn', '复核日期');
  requireNotFuture(command.checkedOn, today(ctx), 'checkedOn', '复核日期');
  requireOneOf(command.outcome, ['CONFIRMED', 'REVISED'], 'outcome', '复核结论');
  const revisedFinding = command.outcome === 'REVISED' ? command.revisedFinding : null;
  if (command.outcome === 'REVISED') {
    requireOneOf(
      revisedFinding,
      PETITION_FINDINGS.filter((f) => f !== 'UNTRUE'),
      'revisedFinding',
      '复核后结论',
    );
  }
  requireText(command.summary, 'summary', '复核情况');
  return [
    {
      type: 'PetitionSecondCheckRecorded',
      data: {
        checkedOn: command.checkedOn,
        outcome: command.outcome,
        originalFinding: finding,
        revisedFinding,
        summary: command.summary,
        occurredAt: at(ctx),
      },
    },
  ];
};

const concludeInStages: Handler<ConcludeInStages> = (command, state, ctx) => {
  const petition = requirePetition(state);
  requireOrderStatus(state, command, OPEN_STATUSES);
  requireFindingReported(petition);
  if (petition.stagedConclusion !== null) {
    throw new RuleViolation({
      code: 'ALREADY_CONCLUDED_IN_STAGES',
      titleEn: 'The case has already been concluded in stages',
      detail: `该信访件已于 ${petition.stagedConclusion.concludedOn} 阶段性办结。`,
      rule: `${RULE}: concluded in stages once`,
    });
  }
  requireText(command.linkedOrderId, 'linkedOrderId', '关联整改任务');
  if (command.linkedOrderId === state.orderId) {
    throw new InvalidValue({
      code: 'LINKED_ORDER_IS_SELF',
      titleEn: 'A case cannot be linked to itself',
      detail: '阶段性办结须关联另一项有整改时限的整改任务，不能关联本信访件自身。',
      field: 'linkedOrderId',
    });
  }
  if (command.linkedOrderDeadline == null) {
    throw new RuleViolation({
      code: 'LINKED_ORDER_WITHOUT_DEADLINE',
      titleEn: 'Concluding in stages needs a linked order with a deadline',
      detail: '关联的整改任务没有整改时限（如"长期坚持"类），不能据此阶段性办结；请关联一项有明确整改时限的任务。',
      rule: `${RULE}: concluded in stages only when linked to an order with a deadline`,
    });
  }
  requireDate(command.linkedOrderDeadline, 'linkedOrderDeadline', '关联任务整改时限');
  requireText(command.summary, 'summary', '阶段性办结情况');
  return [
    {
      type: 'PetitionConcludedInStages',
      data: {
        linkedOrderId: command.linkedOrderId,
        linkedOrderDeadline: command.linkedOrderDeadline,
        summary: command.summary,
        concludedOn: today(ctx),
        occurredAt: at(ctx),
      },
    },
  ];
};

const recordFollowUpVisit: Handler<RecordFollowUpVisit> = (command, state, ctx) => {
  const petition = requirePetition(state);
  requireOrderStatus(state, command, [...OPEN_STATUSES, 'CLOSED']);
  requireFindingReported(petition);
  requireText(command.visitId, 'visitId', '回访编号');
  if (petition.followUpVisits.some((v) => v.visitId === command.visitId)) {
    throw new RuleViolation({
      code: 'VISIT_ALREADY_RECORDED',
      titleEn: 'A follow-up visit with this id was already recorded',
      detail: '该回访记录已经登记，请勿重复登记。',
      rule: `${RULE}: follow-up visits are recorded append-only`,
    });
  }
  requireDate(command.visitedOn, 'visitedOn', '回访日期');
  requireNotFuture(command.visitedOn, today(ctx), 'visitedOn', '回访日期');
  if (command.visitedOn < petition.forwardedOn) {
    throw new InvalidValue({
      code: 'VISIT_BEFORE_FORWARDING',
      titleEn: 'The visit is dated before the case was forwarded',
      detail: `回访日期（${command.visitedOn}）不能早于信访件转办日期（${petition.forwardedOn}）。`,
      field: 'visitedOn',
    });
  }
  requireText(command.summary, 'summary', '回访情况');
  return [
    {
      type: 'FollowUpVisitRecorded',
      data: {
        visitId: command.visitId,
        visitedOn: command.visitedOn,
        summary: command.summary,
        satisfied: command.satisfied ?? null,
        occurredAt: at(ctx),
      },
    },
  ];
};

const submitPeriodicReport: Handler<SubmitPeriodicReport> = (command, state, ctx) => {
  if (state.deadlineKind !== 'ONGOING' || state.periodicReportDueOn === null) {
    throw new RuleViolation({
      code: 'NOT_AN_ONGOING_ORDER',
      titleEn: 'Only ongoing orders owe periodic reports',
      detail: '只有"长期坚持"类任务需要报送定期进展；有整改时限的任务请使用"报送整改进展"。',
      rule: `${RULE}: ongoing orders owe a periodic report`,
    });
  }
  requireOrderStatus(state, command, OPEN_STATUSES);
  requireText(command.reportId, 'reportId', '报告编号');
  if (state.periodicReports.some((r) => r.reportId === command.reportId)) {
    throw new RuleViolation({
      code: 'REPORT_ALREADY_RECORDED',
      titleEn: 'A report with this id was already recorded',
      detail: '该定期报告已经报送；报告不可修改，如需更正请报送一份新的报告。',
      rule: `${RULE}: evidence and reports are append-only`,
    });
  }
  requireText(command.summary, 'summary', '定期进展情况');
  const reportedOn = today(ctx);
  const dueOn = state.periodicReportDueOn;
  return [
    {
      type: 'PeriodicReportSubmitted',
      data: {
        reportId: command.reportId,
        summary: command.summary,
        reportedOn,
        dueOn,
        late: reportedOn > dueOn,
        nextDueOn: addMonths(reportedOn, ctx.config.ongoingReportIntervalMonths),
        occurredAt: at(ctx),
      },
    },
  ];
};

const handlers: { [K in RectificationOrderCommandType]: Handler<Extract<RectificationOrderCommand, { type: K }>> } = {
  IssueOrder: issue,
  AssignOrder: assign,
  StartRectification: startRectification,
  ReportOrderProgress: reportProgress,
  CompleteMeasure: completeMeasure,
  AttachEvidence: attachEvidence,
  RequestExtension: requestExtension,
  ApproveExtension: approveExtension,
  RejectExtension: rejectExtension,
  RequestAcceptance: requestAcceptance,
  RecordAcceptancePassed: recordAcceptancePassed,
  RecordAcceptanceFailed: recordAcceptanceFailed,
  PublishClosingNotice: publishClosingNotice,
  RecordObjection: recordObjection,
  SettleObjection: settleObjection,
  CloseOrder: close,
  ReopenOrder: reopen,
  ReportPetitionFinding: reportPetitionFinding,
  RecordSecondCheck: recordSecondCheck,
  ConcludeInStages: concludeInStages,
  RecordFollowUpVisit: recordFollowUpVisit,
  SubmitPeriodicReport: submitPeriodicReport,
};

/** Order of refusal: unknown stream (404), then permission (403), then state and rules (409/422). */
function decideRectificationOrder(command: RectificationOrderCommand, state: State, ctx: CommandContext): Event[] {
  if (command.type !== 'IssueOrder' && state.status === null) {
    throw new StreamNotFound('整改任务', 'Rectification order');
  }
  authorizeOrderCommand(command, state, ctx.actor);
  const handler = handlers[command.type] as Handler<RectificationOrderCommand>;
  return handler(command, state, ctx);
}

export const rectificationOrderDecider: Decider<State, RectificationOrderCommand, Event> = {
  initialState: initialRectificationOrderState,
  decide: decideRectificationOrder,
  evolve: evolveRectificationOrder,
};

import type { CalendarDate } from '../shared/dates';
import { InvalidValue, NotFound, RuleViolation } from '../shared/errors';
import { petitionFindingLabels, type PetitionFinding } from './rectification-order.commands';
import type { Extension, Measure, Objection, PetitionCase, RectificationPlan } from './rectification-order.state';

/**
 * Every refusal of the rectification-order decider, one factory each. `rule` names the rule of
 * docs/domain.md (ORD-…) that the refusal enforces.
 */

// Lifecycle

export const orderAlreadyIssued = (code: string) =>
  new RuleViolation({
    code: 'ORDER_ALREADY_ISSUED',
    titleEn: 'The order has already been issued',
    detail: `整改任务 ${code} 已经下达，不能重复下达。`,
    rule: 'ORD-ISSUE-1',
  });

export const deadlineNotAllowedForOngoing = () =>
  new InvalidValue({
    code: 'DEADLINE_NOT_ALLOWED_FOR_ONGOING',
    titleEn: 'Ongoing orders have no deadline',
    detail: '“长期坚持”类任务没有整改时限，改为定期报送进展；请将整改时限留空。',
    field: 'deadline',
    rule: 'ORD-ISSUE-2',
  });

export const deadlineRequired = () =>
  new InvalidValue({
    code: 'DEADLINE_REQUIRED',
    titleEn: 'Immediate and by-date orders need a deadline',
    detail: '“立行立改”和“限期整改”类任务必须填写整改时限。',
    field: 'deadline',
    rule: 'ORD-ISSUE-2',
  });

export const deadlineBeforeIssueDate = (deadline: CalendarDate, issuedOn: CalendarDate) =>
  new InvalidValue({
    code: 'DEADLINE_BEFORE_ISSUE_DATE',
    titleEn: 'The deadline is before the issue date',
    detail: `整改时限（${deadline}）不能早于下达日期（${issuedOn}）。`,
    field: 'deadline',
    rule: 'ORD-ISSUE-2',
  });

export const duplicateMeasureIds = () =>
  new InvalidValue({
    code: 'DUPLICATE_ID',
    titleEn: 'measures.measureId contains duplicate ids',
    detail: '“整改措施编号”中存在重复编号，请为每一项措施使用不同的编号。',
    field: 'measures.measureId',
    rule: 'ORD-ISSUE-3',
  });

export const measureDueDateOutOfRange = (measure: { description: string; dueDate: CalendarDate }, issuedOn: CalendarDate) =>
  new InvalidValue({
    code: 'MEASURE_DUE_DATE_OUT_OF_RANGE',
    titleEn: 'A measure is due before the issue date or after the order deadline',
    detail: `整改措施“${measure.description}”的完成时限（${measure.dueDate}）应在下达日期（${issuedOn}）与整改时限之间。`,
    field: 'measures.dueDate',
    rule: 'ORD-ISSUE-3',
  });

export const petitionDetailsMismatch = (isPetition: boolean) =>
  new InvalidValue({
    code: isPetition ? 'PETITION_DETAILS_REQUIRED' : 'PETITION_DETAILS_NOT_APPLICABLE',
    titleEn: isPetition ? 'Petition cases need the forwarding date' : 'Only petition cases carry petition details',
    detail: isPetition ? '信访件须填写转办日期。' : '只有来源为“督察转办信访件”的任务才填写信访件信息。',
    field: 'petition',
    rule: 'ORD-ISSUE-4',
  });

export const leadDepartmentListedAsCooperating = (leadName: string) =>
  new InvalidValue({
    code: 'LEAD_DEPARTMENT_LISTED_AS_COOPERATING',
    titleEn: 'The lead department is also listed as cooperating',
    detail: `“${leadName}”已是牵头单位，请从配合单位中移除。`,
    field: 'cooperatingDepartments',
    rule: 'ORD-ASSIGN-1',
  });

export const acceptanceDepartmentRequired = () =>
  new InvalidValue({
    code: 'ACCEPTANCE_DEPARTMENT_REQUIRED',
    titleEn: 'Name the acceptance department, or give the order a sector',
    detail: '该任务未标明问题所属领域，无法按“谁主管谁验收”确定验收单位；请填写验收单位。',
    field: 'acceptanceDepartment',
    rule: 'ORD-ASSIGN-2',
  });

export const measuresUnchanged = () =>
  new InvalidValue({
    code: 'MEASURES_UNCHANGED',
    titleEn: 'The revision changes no measure',
    detail: '修改后的整改措施与现有措施完全相同，无需提交。',
    rule: 'ORD-ISSUE-5',
  });

export const nothingToReassign = () =>
  new InvalidValue({
    code: 'NOTHING_TO_REASSIGN',
    titleEn: 'The reassignment changes nothing',
    detail: '重新交办的牵头单位、配合单位、验收单位、责任人和责任领导与现有交办完全相同，无需重新交办。',
    rule: 'ORD-REASSIGN-1',
  });

export const backfillAssignmentRequired = (statusZh: string) =>
  new InvalidValue({
    code: 'BACKFILL_ASSIGNMENT_REQUIRED',
    titleEn: 'A backfilled order that is assigned or in progress needs its assignment',
    detail: `补录状态为“${statusZh}”的任务须填写牵头单位（及验收单位或问题领域）。`,
    field: 'assignment',
    rule: 'ORD-BACKFILL-1',
  });

export const backfillAssignmentNotAllowed = () =>
  new InvalidValue({
    code: 'BACKFILL_ASSIGNMENT_NOT_ALLOWED',
    titleEn: 'A backfilled order in status ISSUED has no assignment',
    detail: '补录状态为“已下达”的任务尚未交办，请不要填写牵头单位；或将状态改为“已交办”。',
    field: 'assignment',
    rule: 'ORD-BACKFILL-1',
  });

export const startedBeforeIssue = (startedOn: CalendarDate, issuedOn: CalendarDate) =>
  new InvalidValue({
    code: 'STARTED_BEFORE_ISSUE',
    titleEn: 'The rectification cannot start before the order was issued',
    detail: `开始整改日期（${startedOn}）不能早于下达日期（${issuedOn}）。`,
    field: 'startedOn',
    rule: 'ORD-BACKFILL-1',
  });

export const reportAlreadyRecorded = (what: '进展报告' | '定期报告') =>
  new RuleViolation({
    code: 'REPORT_ALREADY_RECORDED',
    titleEn: 'A report with this id was already recorded',
    detail: `该${what}已经报送；报告不可修改，如需更正请报送一份新的报告。`,
    rule: 'ORD-RECORD-1',
  });

export const measureNotFound = (measureId: string) =>
  new NotFound({
    code: 'MEASURE_NOT_FOUND',
    titleEn: `Measure ${measureId} not found`,
    detail: `该整改任务没有编号为 ${measureId} 的整改措施，请核对编号。`,
  });

export const measureAlreadyCompleted = (measure: Measure) =>
  new RuleViolation({
    code: 'MEASURE_ALREADY_COMPLETED',
    titleEn: 'The measure is already completed',
    detail: `整改措施“${measure.description}”已于 ${measure.completedOn} 完成，无需重复确认。`,
    rule: 'ORD-MEASURE-1',
  });

export const noOpenMeasure = () =>
  new RuleViolation({
    code: 'NO_OPEN_MEASURE',
    titleEn: 'Every measure is already completed',
    detail: '该任务的整改措施已全部完成，没有待确认完成的措施。',
    rule: 'ORD-MEASURE-1',
  });

export const evidenceAlreadyAttached = () =>
  new RuleViolation({
    code: 'EVIDENCE_ALREADY_ATTACHED',
    titleEn: 'Evidence with this id is already attached',
    detail: '该佐证材料已经上传；材料不可替换，如需补充请另行上传。',
    rule: 'ORD-RECORD-1',
  });

// Rectification plans (整改方案)

export const planAlreadySubmitted = (pending: RectificationPlan) =>
  new RuleViolation({
    code: 'PLAN_ALREADY_SUBMITTED',
    titleEn: 'A plan is already awaiting review',
    detail: `整改方案第 ${pending.version} 版已于 ${pending.submittedOn} 报送，正待整改办审核；审核后再报送新的方案。`,
    rule: 'ORD-PLAN-1',
  });

export const planAlreadyExists = () =>
  new RuleViolation({
    code: 'PLAN_ALREADY_EXISTS',
    titleEn: 'A plan with this id was already submitted',
    detail: '该整改方案已经报送；修改方案请报送新的版本。',
    rule: 'ORD-RECORD-1',
  });

export const planMeasuresRequired = () =>
  new InvalidValue({
    code: 'PLAN_MEASURES_REQUIRED',
    titleEn: 'A plan lists at least one measure',
    detail: '整改方案须至少列明一项整改措施（含完成时限和责任人）。',
    field: 'measures',
    rule: 'ORD-PLAN-2',
  });

export const planDuplicateMeasureIds = () =>
  new InvalidValue({
    code: 'DUPLICATE_ID',
    titleEn: 'measures.measureId contains duplicate ids',
    detail: '整改方案的措施编号有重复，请为每一项措施使用不同的编号。',
    field: 'measures.measureId',
    rule: 'ORD-PLAN-2',
  });

export const planMeasureOutOfRange = (
  measure: { description: string; dueDate: CalendarDate },
  issuedOn: CalendarDate,
  deadline: CalendarDate | null,
) =>
  new InvalidValue({
    code: 'MEASURE_DUE_DATE_OUT_OF_RANGE',
    titleEn: 'A planned measure is due before the issue date or after the current deadline',
    detail: `整改措施“${measure.description}”的完成时限（${measure.dueDate}）应${deadline ? `在下达日期（${issuedOn}）与现行整改时限（${deadline}）之间` : `不早于下达日期（${issuedOn}）`}；如需调整整改时限，请先申请延期。`,
    field: 'measures.dueDate',
    rule: 'ORD-PLAN-2',
  });

export const completedMeasureChanged = (measure: Measure) =>
  new RuleViolation({
    code: 'COMPLETED_MEASURE_CHANGED',
    titleEn: 'A completed measure must stay in the plan unchanged',
    detail: `整改措施“${measure.description}”已于 ${measure.completedOn} 完成，新方案须原样保留该措施（编号 ${measure.measureId}、内容和时限不变）。`,
    rule: 'ORD-PLAN-3',
  });

export const noPendingPlan = () =>
  new RuleViolation({
    code: 'NO_PENDING_PLAN',
    titleEn: 'No plan is awaiting review',
    detail: '目前没有待审核的整改方案。',
    rule: 'ORD-PLAN-4',
  });

export const planNotFound = (planId: string) =>
  new NotFound({
    code: 'PLAN_NOT_FOUND',
    titleEn: `Plan ${planId} not found`,
    detail: `未找到编号为 ${planId} 的整改方案，请核对编号。`,
  });

export const planNotPending = (plan: RectificationPlan) =>
  new RuleViolation({
    code: 'PLAN_ALREADY_DECIDED',
    titleEn: 'The plan has already been reviewed',
    detail: `整改方案第 ${plan.version} 版已${plan.status === 'RETURNED' ? '退回' : '审核通过'}，不能重复审核。`,
    rule: 'ORD-PLAN-4',
  });

export const planAwaitingReview = (pending: RectificationPlan) =>
  new RuleViolation({
    code: 'PLAN_AWAITING_REVIEW',
    titleEn: 'Acceptance waits for the plan under review',
    detail: `整改方案第 ${pending.version} 版正待整改办审核，整改措施尚未确定；请待方案审核后再申请验收。`,
    rule: 'ORD-PLAN-5',
  });

export const provincialSignOffRequired = (sourceZh: string, what: '延期' | '调整整改方案中的完成时限') =>
  new RuleViolation({
    code: 'PROVINCIAL_SIGN_OFF_REQUIRED',
    titleEn: 'Central and provincial inspection orders need the provincial office’s sign-off',
    detail: `该任务来源于${sourceZh}，整改时限列入省级审定的整改方案，${what}须经省整改办审核同意或报备案；仅有市领导小组审批不能生效。请录入省级批复的文号、日期和审批机关后再批准。`,
    rule: 'ORD-PROV-1',
  });

// Extensions

export const noDeadlineToExtend = () =>
  new RuleViolation({
    code: 'NO_DEADLINE_TO_EXTEND',
    titleEn: 'Ongoing orders have no deadline to extend',
    detail: '“长期坚持”类任务没有整改时限，无需申请延期；请按期报送定期进展。',
    rule: 'ORD-EXT-1',
  });

export const extensionRequestedAfterDeadline = (deadline: CalendarDate) =>
  new RuleViolation({
    code: 'EXTENSION_REQUESTED_AFTER_DEADLINE',
    titleEn: 'An extension must be requested before the current deadline',
    detail: `整改时限（${deadline}）已过，不能再申请延期；请尽快完成整改，逾期情况将按规定预警督办。`,
    rule: 'ORD-EXT-2',
  });

export const extensionNotLaterThanDeadline = (requested: CalendarDate, current: CalendarDate) =>
  new InvalidValue({
    code: 'EXTENSION_NOT_LATER_THAN_DEADLINE',
    titleEn: 'The requested deadline must be after the current deadline',
    detail: `申请延期后的时限（${requested}）必须晚于现行整改时限（${current}）。`,
    field: 'requestedDeadline',
    rule: 'ORD-EXT-2',
  });

export const extensionAlreadyPending = (pending: Extension) =>
  new RuleViolation({
    code: 'EXTENSION_ALREADY_PENDING',
    titleEn: 'Another extension request is awaiting a decision',
    detail: `已有一项延期申请（申请延至 ${pending.requestedDeadline}）待领导小组审批，请等待审批结果后再申请。`,
    rule: 'ORD-EXT-3',
  });

export const extensionAlreadyRequested = () =>
  new RuleViolation({
    code: 'EXTENSION_ALREADY_REQUESTED',
    titleEn: 'An extension request with this id already exists',
    detail: '该延期申请已经提交，请勿重复提交。',
    rule: 'ORD-RECORD-1',
  });

export const extensionRequestNotFound = (requestId: string) =>
  new NotFound({
    code: 'EXTENSION_REQUEST_NOT_FOUND',
    titleEn: `Extension request ${requestId} not found`,
    detail: `未找到编号为 ${requestId} 的延期申请，请核对编号。`,
  });

export const extensionAlreadyDecided = (request: Extension) =>
  new RuleViolation({
    code: 'EXTENSION_ALREADY_DECIDED',
    titleEn: 'The extension request has already been decided',
    detail: `该延期申请已${request.status === 'APPROVED' ? '批准' : '驳回'}，不能重复审批。`,
    rule: 'ORD-EXT-4',
  });

export const noPendingExtension = () =>
  new RuleViolation({
    code: 'NO_PENDING_EXTENSION',
    titleEn: 'No extension request is awaiting a decision',
    detail: '目前没有待审批的延期申请。',
    rule: 'ORD-EXT-4',
  });

// Acceptance and closing

export const measuresOutstanding = (open: Measure[], rule: 'ORD-ACC-1' | 'ORD-CLOSE-4' | 'ORD-PET-6') =>
  new RuleViolation({
    code: 'MEASURES_OUTSTANDING',
    titleEn: 'Not every measure is done',
    detail: `以下整改措施尚未完成：${open.map((m) => `“${m.description}”（时限 ${m.dueDate}）`).join('、')}，请全部完成后再办理。`,
    rule,
  });

export const acceptanceRecordAlreadyExists = () =>
  new RuleViolation({
    code: 'ACCEPTANCE_RECORD_ALREADY_EXISTS',
    titleEn: 'An acceptance record with this id already exists',
    detail: '该验收记录已经录入，请勿重复录入。',
    rule: 'ORD-RECORD-1',
  });

export const noticeAlreadyPublished = () =>
  new RuleViolation({
    code: 'NOTICE_ALREADY_PUBLISHED',
    titleEn: 'A notice with this id was already published',
    detail: '该公示已经发布，请使用新的公示编号。',
    rule: 'ORD-RECORD-1',
  });

export const objectionAlreadyRecorded = () =>
  new RuleViolation({
    code: 'OBJECTION_ALREADY_RECORDED',
    titleEn: 'An objection with this id was already recorded',
    detail: '该异议已经登记，请勿重复登记。',
    rule: 'ORD-RECORD-1',
  });

export const objectionBeforeNotice = (receivedOn: CalendarDate, publishedOn: CalendarDate) =>
  new InvalidValue({
    code: 'OBJECTION_BEFORE_NOTICE',
    titleEn: 'The objection was received before the notice was published',
    detail: `异议收到日期（${receivedOn}）早于公示发布日期（${publishedOn}），请核对。`,
    field: 'receivedOn',
    rule: 'ORD-OBJ-1',
  });

export const objectionNotFound = (objectionId: string) =>
  new NotFound({
    code: 'OBJECTION_NOT_FOUND',
    titleEn: `Objection ${objectionId} not found`,
    detail: `未找到编号为 ${objectionId} 的公示异议，请核对编号。`,
  });

export const objectionAlreadySettled = (objection: Objection) =>
  new RuleViolation({
    code: 'OBJECTION_ALREADY_SETTLED',
    titleEn: 'The objection has already been settled',
    detail: `该异议已处理（${objection.status === 'UPHELD' ? '成立' : '不成立'}），不能重复处理。`,
    rule: 'ORD-OBJ-2',
  });

export const noOpenObjection = () =>
  new RuleViolation({
    code: 'NO_OPEN_OBJECTION',
    titleEn: 'No objection is awaiting a decision',
    detail: '目前没有待处理的公示异议。',
    rule: 'ORD-OBJ-2',
  });

export const acceptanceRecordRequired = (acceptanceDepartmentName: string | null) =>
  new RuleViolation({
    code: 'ACCEPTANCE_RECORD_REQUIRED',
    titleEn: 'Closing needs a passed acceptance from the acceptance department',
    detail: `该任务尚无${acceptanceDepartmentName ?? '验收单位'}出具的验收通过记录，不能销号；请先申请验收。`,
    rule: 'ORD-CLOSE-1',
  });

export const publicNoticeRequired = () =>
  new RuleViolation({
    code: 'PUBLIC_NOTICE_REQUIRED',
    titleEn: 'Closing needs a finished public notice',
    detail: '验收通过后须先发布拟销号公示，公示期满且无异议后方可销号。',
    rule: 'ORD-CLOSE-2',
  });

export const publicNoticeNotFinished = (endsOn: CalendarDate) =>
  new RuleViolation({
    code: 'PUBLIC_NOTICE_NOT_FINISHED',
    titleEn: 'The public-notice period has not finished',
    detail: `拟销号公示期至 ${endsOn} 24 时结束，公示期满后方可销号。`,
    rule: 'ORD-CLOSE-2',
  });

export const openObjection = (count: number) =>
  new RuleViolation({
    code: 'OPEN_OBJECTION',
    titleEn: 'An objection to the notice is still open',
    detail: `公示期间收到的 ${count} 条异议尚未处理完毕，处理后方可销号。`,
    rule: 'ORD-CLOSE-3',
  });

export const lastingMechanismEvidenceRequired = () =>
  new RuleViolation({
    code: 'LASTING_MECHANISM_EVIDENCE_REQUIRED',
    titleEn: 'Closing an ongoing order needs evidence of a lasting mechanism',
    detail: '“长期坚持”类任务销号前，须上传已建立长效机制的佐证材料（如制度文件、常态化监管方案）。',
    rule: 'ORD-CLOSE-5',
  });

export const secondCheckRequired = () =>
  new RuleViolation({
    code: 'SECOND_CHECK_REQUIRED',
    titleEn: 'An untrue finding needs a second check before closing',
    detail: '该信访件核实结论为“不属实”，须经复核后方可办结销号。',
    rule: 'ORD-CLOSE-6',
  });

export const deadlineInPast = (deadline: CalendarDate, today: CalendarDate) =>
  new InvalidValue({
    code: 'DEADLINE_IN_PAST',
    titleEn: 'The new deadline is in the past',
    detail: `新的整改时限（${deadline}）不能早于今天（${today}）。`,
    field: 'newDeadline',
    rule: 'ORD-REOPEN-1',
  });

// Petition cases

export const notAPetitionCase = () =>
  new RuleViolation({
    code: 'NOT_A_PETITION_CASE',
    titleEn: 'Only petition cases accept this command',
    detail: '该任务不是督察转办信访件，不适用信访件办理程序（调查核实、复核、阶段性办结、回访）。',
    rule: 'ORD-PET-1',
  });

export const petitionFindingRequired = (petition: PetitionCase) =>
  new RuleViolation({
    code: 'PETITION_FINDING_REQUIRED',
    titleEn: 'The petition investigation finding has not been reported',
    detail: `该信访件尚未报送调查核实结果（应于 ${petition.reportDueOn} 前报送），请先报送核实结论。`,
    rule: 'ORD-PET-2',
  });

export const petitionFindingAlreadyReported = (petition: PetitionCase & { finding: PetitionFinding }) =>
  new RuleViolation({
    code: 'PETITION_FINDING_ALREADY_REPORTED',
    titleEn: 'The investigation finding has already been reported',
    detail: `该信访件已于 ${petition.findingReportedOn} 报送核实结论（${petitionFindingLabels[petition.finding]}）；如结论有误，请通过复核更正。`,
    rule: 'ORD-PET-2',
  });

export const secondCheckAlreadyRecorded = (checkedOn: CalendarDate) =>
  new RuleViolation({
    code: 'SECOND_CHECK_ALREADY_RECORDED',
    titleEn: 'The second check has already been recorded',
    detail: `该信访件已于 ${checkedOn} 完成复核，不能重复录入。`,
    rule: 'ORD-PET-3',
  });

export const secondCheckNotRequired = (finding: PetitionFinding) =>
  new RuleViolation({
    code: 'SECOND_CHECK_NOT_REQUIRED',
    titleEn: 'Only an untrue finding is second-checked',
    detail: `该信访件核实结论为“${petitionFindingLabels[finding]}”，无需复核；只有“不属实”的结论需要复核。`,
    rule: 'ORD-PET-3',
  });

export const revisedFindingInvalid = () =>
  new InvalidValue({
    code: 'INVALID_OPTION',
    titleEn: 'revisedFinding must be one of TRUE, BASICALLY_TRUE, PARTLY_TRUE',
    detail: '复核结论为“改变”时，请选择复核后的结论（属实、基本属实或部分属实）。',
    field: 'revisedFinding',
    rule: 'ORD-PET-3',
  });

export const alreadyConcludedInStages = (concludedOn: CalendarDate) =>
  new RuleViolation({
    code: 'ALREADY_CONCLUDED_IN_STAGES',
    titleEn: 'The case has already been concluded in stages',
    detail: `该信访件已于 ${concludedOn} 阶段性办结。`,
    rule: 'ORD-PET-4',
  });

export const linkedOrderIsSelf = () =>
  new InvalidValue({
    code: 'LINKED_ORDER_IS_SELF',
    titleEn: 'A case cannot be linked to itself',
    detail: '阶段性办结须关联另一项有整改时限的整改任务，不能关联本信访件自身。',
    field: 'linkedOrderId',
    rule: 'ORD-PET-4',
  });

export const linkedOrderWithoutDeadline = () =>
  new RuleViolation({
    code: 'LINKED_ORDER_WITHOUT_DEADLINE',
    titleEn: 'Concluding in stages needs a linked order with a deadline',
    detail: '关联的整改任务没有整改时限（如“长期坚持”类），不能据此阶段性办结；请关联一项有明确整改时限的任务。',
    rule: 'ORD-PET-4',
  });

export const visitAlreadyRecorded = () =>
  new RuleViolation({
    code: 'VISIT_ALREADY_RECORDED',
    titleEn: 'A follow-up visit with this id was already recorded',
    detail: '该回访记录已经登记，请勿重复登记。',
    rule: 'ORD-RECORD-1',
  });

export const visitBeforeForwarding = (visitedOn: CalendarDate, forwardedOn: CalendarDate) =>
  new InvalidValue({
    code: 'VISIT_BEFORE_FORWARDING',
    titleEn: 'The visit is dated before the case was forwarded',
    detail: `回访日期（${visitedOn}）不能早于信访件转办日期（${forwardedOn}）。`,
    field: 'visitedOn',
    rule: 'ORD-PET-5',
  });

// Ongoing orders

export const notAnOngoingOrder = () =>
  new RuleViolation({
    code: 'NOT_AN_ONGOING_ORDER',
    titleEn: 'Only ongoing orders owe periodic reports',
    detail: '只有“长期坚持”类任务需要报送定期进展；有整改时限的任务请使用“报送整改进展”。',
    rule: 'ORD-ONGOING-1',
  });

// Personal data

export const personalDataNotProtected = (field: string) =>
  new InvalidValue({
    code: 'PERSONAL_DATA_NOT_PROTECTED',
    titleEn: `${field} must be a reference to the personal-data store`,
    detail: '信访人的姓名、联系方式和住址须存入个人信息库，事件中只记录其引用；请通过信访件登记接口提交（信访人姓名必填）。',
    field,
    rule: 'ORD-PII-1',
  });

// Petition cases end with 办结, not 销号 (ORD-PET-6, ORD-CLOSE-6)

export const petitionCaseNotClosedByNotice = () =>
  new RuleViolation({
    code: 'PETITION_CASE_CONCLUDED_NOT_CLOSED',
    titleEn: 'A petition case is concluded with its result made public, not accepted and closed after a notice',
    detail: '信访件不走验收、拟销号公示和销号程序：请在回访（不属实的经复核）后办结，并公开办理结果。',
    rule: 'ORD-CLOSE-6',
  });

export const followUpVisitRequired = () =>
  new RuleViolation({
    code: 'FOLLOW_UP_VISIT_REQUIRED',
    titleEn: 'A petition case is concluded only after a follow-up visit',
    detail: '该信访件尚未回访信访人，请先登记回访情况再办结。',
    rule: 'ORD-PET-6',
  });

export const publishedBeforeForwarding = (publishedOn: string, forwardedOn: string) =>
  new InvalidValue({
    code: 'PUBLISHED_BEFORE_FORWARDING',
    titleEn: 'The result cannot have been made public before the case was forwarded',
    detail: `公开日期（${publishedOn}）早于信访件转办日期（${forwardedOn}），请核对。`,
    field: 'publication.publishedOn',
    rule: 'ORD-PET-6',
  });

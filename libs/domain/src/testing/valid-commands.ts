import type { EscalationCommand, EscalationCommandType } from '../escalation/escalation.commands';
import type { IndicatorCommand, IndicatorCommandType } from '../indicator/indicator.commands';
import { firstPeriodOfYear, nextIndicatorPeriod } from '../indicator/indicator.periods';
import { findPeriodValue, type IndicatorState } from '../indicator/indicator.state';
import type { KeyProjectCommand, KeyProjectCommandType } from '../key-project/key-project.commands';
import type { KeyProjectState } from '../key-project/key-project.state';
import type { RectificationOrderCommand, RectificationOrderCommandType } from '../rectification-order/rectification-order.commands';
import type { RectificationOrderState } from '../rectification-order/rectification-order.state';
import { addDays, type CalendarDate } from '../shared/dates';

/**
 * For the allowed-actions property test: per command type, a body as the HTTP DTOs would let through
 * that targets what the aggregate holds (its open measure, its pending request, …), so that a refusal
 * can only come from status, permission or a rule. Where the aggregate holds nothing to target, the
 * body names an id that does not exist.
 */
export function validOrderCommand(
  type: RectificationOrderCommandType,
  s: RectificationOrderState,
  today: CalendarDate,
): RectificationOrderCommand {
  switch (type) {
    case 'IssueOrder':
      return {
        type,
        orderId: 'o-new',
        code: '新任务-1',
        source: 'CENTRAL_INSPECTION',
        batch: '第二轮中央生态环境保护督察',
        finding: '问题',
        target: '目标',
        deadlineKind: 'BY_DATE',
        deadline: addDays(today, 90),
        measures: [],
        petition: null,
      };
    case 'BackfillOrder':
      return {
        type,
        orderId: 'o-backfilled',
        code: '补录-1',
        source: 'CENTRAL_INSPECTION',
        batch: '第一轮中央生态环境保护督察',
        finding: '问题',
        target: '目标',
        deadlineKind: 'BY_DATE',
        deadline: '2018-12-31',
        measures: [],
        petition: null,
        issuedOn: '2017-12-20',
        status: 'ISSUED',
        assignment: null,
        startedOn: null,
      };
    case 'AssignOrder':
      return {
        type,
        leadDepartment: '市水务局',
        responsiblePerson: null,
        cooperatingDepartments: ['市住建局'],
        acceptanceDepartment: '市生态环境局',
      };
    case 'ReviseMeasures':
      return {
        type,
        measures: [
          ...s.measures.map(({ measureId, description, dueDate }) => ({ measureId, description, dueDate })),
          {
            measureId: `M${s.measures.length + 1}`,
            description: '补充措施',
            dueDate: s.currentDeadline ?? addDays(today, 30),
          },
        ],
        reason: '补充措施',
      };
    case 'ReassignOrder':
      return {
        type,
        leadDepartment: s.leadDepartment === '市水务局' ? '市住建局' : '市水务局',
        responsiblePerson: null,
        cooperatingDepartments: [],
        acceptanceDepartment: '市生态环境局',
        reason: '职能调整',
      };
    case 'SubmitRectificationPlan':
      return {
        type,
        planId: 'plan-new',
        leaderInCharge: '副市长（示例）',
        measures: [
          ...s.measures.filter((m) => m.status === 'DONE').map((m) => ({ ...m, responsiblePerson: '科长' })),
          { measureId: 'plan-m-new', description: '新措施', dueDate: s.currentDeadline ?? addDays(today, 30), responsiblePerson: '科长' },
        ],
        note: null,
      };
    case 'ApproveRectificationPlan':
      return {
        type,
        planId: s.plans.find((p) => p.status === 'SUBMITTED')?.planId ?? 'plan-none',
        note: null,
        provincialSignOff: { kind: 'APPROVAL', documentNumber: '黑整改办函〔2024〕3号', approvedOn: today, approverBody: '省整改办' },
      };
    case 'ReturnRectificationPlan':
      return { type, planId: s.plans.find((p) => p.status === 'SUBMITTED')?.planId ?? 'plan-none', reasons: ['措施不具体'] };
    case 'StartRectification':
    case 'CloseOrder':
      return { type };
    case 'ReportOrderProgress':
      return { type, reportId: 'r-new', summary: '按计划推进', percentComplete: 50 };
    case 'CompleteMeasure':
      return { type, measureId: s.measures.find((m) => m.status === 'OPEN')?.measureId ?? 'm-none', completedOn: today, note: null };
    case 'AttachEvidence':
      return { type, evidenceId: 'e-new', title: '制度文件', uri: null, measureId: null, lastingMechanism: true };
    case 'RequestExtension':
      return {
        type,
        requestId: 'x-new',
        requestedDeadline: addDays(s.currentDeadline ?? today, 90),
        reason: '汛期影响施工',
        progressSoFar: '已完成六成',
      };
    case 'ApproveExtension':
      return {
        type,
        requestId: s.extensions.find((x) => x.status === 'PENDING')?.requestId ?? 'x-none',
        note: null,
        provincialSignOff: { kind: 'APPROVAL', documentNumber: '黑整改办函〔2024〕3号', approvedOn: today, approverBody: '省整改办' },
      };
    case 'RejectExtension':
      return { type, requestId: s.extensions.find((x) => x.status === 'PENDING')?.requestId ?? 'x-none', reason: '理由不充分' };
    case 'RequestAcceptance':
      return { type, note: null };
    case 'RecordAcceptancePassed':
      return { type, recordId: 'acc-new', checkedOn: today, summary: '验收通过', documentRef: '牡环验〔2024〕9号' };
    case 'RecordAcceptanceFailed':
      return { type, recordId: 'acc-new', checkedOn: today, reasons: ['仍有异味'] };
    case 'PublishClosingNotice':
      return { type, noticeId: 'n-new' };
    case 'RecordObjection':
      return { type, objectionId: 'obj-new', summary: '仍有异味', receivedOn: today };
    case 'SettleObjection':
      return {
        type,
        objectionId: s.objections.find((o) => o.status === 'OPEN')?.objectionId ?? 'obj-none',
        outcome: 'DISMISSED',
        resolution: '经核查不成立',
      };
    case 'ReopenOrder':
      return { type, reason: '问题反弹', newDeadline: s.deadlineKind === 'ONGOING' ? null : addDays(today, 60) };
    case 'ReportPetitionFinding':
      return { type, finding: 'TRUE', summary: '经调查属实' };
    case 'RecordSecondCheck':
      return { type, checkedOn: today, outcome: 'CONFIRMED', revisedFinding: null, summary: '复核维持原结论' };
    case 'ConcludeInStages':
      return { type, linkedOrderId: 'o-other', linkedOrderDeadline: addDays(today, 120), summary: '阶段性办结' };
    case 'RecordFollowUpVisit':
      return { type, visitId: 'v-new', visitedOn: today, summary: '群众满意', satisfied: true };
    case 'ConcludePetitionCase':
      return {
        type,
        result: '经调查核实，反映问题部分属实，已整改到位。',
        publication: { channel: '牡丹江日报', publishedOn: today, reference: null },
      };
    case 'SubmitPeriodicReport':
      return { type, reportId: 'p-new', summary: '长效机制运行正常' };
  }
}

export function validKeyProjectCommand(type: KeyProjectCommandType, s: KeyProjectState, today: CalendarDate): KeyProjectCommand {
  const openMilestone = s.milestones.find((m) => m.achievedOn === null);
  const rebaselinable = s.milestones.find(
    (m) => m.achievedOn === null && !s.baselineChanges.some((c) => c.milestoneId === m.milestoneId && c.status === 'PENDING'),
  );
  const pending = s.baselineChanges.find((c) => c.status === 'PENDING');
  switch (type) {
    case 'RegisterKeyProject':
      return {
        type,
        projectId: 'p-new',
        code: 'ZL9-9',
        name: '新工程',
        planBox: 9,
        category: 'water',
        leadDepartment: '市水务局',
        cooperatingDepartments: [],
        implementingUnit: null,
        responsiblePerson: null,
        plannedStart: null,
        plannedEnd: null,
        plannedInvestment: null,
        description: '',
      };
    case 'AssignKeyProject':
      return {
        type,
        leadDepartment: 'city-water-affairs-bureau',
        cooperatingDepartments: ['city-housing-urban-rural-bureau'],
        responsibleLeader: { name: '王明', title: '副市长' },
        responsiblePerson: '张伟',
        plannedStart: today,
        plannedEnd: addDays(today, 365),
        milestones: s.milestones
          .filter((m) => m.achievedOn === null)
          .map((m) => ({ milestoneId: m.milestoneId, baselineDate: addDays(today, 180) })),
      };
    case 'ReassignKeyProject':
      return {
        type,
        leadDepartment: s.leadDepartment === 'city-eco-env-bureau' ? 'city-water-affairs-bureau' : 'city-eco-env-bureau',
        cooperatingDepartments: [],
        responsibleLeader: { name: '李强', title: '副市长' },
        responsiblePerson: null,
        reason: '职能调整',
      };
    case 'AmendKeyProjectRegistration':
      return {
        type,
        planItemKind: s.planItemKind === 'PROJECT' ? 'TASK' : 'PROJECT',
        source: '专栏4',
        withdrawLeadDepartment: false,
        reason: '按规划原文更正',
      };
    case 'StartKeyProject':
      return { type, startedOn: today };
    case 'PlanMilestone':
      return { type, milestoneId: 'm-new', name: '新节点', weight: 10, baselineDate: addDays(today, 30), mandatory: true };
    case 'ReportProjectProgress':
      return openMilestone
        ? {
            type,
            reportId: 'r-new',
            milestoneId: openMilestone.milestoneId,
            percentComplete: 50,
            forecastDate: null,
            narrative: '按计划推进',
          }
        : { type, reportId: 'r-new', milestoneId: null, percentComplete: null, forecastDate: null, narrative: '按计划推进' };
    case 'RequestBaselineChange':
      return {
        type,
        requestId: 'bc-new',
        milestoneId: rebaselinable?.milestoneId ?? 'm-none',
        proposedBaselineDate: addDays(rebaselinable?.baselineDate ?? today, 45),
        reason: '设备采购延误',
      };
    case 'ApproveBaselineChange':
      return { type, requestId: pending?.requestId ?? 'bc-none', note: null };
    case 'RejectBaselineChange':
      return { type, requestId: pending?.requestId ?? 'bc-none', reason: '理由不充分' };
    case 'AchieveMilestone':
      return {
        type,
        milestoneId: openMilestone?.milestoneId ?? 'm-none',
        achievedOn: today,
        evidence: [{ evidenceId: 'ev-new', title: '完工照片', uri: null }],
      };
    case 'SuspendKeyProject':
      return { type, reason: '冬季停工' };
    case 'ResumeKeyProject':
      return { type, note: null };
    case 'CompleteKeyProject':
      return { type, completedOn: today };
    case 'AcceptKeyProject':
      return {
        type,
        acceptanceRecord: {
          recordId: 'acc-new',
          acceptedOn: today,
          acceptingBody: '市生态环境局',
          documentRef: '验收〔2024〕1号',
          summary: '',
        },
      };
    case 'CancelKeyProject':
      return { type, reason: '规划调整' };
  }
}

export function validEscalationCommand(type: EscalationCommandType, today: CalendarDate): EscalationCommand {
  switch (type) {
    case 'AcknowledgeEscalation':
      return { type, note: null };
    case 'InstructOnEscalation':
      return { type, text: '限期整改到位' };
    case 'IssueSupervisionNotice':
      return { type, noticeNumber: null, text: '请于 10 日内报送整改情况' };
    case 'SummonResponsibleLeader':
      return { type, date: addDays(today, 3), attendee: '宁安市市长', place: null, note: null };
    case 'ReferForAccountability':
      return { type, reason: '逾期未整改' };
    case 'ResolveEscalation':
      return { type, reason: 'COMPLETED', note: '已完成' };
    case 'RaiseEscalation':
      throw new Error('RaiseEscalation creates an escalation; it is not an action on one');
  }
}

/** The latest month, quarter or year that has ended by `today` and has no value yet. */
function unreportedPeriod(s: IndicatorState, today: CalendarDate): string {
  const ended: string[] = [];
  for (let span = firstPeriodOfYear(s.baseline.year + 1, s.reportingFrequency); span.end < today;) {
    ended.push(span.period);
    span = nextIndicatorPeriod(span, s.reportingFrequency);
  }
  return ended.reverse().find((p) => !findPeriodValue(s, p)) ?? ended[0];
}

export function validIndicatorCommand(type: IndicatorCommandType, s: IndicatorState, today: CalendarDate): IndicatorCommand {
  const numeric = s.measure === 'NUMERIC';
  const assignment = {
    leadDepartment: '市水务局',
    cooperatingDepartments: ['市住建局'],
    leaderInCharge: { name: '张某', title: '副市长' },
    responsiblePerson: `${s.responsiblePerson ?? ''}科长`,
  };
  switch (type) {
    case 'RegisterIndicator':
      throw new Error('RegisterIndicator creates an indicator; it is not an action on one');
    case 'AssignIndicator':
      return { type, ...assignment };
    case 'ReassignIndicator':
      return { type, ...assignment, reason: '机构调整' };
    case 'SetYearlyTargets': {
      const current = s.yearlyTargets.find((t) => t.year === s.baseline.year + 1)?.value;
      return { type, targets: [{ year: s.baseline.year + 1, value: current === 30 ? 29 : 30 }], grounds: '省定年度目标' };
    }
    case 'ReportIndicatorValue':
      return { type, period: unreportedPeriod(s, today), value: numeric ? 30 : 'MET', unit: null, source: '国控站点自动监测', note: null };
    case 'CorrectIndicatorValue': {
      const entry = s.values[0];
      const value = numeric ? (entry?.value === 30 ? 31 : 30) : entry?.value === 'MET' ? 'NOT_MET' : 'MET';
      return { type, period: entry?.period ?? unreportedPeriod(s, today), value, unit: null, source: null, reason: '复核更正' };
    }
    case 'LinkContributingProject':
      return { type, projectId: 'p-new', projectCode: 'ZL3-1', projectName: '燃煤锅炉淘汰改造项目', note: null };
  }
}

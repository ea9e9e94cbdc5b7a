import { actor } from '../testing/decider-spec';
import type { IssueOrder } from './rectification-order.commands';
import type { RectificationOrderEvent } from './rectification-order.events';

type Event = RectificationOrderEvent;
const OCCURRED = '2024-01-10T02:00:00.000Z';

export const supervision = actor({ userId: 'u-sup', roles: ['supervision-office'], department: '市生态环境局' });
export const leadership = actor({ userId: 'u-leader', roles: ['leadership'] });
export const waterBureau = actor({ userId: 'u-water', roles: ['project-lead'], department: '市水务局' });
export const housingBureau = actor({ userId: 'u-housing', roles: ['project-lead'], department: '市住建局' });
export const forestryBureau = actor({ userId: 'u-forest', roles: ['project-lead'], department: '市林草局' });

export const issueCommand: IssueOrder = {
  type: 'IssueOrder',
  orderId: 'o-1',
  code: '第二轮中央督察-12',
  source: 'CENTRAL_INSPECTION',
  batch: '第二轮中央生态环境保护督察',
  finding: '海浪河部分河段生活污水直排',
  target: '完成截污纳管，消除直排口',
  deadlineKind: 'BY_DATE',
  deadline: '2024-06-30',
  measures: [
    { measureId: 'm1', description: '排查直排口', dueDate: '2024-04-30' },
    { measureId: 'm2', description: '建设截污管网', dueDate: '2024-06-15' },
  ],
  petition: null,
};

export const issued: Event = {
  type: 'OrderIssued',
  data: {
    orderId: 'o-1',
    code: '第二轮中央督察-12',
    source: 'CENTRAL_INSPECTION',
    batch: '第二轮中央生态环境保护督察',
    finding: '海浪河部分河段生活污水直排',
    target: '完成截污纳管，消除直排口',
    deadlineKind: 'BY_DATE',
    deadline: '2024-06-30',
    measures: issueCommand.measures,
    issuedOn: '2024-01-10',
    petition: null,
    firstPeriodicReportDueOn: null,
    occurredAt: OCCURRED,
  },
};

export const ongoingIssued: Event = {
  type: 'OrderIssued',
  data: {
    ...(issued.data as Extract<Event, { type: 'OrderIssued' }>['data']),
    deadlineKind: 'ONGOING',
    deadline: null,
    measures: [{ measureId: 'm1', description: '建立河长巡河制度', dueDate: '2024-03-31' }],
    firstPeriodicReportDueOn: '2024-04-10',
  },
};

export const petitionIssued: Event = {
  type: 'OrderIssued',
  data: {
    ...(issued.data as Extract<Event, { type: 'OrderIssued' }>['data']),
    orderId: 'o-petition',
    code: '信访-2024-031',
    source: 'PETITION',
    finding: '群众反映某养殖场粪污直排',
    measures: [],
    issuedOn: '2024-03-10',
    petition: { forwardedOn: '2024-03-10', caseNumber: 'D2024-031', reportDueOn: '2024-03-17' },
  },
};

export const assigned: Event = {
  type: 'OrderAssigned',
  data: {
    leadDepartment: '市水务局',
    responsiblePerson: '李强',
    cooperatingDepartments: ['市住建局'],
    acceptanceDepartment: '市生态环境局',
    occurredAt: OCCURRED,
  },
};

export const started: Event = {
  type: 'RectificationStarted',
  data: { startedOn: '2024-01-15', afterReopening: false, occurredAt: OCCURRED },
};

export const measureDone = (measureId: string, completedOn = '2024-03-01'): Event => ({
  type: 'MeasureCompleted',
  data: { measureId, completedOn, dueDate: '2024-04-30', late: false, note: null, occurredAt: OCCURRED },
});

export const evidenceAttached = (evidenceId: string, lastingMechanism = false): Event => ({
  type: 'EvidenceAttached',
  data: {
    evidenceId,
    title: '整改前后对比照片',
    uri: null,
    measureId: null,
    lastingMechanism,
    attachedBy: 'u-water',
    attachedByDepartment: '市水务局',
    occurredAt: OCCURRED,
  },
});

export const extensionRequested: Event = {
  type: 'ExtensionRequested',
  data: {
    requestId: 'x-1',
    currentDeadline: '2024-06-30',
    requestedDeadline: '2024-09-30',
    reason: '管网施工受汛期影响',
    progressSoFar: '已完成管网铺设60%',
    requestedOn: '2024-03-01',
    requestedBy: 'u-water',
    occurredAt: OCCURRED,
  },
};

export const extensionApproved: Event = {
  type: 'ExtensionApproved',
  data: {
    requestId: 'x-1',
    previousDeadline: '2024-06-30',
    newDeadline: '2024-09-30',
    note: null,
    decidedBy: 'u-leader',
    occurredAt: OCCURRED,
  },
};

export const acceptanceRequested: Event = {
  type: 'AcceptanceRequested',
  data: { requestedOn: '2024-03-02', note: null, requestedBy: 'u-water', occurredAt: OCCURRED },
};

export const acceptancePassed: Event = {
  type: 'AcceptancePassed',
  data: {
    recordId: 'acc-1',
    checkedOn: '2024-03-03',
    acceptanceDepartment: '市生态环境局',
    summary: '直排口已全部封堵',
    documentRef: '牡环验〔2024〕8号',
    recordedBy: 'u-sup',
    occurredAt: OCCURRED,
  },
};

/** Published Monday 2024-03-04; five working days end Monday 2024-03-11. */
export const noticePublished: Event = {
  type: 'PublicNoticePublished',
  data: { noticeId: 'n-1', publishedOn: '2024-03-04', endsOn: '2024-03-11', workingDays: 5, occurredAt: OCCURRED },
};

export const objectionRecorded = (objectionId = 'obj-1'): Event => ({
  type: 'ObjectionRecorded',
  data: { objectionId, noticeId: 'n-1', summary: '河道仍有异味', receivedOn: '2024-03-05', occurredAt: OCCURRED },
});

export const objectionSettled = (outcome: 'UPHELD' | 'DISMISSED', returnsToRectification: boolean, objectionId = 'obj-1'): Event => ({
  type: 'ObjectionSettled',
  data: { objectionId, outcome, resolution: '经现场核查', returnsToRectification, decidedBy: 'u-sup', occurredAt: OCCURRED },
});

export const closed: Event = {
  type: 'OrderClosed',
  data: { closedOn: '2024-03-12', acceptanceRecordId: 'acc-1', occurredAt: OCCURRED },
};

export const findingReported = (finding: 'TRUE' | 'BASICALLY_TRUE' | 'PARTLY_TRUE' | 'UNTRUE'): Event => ({
  type: 'PetitionFindingReported',
  data: { finding, summary: '经现场调查核实', reportedOn: '2024-03-14', dueOn: '2024-03-17', late: false, occurredAt: OCCURRED },
});

export const secondCheckConfirmed: Event = {
  type: 'PetitionSecondCheckRecorded',
  data: {
    checkedOn: '2024-03-14',
    outcome: 'CONFIRMED',
    originalFinding: 'UNTRUE',
    revisedFinding: null,
    summary: '复核维持原结论',
    occurredAt: OCCURRED,
  },
};

export const followUpVisited: Event = {
  type: 'FollowUpVisitRecorded',
  data: { visitId: 'v-1', visitedOn: '2024-03-14', summary: '电话回访，群众满意', satisfied: true, occurredAt: OCCURRED },
};

export const petitionConcluded: Event = {
  type: 'PetitionCaseConcluded',
  data: {
    result: '经调查核实，反映问题属实，已整改到位。',
    publication: { channel: '牡丹江日报', publishedOn: '2024-03-15', reference: null },
    concludedOn: '2024-03-15',
    concludedBy: 'u-sup',
    finding: 'TRUE',
    followUpVisits: 1,
    occurredAt: OCCURRED,
  },
};

export const inProgress: Event[] = [issued, assigned, started];
export const allMeasuresDone: Event[] = [...inProgress, measureDone('m1'), measureDone('m2')];
export const awaitingAcceptance: Event[] = [...allMeasuresDone, acceptanceRequested];
export const accepted: Event[] = [...awaitingAcceptance, acceptancePassed];
export const inPublicNotice: Event[] = [...accepted, noticePublished];
export const closedOrder: Event[] = [...inPublicNotice, closed];

export const petitionInProgress: Event[] = [petitionIssued, assigned, started];
export const petitionInNotice = (...petitionEvents: Event[]): Event[] => [
  ...petitionInProgress,
  ...petitionEvents,
  acceptanceRequested,
  acceptancePassed,
  noticePublished,
];

export const ongoingInNotice = (...extra: Event[]): Event[] => [
  ongoingIssued,
  assigned,
  started,
  measureDone('m1'),
  ...extra,
  acceptanceRequested,
  acceptancePassed,
  noticePublished,
];

/** An order issued without measures: the lead department owes a plan (整改方案) 15 days after assignment. */
export const issuedWithoutMeasures: Event = {
  type: 'OrderIssued',
  data: { ...(issued.data as Extract<Event, { type: 'OrderIssued' }>['data']), measures: [] },
};

export const assignedOwingPlan: Event = {
  type: 'OrderAssigned',
  data: { ...(assigned.data as Extract<Event, { type: 'OrderAssigned' }>['data']), assignedOn: '2024-01-10', planDueOn: '2024-01-25' },
};

export const plannedMeasures = [
  { measureId: 'p1', description: '排查直排口并建立台账', dueDate: '2024-04-30', responsiblePerson: '水务局排水科科长' },
  { measureId: 'p2', description: '建设截污管网', dueDate: '2024-06-15', responsiblePerson: '水务局建管科科长' },
];

export const planSubmitted = (planId = 'plan-1', version = 1, measures = plannedMeasures): Event => ({
  type: 'RectificationPlanSubmitted',
  data: {
    planId,
    version,
    leaderInCharge: '分管副市长（示例）',
    measures,
    note: null,
    submittedOn: '2024-01-20',
    submittedBy: 'u-water',
    submittedByDepartment: '市水务局',
    occurredAt: OCCURRED,
  },
});

export const planApproved = (planId = 'plan-1', version = 1): Event => ({
  type: 'RectificationPlanApproved',
  data: { planId, version, note: null, decidedOn: '2024-01-22', decidedBy: 'u-sup', provincialSignOff: null, occurredAt: OCCURRED },
});

export const planReturned = (planId = 'plan-1', version = 1): Event => ({
  type: 'RectificationPlanReturned',
  data: { planId, version, reasons: ['措施不具体'], decidedOn: '2024-01-21', decidedBy: 'u-sup', occurredAt: OCCURRED },
});

export const owingPlanInProgress: Event[] = [issuedWithoutMeasures, assignedOwingPlan, started];

import { actor } from '../testing/decider-spec';
import type { RegisterKeyProject } from './key-project.commands';
import type { KeyProjectEvent } from './key-project.events';

export const supervision = actor({ userId: 'u-sup', roles: ['supervision-office'], department: '市生态环境局' });
export const leadership = actor({ userId: 'u-leader', roles: ['leadership'] });
export const waterBureau = actor({ userId: 'u-water', roles: ['project-lead'], department: '市水务局' });
export const housingBureau = actor({ userId: 'u-housing', roles: ['project-lead'], department: '市住建局' });
export const forestryBureau = actor({ userId: 'u-forest', roles: ['project-lead'], department: '市林草局' });

export const registerCommand: RegisterKeyProject = {
  type: 'RegisterKeyProject',
  projectId: 'p-1',
  code: 'ZL3-2',
  name: '牡丹江城区污水处理厂提标改造工程',
  planBox: 3,
  category: 'water',
  leadDepartment: '市水务局',
  cooperatingDepartments: ['市住建局'],
  implementingUnit: '牡丹江市排水公司',
  responsiblePerson: '张伟',
  plannedStart: '2022-03-01',
  plannedEnd: '2025-10-31',
  plannedInvestment: 18500,
  description: '出水水质由一级B提升至一级A。',
};

export const registered: Extract<KeyProjectEvent, { type: 'KeyProjectRegistered' }> = {
  type: 'KeyProjectRegistered',
  data: {
    projectId: 'p-1',
    code: 'ZL3-2',
    name: '牡丹江城区污水处理厂提标改造工程',
    planBox: 3,
    category: 'water',
    planItemKind: 'PROJECT',
    source: null,
    leadDepartment: '市水务局',
    cooperatingDepartments: ['市住建局'],
    implementingUnit: '牡丹江市排水公司',
    responsiblePerson: '张伟',
    plannedStart: '2022-03-01',
    plannedEnd: '2025-10-31',
    plannedInvestment: 18500,
    description: '出水水质由一级B提升至一级A。',
    occurredAt: '2022-01-10T02:00:00.000Z',
  },
};
export const started: KeyProjectEvent = {
  type: 'KeyProjectStarted',
  data: { startedOn: '2022-03-05', occurredAt: '2022-03-05T02:00:00.000Z' },
};
export const planned = (milestoneId: string, weight: number, baselineDate: string, mandatory = true): KeyProjectEvent => ({
  type: 'MilestonePlanned',
  data: { milestoneId, name: `节点${milestoneId}`, weight, mandatory, baselineDate, occurredAt: '2022-03-06T02:00:00.000Z' },
});
export const achieved = (milestoneId: string, achievedOn: string): KeyProjectEvent => ({
  type: 'MilestoneAchieved',
  data: {
    milestoneId,
    achievedOn,
    evidence: [{ evidenceId: `ev-${milestoneId}`, title: '完工照片', uri: null }],
    occurredAt: `${achievedOn}T02:00:00.000Z`,
  },
});
export const reported = (
  reportId: string,
  milestoneId: string,
  percentComplete: number,
  forecastDate: string | null = null,
): KeyProjectEvent => ({
  type: 'ProgressReported',
  data: {
    reportId,
    milestoneId,
    percentComplete,
    forecastDate,
    narrative: '按计划推进',
    reportedOn: '2024-02-01',
    reportedBy: 'u-water',
    reportedByDepartment: '市水务局',
    occurredAt: '2024-02-01T02:00:00.000Z',
  },
});
export const baselineRequested: Extract<KeyProjectEvent, { type: 'BaselineChangeRequested' }> = {
  type: 'BaselineChangeRequested',
  data: {
    requestId: 'bc-1',
    milestoneId: 'm1',
    currentBaselineDate: '2024-06-30',
    proposedBaselineDate: '2024-09-30',
    reason: '设备采购延误',
    requestedBy: 'u-water',
    occurredAt: '2024-03-01T02:00:00.000Z',
  },
};
export const suspended: KeyProjectEvent = {
  type: 'KeyProjectSuspended',
  data: { reason: '冬季停工', occurredAt: '2023-11-15T02:00:00.000Z' },
};
export const completed: KeyProjectEvent = {
  type: 'KeyProjectCompleted',
  data: { completedOn: '2024-03-10', occurredAt: '2024-03-10T02:00:00.000Z' },
};

export const inProgress = [registered, started, planned('m1', 60, '2024-06-30'), planned('m2', 40, '2024-12-31')];
export const allAchieved = [...inProgress, achieved('m1', '2024-03-01'), achieved('m2', '2024-03-08')];

/** Registered as the plan register does for an item whose department the plan does not name: 待交办. */
export const registeredUnassigned: Extract<KeyProjectEvent, { type: 'KeyProjectRegistered' }> = {
  type: 'KeyProjectRegistered',
  data: {
    ...registered.data,
    code: 'ZL7-1',
    name: '牡丹江市拉古废弃矿山破损山体生态修复工程',
    planBox: 7,
    category: 'ecology',
    planItemKind: 'PROJECT',
    source: '专栏7；第一章 二（四）',
    leadDepartment: null,
    cooperatingDepartments: [],
    implementingUnit: null,
    responsiblePerson: null,
    plannedStart: null,
    plannedEnd: null,
    plannedInvestment: null,
  },
};
export const plannedUndated: Extract<KeyProjectEvent, { type: 'MilestonePlanned' }> = {
  type: 'MilestonePlanned',
  data: { milestoneId: 'm1', name: '完成建设', weight: 100, mandatory: true, baselineDate: null, occurredAt: '2022-01-10T02:00:00.000Z' },
};
/** 交办 to 市水务局 (the fixtures' lead department), 市住建局 cooperating. */
export const assigned: Extract<KeyProjectEvent, { type: 'KeyProjectAssigned' }> = {
  type: 'KeyProjectAssigned',
  data: {
    leadDepartment: '市水务局',
    cooperatingDepartments: ['市住建局'],
    responsibleLeader: { name: '王明', title: '副市长' },
    responsiblePerson: '张伟',
    plannedStart: '2024-04-01',
    plannedEnd: '2025-10-31',
    milestones: [{ milestoneId: 'm1', name: '完成建设', weight: 100, mandatory: true, baselineDate: '2025-10-31', isNew: false }],
    assignedOn: '2024-03-01',
    assignedBy: 'u-sup',
    occurredAt: '2024-03-01T02:00:00.000Z',
  },
};
/** A work task (工作任务): 启动 / 完成, no 验收. */
export const registeredTask: KeyProjectEvent = { ...registered, data: { ...registered.data, planItemKind: 'TASK' } };

import type { KeyProjectStatus } from './key-project.state';

/**
 * The kind of a plan item decides its commands and its words (docs/domain.md, KP-KIND-1/2):
 * - PROJECT 工程项目: something is built, retrofitted or restored; 开工 / 完工 / 验收.
 * - TASK 工作任务: a programme, standard, campaign, plan or evaluation; 启动 / 完成, no 验收.
 * - STRIVE 争取类: the plan says 争取…; 启动 / 完成, no 验收, escalated at most to yellow.
 */
export type PlanItemKind = 'PROJECT' | 'TASK' | 'STRIVE';

export const planItemKinds: readonly PlanItemKind[] = ['PROJECT', 'TASK', 'STRIVE'];

export const planItemKindLabels: Record<PlanItemKind, string> = {
  PROJECT: '工程项目',
  TASK: '工作任务',
  STRIVE: '争取类',
};

/** The words that change with the kind: what starting and finishing the item are called. */
export interface PlanItemWords {
  /** The item as a noun in messages: 工程 / 任务 / 目标. */
  item: string;
  start: string;
  complete: string;
  /** null: the kind has no acceptance (验收). */
  accept: string | null;
}

export const planItemWords: Record<PlanItemKind, PlanItemWords> = {
  PROJECT: { item: '工程', start: '开工', complete: '完工', accept: '验收' },
  TASK: { item: '任务', start: '启动', complete: '完成', accept: null },
  STRIVE: { item: '目标', start: '启动', complete: '完成', accept: null },
};

/** Whether the kind is accepted (验收) at the end: only construction is (KP-KIND-1). */
export function hasAcceptance(kind: PlanItemKind): boolean {
  return planItemWords[kind].accept !== null;
}

/** The status names of an item of this kind: a task is 已完成, not 已完工. */
export function keyProjectStatusLabelsFor(kind: PlanItemKind): Record<KeyProjectStatus, string> {
  const words = planItemWords[kind];
  return {
    PLANNED: '计划中',
    IN_PROGRESS: '实施中',
    SUSPENDED: '已暂停',
    COMPLETED: `已${words.complete}`,
    ACCEPTED: '已验收',
    CANCELLED: '已取消',
  };
}

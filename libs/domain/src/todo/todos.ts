import { keyProjectCommandLabels, type KeyProjectCommandType } from '../key-project/key-project.commands';
import { keyProjectAllowedActions } from '../key-project/key-project.decider';
import type { KeyProjectState } from '../key-project/key-project.state';
import { rectificationOrderCommandLabels, type RectificationOrderCommandType } from '../rectification-order/rectification-order.commands';
import { orderAllowedActions } from '../rectification-order/rectification-order.decider';
import { approvedPlan, type RectificationOrderState } from '../rectification-order/rectification-order.state';
import { orderName } from '../escalation/deadline-items';
import { escalationAllowedActions } from '../escalation/escalation.decider';
import type { EscalationState } from '../escalation/escalation.state';
import { escalationLevelLabels } from '../escalation/timeliness';
import type { Actor, Role } from '../shared/actor';
import type { CommandContext } from '../shared/decider';
import type { CalendarDate } from '../shared/dates';

/**
 * 待办: what waits on a person. A to-do is a command the domain allows this actor now (the same
 * allowed actions the detail pages draw their buttons from) that the catalogue below says waits on the
 * actor's role (TODO-WAIT-1). Whether it is allowed is never decided here: the catalogue only picks, among
 * the allowed commands, those that are someone's work to do rather than a possibility, and the event
 * that carries the command out takes it away, because the command is no longer allowed (TODO-SETTLE-1).
 */
export type TodoSubjectType = 'KEY_PROJECT' | 'RECTIFICATION_ORDER' | 'ESCALATION';

export interface Todo {
  /** Stable while the to-do waits: subject type, id and command. */
  key: string;
  subjectType: TodoSubjectType;
  subjectId: string;
  subjectCode: string;
  subjectName: string;
  /** The command that settles it (for an escalation of one's department: none, the resolution settles it). */
  command: string | null;
  /** Chinese, what to do. */
  title: string;
  /** The date it should be done by, when there is one. */
  dueOn: CalendarDate | null;
  /** The web page where it is done. */
  link: string;
  /** Escalation level, for to-dos that come from an escalation. */
  level: number | null;
}

interface TodoRule<S, T extends string> {
  command: T;
  /** The roles for whom an allowed command is a to-do. */
  for: Role[];
  /** Chinese label of the to-do. */
  title: string;
  /** A further condition for it to wait on someone (e.g. a plan is owed), beyond being allowed. */
  waits?: (state: S) => boolean;
  dueOn?: (state: S) => CalendarDate | null;
}

export const orderTodoRules: readonly TodoRule<RectificationOrderState, RectificationOrderCommandType>[] = [
  // 责任单位
  {
    command: 'SubmitRectificationPlan',
    for: ['project-lead'],
    title: '报送整改方案',
    waits: (s) => s.planDueOn !== null && !approvedPlan(s) && !s.plans.some((p) => p.status === 'SUBMITTED'),
    dueOn: (s) => s.planDueOn,
  },
  { command: 'StartRectification', for: ['project-lead'], title: '开始整改', dueOn: (s) => s.currentDeadline },
  {
    command: 'ReportPetitionFinding',
    for: ['project-lead'],
    title: '报送信访件调查核实结果',
    dueOn: (s) => s.petition?.reportDueOn ?? null,
  },
  // 整改办（督查办）
  { command: 'AssignOrder', for: ['supervision-office'], title: '交办整改任务', dueOn: (s) => s.currentDeadline },
  { command: 'ApproveRectificationPlan', for: ['supervision-office'], title: '审核整改方案' },
  { command: 'RecordAcceptancePassed', for: ['supervision-office'], title: '组织验收', dueOn: (s) => s.currentDeadline },
  { command: 'PublishClosingNotice', for: ['supervision-office'], title: '发布拟销号公示' },
  { command: 'CloseOrder', for: ['supervision-office'], title: '销号', dueOn: (s) => s.publicNotice?.endsOn ?? null },
  // 领导小组
  { command: 'ApproveExtension', for: ['leadership'], title: '审批延期申请', dueOn: (s) => s.currentDeadline },
];

export const keyProjectTodoRules: readonly TodoRule<KeyProjectState, KeyProjectCommandType>[] = [
  { command: 'StartKeyProject', for: ['project-lead'], title: '启动项目', dueOn: (s) => s.plannedStart },
  { command: 'AssignKeyProject', for: ['supervision-office'], title: '交办规划事项' },
  { command: 'ApproveBaselineChange', for: ['leadership'], title: '审批基线变更' },
  { command: 'AcceptKeyProject', for: ['leadership'], title: '作出验收决定', dueOn: (s) => s.plannedEnd },
];

function todosOf<S, T extends string>(
  rules: readonly TodoRule<S, T>[],
  allowed: Set<string>,
  state: S,
  actor: Actor,
  subject: Omit<Todo, 'key' | 'command' | 'title' | 'dueOn' | 'level'>,
  labels: Record<T, string>,
): Todo[] {
  return rules
    .filter((r) => r.for.some((role) => actor.roles.includes(role)) && allowed.has(r.command) && (r.waits?.(state) ?? true))
    .map((r) => ({
      ...subject,
      key: `${subject.subjectType}:${subject.subjectId}:${r.command}`,
      command: r.command,
      title: r.title || labels[r.command],
      dueOn: r.dueOn?.(state) ?? null,
      level: null,
    }));
}

const allowedSet = (actions: Array<{ command: string; allowed: boolean }>) =>
  new Set(actions.filter((a) => a.allowed).map((a) => a.command));

export function orderTodos(state: RectificationOrderState, ctx: CommandContext): Todo[] {
  return todosOf(
    orderTodoRules,
    allowedSet(orderAllowedActions(state, ctx)),
    state,
    ctx.actor,
    {
      subjectType: 'RECTIFICATION_ORDER',
      subjectId: state.orderId,
      subjectCode: state.code,
      subjectName: orderName(state),
      link: `/orders/${state.orderId}`,
    },
    rectificationOrderCommandLabels,
  );
}

export function keyProjectTodos(state: KeyProjectState, ctx: CommandContext): Todo[] {
  return todosOf(
    keyProjectTodoRules,
    allowedSet(keyProjectAllowedActions(state, ctx)),
    state,
    ctx.actor,
    {
      subjectType: 'KEY_PROJECT',
      subjectId: state.projectId,
      subjectCode: state.code,
      subjectName: state.name,
      link: state.leadDepartment === null ? '/projects/awaiting-assignment' : `/projects/${state.projectId}`,
    },
    keyProjectCommandLabels,
  );
}

/** The page of an escalation's subject, where what it asks for is done. */
export function escalationSubjectLink(state: Pick<EscalationState, 'subjectType' | 'subjectId'>): string {
  switch (state.subjectType) {
    case 'KEY_PROJECT':
      return `/projects/${state.subjectId}`;
    case 'INDICATOR':
      return `/indicators/${state.subjectId}`;
    default:
      return `/orders/${state.subjectId}`;
  }
}

/** Levels from which an open escalation waits on the leadership group to act (red and above, TODO-ESC-1). */
export const LEADERSHIP_TODO_MIN_LEVEL = 2;

/**
 * An open escalation waits on the department it names (TODO-ESC-1): what it is about must be done; the
 * resolution (the item met, an extension approved, a higher level) settles it. A red or higher one not
 * yet signed (签阅) waits on the leadership group, which settles it by acknowledging or acting.
 */
export function escalationTodos(state: EscalationState, ctx: CommandContext): Todo[] {
  if (state.status !== 'OPEN') return [];
  const base = {
    subjectType: 'ESCALATION' as const,
    subjectId: state.escalationId,
    subjectCode: state.subjectCode,
    subjectName: state.subjectName,
    dueOn: state.dueDate,
    level: state.level,
  };
  const todos: Todo[] = [];
  const { actor } = ctx;
  const item = state.itemName.replace(/[。；;.\s]+$/u, '');
  if (actor.roles.includes('project-lead') && actor.department !== null && actor.department === state.department) {
    const instructed = state.actions.some((a) => a.type === 'LeadershipInstructed' || a.type === 'SupervisionNoticeIssued');
    todos.push({
      ...base,
      key: `ESCALATION:${state.escalationId}:department`,
      command: null,
      title: `${instructed ? '落实领导批示和督办要求' : `办理${escalationLevelLabels[state.level]}`}：${item}`,
      link: escalationSubjectLink(state),
    });
  }
  if (actor.roles.includes('leadership') && state.level >= LEADERSHIP_TODO_MIN_LEVEL && state.actions.length === 0) {
    const allowed = allowedSet(escalationAllowedActions(state, ctx));
    if (allowed.has('AcknowledgeEscalation')) {
      todos.push({
        ...base,
        key: `ESCALATION:${state.escalationId}:AcknowledgeEscalation`,
        command: 'AcknowledgeEscalation',
        title: `签阅${escalationLevelLabels[state.level]}：${item}`,
        link: '/',
      });
    }
  }
  return todos;
}

/** Oldest due first; those without a date last; then by subject code. */
export function compareTodos(a: Todo, b: Todo): number {
  if (a.dueOn !== b.dueOn) {
    if (a.dueOn === null) return 1;
    if (b.dueOn === null) return -1;
    return a.dueOn < b.dueOn ? -1 : 1;
  }
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

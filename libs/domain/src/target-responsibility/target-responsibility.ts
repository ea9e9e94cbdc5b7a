import type { DeadlineItem } from '../escalation/deadline-item';
import { departmentName, findDepartment } from '../reference/departments';
import type { Actor, Role } from '../shared/actor';
import { shanghaiDate, type CalendarDate } from '../shared/dates';
import type { CommandContext, Decider, DomainEvent } from '../shared/decider';
import { InvalidValue, NotPermitted } from '../shared/errors';

/**
 * 目标责任书: what a department answers for in a year, derived from the log (never typed twice):
 * the milestones of the key projects it leads due in the year, the yearly targets of the indicators
 * it leads, and the deadlines of the rectification orders it leads due in the year. Leadership signs
 * a department's list (TargetListSigned, which freezes the entries); later changes are shown against
 * the signed list.
 */

export type TargetEntryKind = 'MILESTONE' | 'INDICATOR_TARGET' | 'ORDER_DEADLINE';

export const targetEntryKindLabels: Record<TargetEntryKind, string> = {
  MILESTONE: '重点工程节点',
  INDICATOR_TARGET: '指标年度目标',
  ORDER_DEADLINE: '整改任务完成时限',
};

export type TargetEntry = {
  /** Stable across versions of the list: `<subject type>:<id>:<item>`. */
  key: string;
  kind: TargetEntryKind;
  subjectId: string;
  code: string;
  name: string;
  itemName: string;
  /** The date in force; null for an indicator (its target is for the year). */
  dueDate: CalendarDate | null;
  /** The indicator's target for the year, with its unit; null for dated items. */
  target: string | null;
  link: string;
};

export interface TargetIndicator {
  id: string;
  code: string;
  name: string;
  department: string | null;
  unit: string | null;
  /** The year's target and where it comes from (年度目标, 序时进度…); null when the plan sets none. */
  target: { value: number; label: string } | null;
}

/** TGT-LIST-1: the entries of a department's list for a year. */
export function targetListOf(department: string, year: number, items: DeadlineItem[], indicators: TargetIndicator[]): TargetEntry[] {
  const inYear = (d: CalendarDate) => d.startsWith(`${year}-`);
  const dated = items
    .filter((i) => i.department === department && inYear(i.dueDate))
    .filter(
      (i) =>
        (i.subjectType === 'KEY_PROJECT' && (i.kind === 'MILESTONE' || i.kind === 'STRIVE_MILESTONE')) ||
        (i.subjectType === 'RECTIFICATION_ORDER' && i.kind === 'ORDER_DEADLINE'),
    )
    .map((i): TargetEntry => ({
      key: `${i.subjectType === 'KEY_PROJECT' ? 'project' : 'order'}:${i.subjectId}:${i.itemId}`,
      kind: i.subjectType === 'KEY_PROJECT' ? 'MILESTONE' : 'ORDER_DEADLINE',
      subjectId: i.subjectId,
      code: i.subjectCode,
      name: i.subjectName,
      itemName: i.itemName,
      dueDate: i.dueDate,
      target: null,
      link: i.subjectType === 'KEY_PROJECT' ? `/projects/${i.subjectId}` : `/orders/${i.subjectId}`,
    }));
  const targets = indicators
    .filter((i) => i.department === department && i.target)
    .map((i): TargetEntry => ({
      key: `indicator:${i.id}:${year}`,
      kind: 'INDICATOR_TARGET',
      subjectId: i.id,
      code: i.code,
      name: i.name,
      itemName: i.target!.label,
      dueDate: null,
      target: `${i.target!.value}${i.unit ?? ''}`,
      link: `/indicators/${i.id}`,
    }));
  const order: Record<TargetEntryKind, number> = { MILESTONE: 0, INDICATOR_TARGET: 1, ORDER_DEADLINE: 2 };
  return [...dated, ...targets].sort(
    (a, b) =>
      order[a.kind] - order[b.kind] ||
      (a.dueDate ?? '').localeCompare(b.dueDate ?? '') ||
      a.code.localeCompare(b.code) ||
      a.key.localeCompare(b.key),
  );
}

export interface TargetListChanges {
  added: TargetEntry[];
  removed: TargetEntry[];
  changed: Array<{ before: TargetEntry; after: TargetEntry; what: string }>;
}

/** What changed since the list was signed: entries added, dropped, or with another date or target. */
export function targetListChanges(signed: TargetEntry[], current: TargetEntry[]): TargetListChanges {
  const before = new Map(signed.map((e) => [e.key, e]));
  const after = new Map(current.map((e) => [e.key, e]));
  const changed: TargetListChanges['changed'] = [];
  for (const [key, now] of after) {
    const then = before.get(key);
    if (!then) continue;
    const what: string[] = [];
    if (then.dueDate !== now.dueDate) what.push(`时限由${then.dueDate ?? '—'}改为${now.dueDate ?? '—'}`);
    if (then.target !== now.target) what.push(`目标由${then.target ?? '—'}改为${now.target ?? '—'}`);
    if (what.length) changed.push({ before: then, after: now, what: what.join('，') });
  }
  return {
    added: current.filter((e) => !before.has(e.key)),
    removed: signed.filter((e) => !after.has(e.key)),
    changed,
  };
}

export interface SignTargetList {
  type: 'SignTargetList';
  year: number;
  department: string;
  /** Filled by the API from the log as it is when signing. */
  entries: TargetEntry[];
  note: string | null;
}
export type TargetResponsibilityCommand = SignTargetList;

export type TargetListSigned = DomainEvent<
  'TargetListSigned',
  {
    year: number;
    department: string;
    entries: TargetEntry[];
    note: string | null;
    signedOn: CalendarDate;
    signedBy: string;
    signedByName: string;
    occurredAt: string;
  }
>;
export type TargetResponsibilityEvent = TargetListSigned;
export const targetResponsibilityEventTypes: readonly TargetResponsibilityEvent['type'][] = ['TargetListSigned'];

export interface TargetResponsibilityState {
  /** The latest signed list of each department. */
  signed: Record<string, TargetListSigned['data']>;
  version: number;
}

/** One stream per year (`target-responsibility-2026`). */
export function targetResponsibilityStreamId(year: string): string {
  return `target-responsibility-${year}`;
}

export const targetResponsibilityCommandRoles: Record<TargetResponsibilityCommand['type'], Role[]> = { SignTargetList: ['leadership'] };

/** TGT-AUTH-1: leadership signs the lists. */
export function authorizeTargetResponsibilityCommand(
  command: TargetResponsibilityCommand,
  _state: TargetResponsibilityState,
  actor: Actor,
): void {
  if (actor.roles.some((r) => targetResponsibilityCommandRoles[command.type].includes(r))) return;
  throw new NotPermitted({
    code: 'ROLE_NOT_PERMITTED',
    titleEn: `${command.type} needs the role leadership`,
    detail: '您的角色无权进行此操作；目标责任书由领导小组签订。',
    rule: 'TGT-AUTH-1',
  });
}

/**
 * TGT-SIGN-1: leadership signs a known department's list for a year of the plan (2021–2030) when it
 * has at least one entry; signing again replaces the signed list (later changes are shown against the
 * latest one).
 */
function decide(command: TargetResponsibilityCommand, _state: TargetResponsibilityState, ctx: CommandContext): TargetResponsibilityEvent[] {
  if (!findDepartment(command.department)) {
    throw new InvalidValue({
      code: 'UNKNOWN_DEPARTMENT',
      titleEn: 'The department is not in the reference list',
      detail: `“${departmentName(command.department)}”不是已登记的单位，请从单位列表中选择。`,
      field: 'department',
      rule: 'TGT-SIGN-1',
    });
  }
  if (command.year < 2021 || command.year > 2030) {
    throw new InvalidValue({
      code: 'YEAR_OUT_OF_RANGE',
      titleEn: 'Year outside the plan',
      detail: '目标责任书的年度应在2021年至2030年之间。',
      field: 'year',
      rule: 'TGT-SIGN-1',
    });
  }
  if (command.entries.length === 0) {
    throw new InvalidValue({
      code: 'EMPTY_TARGET_LIST',
      titleEn: 'Nothing to sign',
      detail: `${departmentName(command.department)}${command.year}年没有应承担的节点、指标目标或整改时限，无需签订目标责任书。`,
      rule: 'TGT-SIGN-1',
    });
  }
  return [
    {
      type: 'TargetListSigned',
      data: {
        year: command.year,
        department: command.department,
        entries: command.entries,
        note: command.note?.trim() || null,
        signedOn: shanghaiDate(ctx.now),
        signedBy: ctx.actor.userId,
        signedByName: ctx.actor.displayName,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
}

export const targetResponsibilityDecider: Decider<TargetResponsibilityState, TargetResponsibilityCommand, TargetResponsibilityEvent> = {
  initialState: () => ({ signed: {}, version: 0 }),
  decide,
  evolve: (state, event) => ({ signed: { ...state.signed, [event.data.department]: event.data }, version: state.version + 1 }),
};

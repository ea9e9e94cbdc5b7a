import { orderName } from '../escalation/deadline-items';
import type { EscalationState } from '../escalation/escalation.state';
import type { KeyProjectState } from '../key-project/key-project.state';
import type { RectificationOrderState } from '../rectification-order/rectification-order.state';
import type { Actor, Role } from '../shared/actor';
import { shanghaiDate, type CalendarDate } from '../shared/dates';
import type { CommandContext, Decider, DomainEvent } from '../shared/decider';
import { InvalidStateTransition, InvalidValue, NotPermitted, RuleViolation } from '../shared/errors';

/**
 * 催办: leadership or the supervision office presses the department responsible for an open item
 * (a rectification order, a key project or an escalation) to act. A 催办 is a record of its own (one
 * stream each, like a 通报); sending it is its only command. The message centre delivers it to the
 * department (docs/architecture.md, 消息中心).
 */
export type ReminderSubjectType = 'RECTIFICATION_ORDER' | 'KEY_PROJECT' | 'ESCALATION';

/** What the command path reads from the subject's stream before deciding. */
export interface ReminderSubject {
  type: ReminderSubjectType;
  id: string;
  code: string;
  name: string;
  department: string | null;
  /** Whether the item still waits on someone (not closed, accepted, cancelled or resolved). */
  open: boolean;
}

export interface SendReminder {
  type: 'SendReminder';
  reminderId: string;
  subjectType: ReminderSubjectType;
  subjectId: string;
  text: string;
  /** Filled by the command path from the subject's stream; null when the subject does not exist. */
  subject?: ReminderSubject | null;
}

export type ReminderCommand = SendReminder;
export type ReminderCommandType = ReminderCommand['type'];

export type ReminderSent = DomainEvent<
  'ReminderSent',
  {
    reminderId: string;
    subjectType: ReminderSubjectType;
    subjectId: string;
    subjectCode: string;
    subjectName: string;
    department: string;
    text: string;
    sentOn: CalendarDate;
    sentBy: string;
    sentByName: string;
    occurredAt: string;
  }
>;

export type ReminderEvent = ReminderSent;
export type ReminderEventType = ReminderEvent['type'];
export const reminderEventTypes: readonly ReminderEventType[] = ['ReminderSent'];

export interface ReminderState {
  status: 'SENT' | null;
  reminder: ReminderSent['data'] | null;
  version: number;
}

export function reminderStreamId(id: string): string {
  return `reminder-${id}`;
}

export const reminderCommandRoles: Record<ReminderCommandType, Role[]> = { SendReminder: ['leadership', 'supervision-office'] };

/** REM-AUTH-1: leadership and the supervision office send 催办. */
export function authorizeReminderCommand(command: ReminderCommand, _state: ReminderState, actor: Actor): void {
  const allowed = reminderCommandRoles[command.type];
  if (actor.roles.some((r) => allowed.includes(r))) return;
  throw new NotPermitted({
    code: 'ROLE_NOT_PERMITTED',
    titleEn: `${command.type} needs one of the roles: ${allowed.join(', ')}`,
    detail: '您的角色无权进行此操作；催办仅限领导小组和整改办（督查办）发出。',
    rule: 'REM-AUTH-1',
  });
}

export function orderReminderSubject(state: RectificationOrderState): ReminderSubject {
  return {
    type: 'RECTIFICATION_ORDER',
    id: state.orderId,
    code: state.code,
    // As deadlines and escalations name it: a petition case by what it is, not its content (ORD-READ-1), as the log is read widely.
    name: orderName(state),
    department: state.leadDepartment,
    open: state.status !== null && state.status !== 'CLOSED',
  };
}

export function keyProjectReminderSubject(state: KeyProjectState): ReminderSubject {
  return {
    type: 'KEY_PROJECT',
    id: state.projectId,
    code: state.code,
    name: state.name,
    department: state.leadDepartment,
    open: state.status !== null && state.status !== 'ACCEPTED' && state.status !== 'CANCELLED',
  };
}

export function escalationReminderSubject(state: EscalationState): ReminderSubject {
  return {
    type: 'ESCALATION',
    id: state.escalationId,
    code: state.subjectCode,
    name: state.itemName,
    department: state.department,
    open: state.status === 'OPEN',
  };
}

const subjectLabels: Record<ReminderSubjectType, string> = {
  RECTIFICATION_ORDER: '整改任务',
  KEY_PROJECT: '重点工程',
  ESCALATION: '督办预警',
};

/**
 * REM-SEND-1: a 催办 is sent once, on an existing item that is still open and has a lead department
 * (an item waiting for 交办 is the office's own to-do), with a text saying what is wanted.
 */
function decide(command: ReminderCommand, state: ReminderState, ctx: CommandContext): ReminderEvent[] {
  if (state.status !== null) {
    throw new RuleViolation({
      code: 'REMINDER_ALREADY_SENT',
      titleEn: 'The reminder has already been sent',
      detail: '该催办已经发出，不能重复发出。',
      rule: 'REM-SEND-1',
    });
  }
  const subject = command.subject;
  const what = subjectLabels[command.subjectType];
  if (!subject) {
    throw new InvalidValue({
      code: 'SUBJECT_NOT_FOUND',
      titleEn: 'The item to remind about does not exist',
      detail: `要催办的${what}（编号 ${command.subjectId}）不存在，请核对编号。`,
      field: 'subjectId',
      rule: 'REM-SEND-1',
    });
  }
  if (!subject.open) {
    throw new InvalidStateTransition({
      code: 'SUBJECT_NOT_OPEN',
      titleEn: 'Only open items can be reminded about',
      detail: `${what}“${subject.code}”已办结（已销号、已验收、已撤销或预警已解除），无需催办。`,
      currentStatus: null,
      allowedStatuses: [],
      rule: 'REM-SEND-1',
    });
  }
  if (subject.department === null) {
    throw new RuleViolation({
      code: 'SUBJECT_NOT_ASSIGNED',
      titleEn: 'The item has no lead department to remind',
      detail: `${what}“${subject.code}”尚未交办，没有可催办的牵头单位；请先交办。`,
      rule: 'REM-SEND-1',
    });
  }
  const text = command.text.trim();
  if (!text) {
    throw new InvalidValue({ code: 'TEXT_REQUIRED', titleEn: 'text must not be empty', detail: '请填写催办内容。', field: 'text' });
  }
  return [
    {
      type: 'ReminderSent',
      data: {
        reminderId: command.reminderId,
        subjectType: subject.type,
        subjectId: subject.id,
        subjectCode: subject.code,
        subjectName: subject.name,
        department: subject.department,
        text,
        sentOn: shanghaiDate(ctx.now),
        sentBy: ctx.actor.userId,
        sentByName: ctx.actor.displayName,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
}

export const reminderDecider: Decider<ReminderState, ReminderCommand, ReminderEvent> = {
  initialState: () => ({ status: null, reminder: null, version: 0 }),
  decide,
  evolve: (state, event) => ({ status: 'SENT', reminder: event.data, version: state.version + 1 }),
};

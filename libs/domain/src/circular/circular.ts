import { departmentName, findDepartment } from '../reference/departments';
import type { Actor, Role } from '../shared/actor';
import { shanghaiDate, type CalendarDate } from '../shared/dates';
import type { CommandContext, Decider, DomainEvent } from '../shared/decider';
import { InvalidValue, NotPermitted, RuleViolation } from '../shared/errors';

/**
 * 通报: a circular leadership issues naming an escalation (and so its item and department) or a
 * department. A circular is a record of its own (one stream each), so it can later be kept as an
 * official document; issuing one is its only command.
 */

export type CircularSubject =
  | {
      type: 'ESCALATION';
      escalationId: string;
      /** Filled by the command path from the escalation's stream. */
      subjectCode: string;
      itemName: string;
      department: string | null;
    }
  | { type: 'DEPARTMENT'; department: string };

export interface IssueCircular {
  type: 'IssueCircular';
  circularId: string;
  subject: CircularSubject;
  /** 文号, e.g. 牡整改办通〔2025〕3号 */
  documentNumber: string | null;
  title: string;
  text: string;
}

export type CircularCommand = IssueCircular;
export type CircularCommandType = CircularCommand['type'];

export type CircularIssued = DomainEvent<
  'CircularIssued',
  {
    circularId: string;
    subject: CircularSubject;
    documentNumber: string | null;
    title: string;
    text: string;
    issuedOn: CalendarDate;
    issuedBy: string;
    issuedByName: string;
    occurredAt: string;
  }
>;

export type CircularEvent = CircularIssued;
export type CircularEventType = CircularEvent['type'];
export const circularEventTypes: readonly CircularEventType[] = ['CircularIssued'];

export interface CircularState {
  status: 'ISSUED' | null;
  circular: CircularIssued['data'] | null;
  version: number;
}

export function circularStreamId(id: string): string {
  return `circular-${id}`;
}

export const circularCommandRoles: Record<CircularCommandType, Role[]> = { IssueCircular: ['leadership'] };

/** CIR-AUTH-1: circulars are leadership's. */
export function authorizeCircularCommand(command: CircularCommand, _state: CircularState, actor: Actor): void {
  const allowed = circularCommandRoles[command.type];
  if (actor.roles.some((r) => allowed.includes(r))) return;
  throw new NotPermitted({
    code: 'ROLE_NOT_PERMITTED',
    titleEn: `${command.type} needs one of the roles: ${allowed.join(', ')}`,
    detail: '您的角色无权进行此操作；通报仅限领导小组发布。',
    rule: 'CIR-AUTH-1',
  });
}

function text(value: string, field: string, labelZh: string): string {
  const trimmed = value.trim();
  if (!trimmed)
    throw new InvalidValue({ code: 'TEXT_REQUIRED', titleEn: `${field} must not be empty`, detail: `请填写${labelZh}。`, field });
  return trimmed;
}

/** CIR-ISSUE-1: a circular is issued once, on a known department or an existing escalation, with a title and a text. */
function decide(command: CircularCommand, state: CircularState, ctx: CommandContext): CircularEvent[] {
  if (state.status !== null) {
    throw new RuleViolation({
      code: 'CIRCULAR_ALREADY_ISSUED',
      titleEn: 'The circular has already been issued',
      detail: '该通报已经发布，不能重复发布。',
      rule: 'CIR-ISSUE-1',
    });
  }
  const subject = command.subject;
  if (subject.type === 'DEPARTMENT' && !findDepartment(subject.department)) {
    throw new InvalidValue({
      code: 'UNKNOWN_DEPARTMENT',
      titleEn: 'The department is not in the reference list',
      detail: `“${departmentName(subject.department)}”不是已登记的单位，请从单位列表中选择被通报单位。`,
      field: 'subject.department',
      rule: 'CIR-ISSUE-1',
    });
  }
  return [
    {
      type: 'CircularIssued',
      data: {
        circularId: command.circularId,
        subject: { ...subject },
        documentNumber: command.documentNumber?.trim() || null,
        title: text(command.title, 'title', '通报标题'),
        text: text(command.text, 'text', '通报内容'),
        issuedOn: shanghaiDate(ctx.now),
        issuedBy: ctx.actor.userId,
        issuedByName: ctx.actor.displayName,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
}

export const circularDecider: Decider<CircularState, CircularCommand, CircularEvent> = {
  initialState: () => ({ status: null, circular: null, version: 0 }),
  decide,
  evolve: (state, event) => ({ status: 'ISSUED', circular: event.data, version: state.version + 1 }),
};

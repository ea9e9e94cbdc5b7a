import type { Actor, Role } from '../shared/actor';
import { isValidCalendarDate, shanghaiDate } from '../shared/dates';
import type { CommandContext, Decider } from '../shared/decider';
import { allowedActionsOf, type AllowedAction } from '../shared/allowed-actions';
import { InvalidStateTransition, InvalidValue, NotPermitted, RuleViolation, type DomainError } from '../shared/errors';
import type { EscalationCommand, EscalationCommandType } from './escalation.commands';
import type { EscalationEvent } from './escalation.events';
import { evolveEscalation, initialEscalationState, type EscalationState } from './escalation.state';

/**
 * Who may act on an escalation. Raising and resolving are the scheduler's (no human role). The
 * supervision office (督查办) may acknowledge and issue a supervision notice (督办单), which it drafts
 * and sends in practice; instructions (批示), summons (约谈) and accountability (问责) are the
 * leadership group's alone.
 */
export const escalationCommandRoles: Record<EscalationCommandType, Role[]> = {
  RaiseEscalation: [],
  ResolveEscalation: [],
  AcknowledgeEscalation: ['leadership', 'supervision-office'],
  InstructOnEscalation: ['leadership'],
  IssueSupervisionNotice: ['leadership', 'supervision-office'],
  SummonResponsibleLeader: ['leadership'],
  ReferForAccountability: ['leadership'],
};

const roleNames: Record<Role, string> = {
  'project-lead': '责任单位',
  'supervision-office': '整改办（督查办）',
  leadership: '领导小组',
  integrator: '外部系统',
  admin: '系统管理员',
  assessor: '第三方评估机构',
};

/** The refusal of an actor whose role may not send the command, or undefined (ESC-AUTH-1). */
export function escalationPermissionError(type: EscalationCommandType, actor: Actor): NotPermitted | undefined {
  const allowed = escalationCommandRoles[type];
  if (actor.roles.some((r) => allowed.includes(r))) return undefined;
  return new NotPermitted({
    code: 'ROLE_NOT_PERMITTED',
    titleEn: allowed.length ? `${type} needs one of the roles: ${allowed.join(', ')}` : `${type} is sent by the scheduler only`,
    detail: allowed.length
      ? `您的角色无权进行此操作；该操作仅限${allowed.map((r) => roleNames[r]).join('、')}办理。`
      : '预警由系统根据时限自动生成和解除，不能手工操作。',
    rule: 'ESC-AUTH-1',
  });
}

export function authorizeEscalationCommand(command: EscalationCommand, _state: EscalationState, actor: Actor): void {
  const refusal = escalationPermissionError(command.type, actor);
  if (refusal) throw refusal;
}

/** ESC-STATE-1: people act on open escalations. */
function notOpen(state: EscalationState, command: EscalationCommandType): DomainError | undefined {
  if (state.status === 'OPEN') return undefined;
  return new InvalidStateTransition({
    code: 'ESCALATION_NOT_OPEN',
    titleEn: `${command} needs an open escalation`,
    detail:
      state.status === 'RESOLVED'
        ? '该预警已解除（已完成、已延期或已升级），不能再办理；如需追究责任，请使用“移交问责”。'
        : '未找到该预警。',
    currentStatus: state.status,
    allowedStatuses: ['OPEN'],
    rule: 'ESC-STATE-1',
  });
}

function requireText(value: string, field: string, what: string): string {
  const text = value.trim();
  if (!text) {
    throw new InvalidValue({ code: 'TEXT_REQUIRED', titleEn: `${field} must not be empty`, detail: `请填写${what}。`, field });
  }
  return text;
}

const by = (ctx: CommandContext) => ({ by: ctx.actor.userId, byName: ctx.actor.displayName, occurredAt: ctx.now.toISOString() });

/** What each command needs of the escalation whatever its body (no permission: the scheduler sends some of them). */
const guards: Record<EscalationCommandType, (state: EscalationState) => DomainError | undefined> = {
  RaiseEscalation: (state) =>
    state.status === null
      ? undefined
      : new RuleViolation({
          code: 'ESCALATION_ALREADY_RAISED',
          titleEn: 'This escalation was raised already',
          detail: '该预警已生成，不会重复生成。',
          rule: 'ESC-RAISE-1',
        }),
  AcknowledgeEscalation: (state) =>
    notOpen(state, 'AcknowledgeEscalation') ??
    (state.acknowledgedAt
      ? new RuleViolation({
          code: 'ESCALATION_ALREADY_ACKNOWLEDGED',
          titleEn: 'The escalation was acknowledged already',
          detail: '该预警已签阅，无需重复签阅；如有要求请使用“批示”。',
          rule: 'ESC-ACK-1',
        })
      : undefined),
  InstructOnEscalation: (state) => notOpen(state, 'InstructOnEscalation'),
  IssueSupervisionNotice: (state) => notOpen(state, 'IssueSupervisionNotice'),
  SummonResponsibleLeader: (state) => notOpen(state, 'SummonResponsibleLeader'),
  // Accountability may follow a late completion, so a resolved escalation can still be referred.
  ReferForAccountability: (state) => (state.status === null ? notOpen(state, 'ReferForAccountability') : undefined),
  ResolveEscalation: (state) => notOpen(state, 'ResolveEscalation'),
};

/**
 * Why the actor may not act on the escalation now, whatever the body, or undefined: permission (403),
 * then the escalation's status (409). The HTTP path authorizes, then decides; the scheduler only decides.
 */
export function escalationGuard(type: EscalationCommandType, state: EscalationState, ctx: CommandContext): DomainError | undefined {
  return escalationPermissionError(type, ctx.actor) ?? guards[type](state);
}

/** The commands people send to an escalation (raising and resolving are the scheduler's). */
export const escalationActionCommandTypes: readonly EscalationCommandType[] = (
  Object.keys(escalationCommandRoles) as EscalationCommandType[]
).filter((t) => escalationCommandRoles[t].length > 0);

/** The actions the actor's roles may take on this escalation, each allowed or not now, with the reason. */
export function escalationAllowedActions(state: EscalationState, ctx: CommandContext): AllowedAction<EscalationCommandType>[] {
  return allowedActionsOf(
    escalationActionCommandTypes,
    (type, actor) => actor.roles.some((r) => escalationCommandRoles[type].includes(r)),
    escalationGuard,
    state,
    ctx,
  );
}

function decide(command: EscalationCommand, state: EscalationState, ctx: CommandContext): EscalationEvent[] {
  const refusal = guards[command.type](state);
  if (refusal) throw refusal;
  switch (command.type) {
    case 'RaiseEscalation': {
      const { type: _type, ...data } = command;
      return [{ type: 'EscalationRaised', data: { ...data, raisedOn: shanghaiDate(ctx.now), occurredAt: ctx.now.toISOString() } }];
    }
    case 'AcknowledgeEscalation':
      return [{ type: 'EscalationAcknowledged', data: { note: command.note?.trim() || null, ...by(ctx) } }];
    case 'InstructOnEscalation':
      return [{ type: 'LeadershipInstructed', data: { text: requireText(command.text, 'text', '批示内容'), ...by(ctx) } }];
    case 'IssueSupervisionNotice':
      return [
        {
          type: 'SupervisionNoticeIssued',
          data: { noticeNumber: command.noticeNumber?.trim() || null, text: requireText(command.text, 'text', '督办要求'), ...by(ctx) },
        },
      ];
    case 'SummonResponsibleLeader':
      if (!isValidCalendarDate(command.date)) {
        throw new InvalidValue({
          code: 'INVALID_DATE',
          titleEn: 'date must be YYYY-MM-DD',
          detail: '约谈日期格式应为 YYYY-MM-DD。',
          field: 'date',
        });
      }
      return [
        {
          type: 'SummonsIssued',
          data: {
            date: command.date,
            attendee: requireText(command.attendee, 'attendee', '被约谈人'),
            place: command.place?.trim() || null,
            note: command.note?.trim() || null,
            ...by(ctx),
          },
        },
      ];
    case 'ReferForAccountability':
      return [{ type: 'AccountabilityReferred', data: { reason: requireText(command.reason, 'reason', '问责事由'), ...by(ctx) } }];
    case 'ResolveEscalation':
      return [
        {
          type: 'EscalationResolved',
          data: { reason: command.reason, note: command.note, resolvedOn: shanghaiDate(ctx.now), occurredAt: ctx.now.toISOString() },
        },
      ];
  }
}

export const escalationDecider: Decider<EscalationState, EscalationCommand, EscalationEvent> = {
  initialState: initialEscalationState,
  decide,
  evolve: evolveEscalation,
};

import type { Actor, Role } from '../shared/actor';
import { isValidCalendarDate, shanghaiDate } from '../shared/dates';
import type { CommandContext, Decider } from '../shared/decider';
import { InvalidStateTransition, InvalidValue, NotPermitted, RuleViolation } from '../shared/errors';
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
};

export function authorizeEscalationCommand(command: EscalationCommand, _state: EscalationState, actor: Actor): void {
  const allowed = escalationCommandRoles[command.type];
  if (actor.roles.some((r) => allowed.includes(r))) return;
  throw new NotPermitted({
    code: 'ROLE_NOT_PERMITTED',
    titleEn: allowed.length
      ? `${command.type} needs one of the roles: ${allowed.join(', ')}`
      : `${command.type} is sent by the scheduler only`,
    detail: allowed.length
      ? `您的角色无权进行此操作；该操作仅限${allowed.map((r) => roleNames[r]).join('、')}办理。`
      : '预警由系统根据时限自动生成和解除，不能手工操作。',
  });
}

function requireOpen(state: EscalationState, command: EscalationCommandType): void {
  if (state.status === 'OPEN') return;
  throw new InvalidStateTransition({
    code: 'ESCALATION_NOT_OPEN',
    titleEn: `${command} needs an open escalation`,
    detail:
      state.status === 'RESOLVED'
        ? '该预警已解除（已完成、已延期或已升级），不能再办理；如需追究责任，请使用“移交问责”。'
        : '未找到该预警。',
    currentStatus: state.status,
    allowedStatuses: ['OPEN'],
    rule: 'DOMAIN.md: leadership acts on open escalations',
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

function decide(command: EscalationCommand, state: EscalationState, ctx: CommandContext): EscalationEvent[] {
  switch (command.type) {
    case 'RaiseEscalation': {
      if (state.status !== null) {
        throw new RuleViolation({
          code: 'ESCALATION_ALREADY_RAISED',
          titleEn: 'This escalation was raised already',
          detail: '该预警已生成，不会重复生成。',
          rule: 'DOMAIN.md: a late or duplicate timer tick changes nothing',
        });
      }
      const { type: _type, ...data } = command;
      return [{ type: 'EscalationRaised', data: { ...data, raisedOn: shanghaiDate(ctx.now), occurredAt: ctx.now.toISOString() } }];
    }
    case 'AcknowledgeEscalation':
      requireOpen(state, command.type);
      if (state.acknowledgedAt) {
        throw new RuleViolation({
          code: 'ESCALATION_ALREADY_ACKNOWLEDGED',
          titleEn: 'The escalation was acknowledged already',
          detail: '该预警已签阅，无需重复签阅；如有要求请使用“批示”。',
          rule: 'acknowledged once',
        });
      }
      return [{ type: 'EscalationAcknowledged', data: { note: command.note?.trim() || null, ...by(ctx) } }];
    case 'InstructOnEscalation':
      requireOpen(state, command.type);
      return [{ type: 'LeadershipInstructed', data: { text: requireText(command.text, 'text', '批示内容'), ...by(ctx) } }];
    case 'IssueSupervisionNotice':
      requireOpen(state, command.type);
      return [
        {
          type: 'SupervisionNoticeIssued',
          data: { noticeNumber: command.noticeNumber?.trim() || null, text: requireText(command.text, 'text', '督办要求'), ...by(ctx) },
        },
      ];
    case 'SummonResponsibleLeader':
      requireOpen(state, command.type);
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
      // Accountability may follow a late completion, so a resolved escalation can still be referred.
      if (state.status === null) requireOpen(state, command.type);
      return [{ type: 'AccountabilityReferred', data: { reason: requireText(command.reason, 'reason', '问责事由'), ...by(ctx) } }];
    case 'ResolveEscalation':
      requireOpen(state, command.type);
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

import type { Actor, Role } from '../shared/actor';
import { shanghaiDate, type CalendarDate } from '../shared/dates';
import type { CommandContext, Decider, DomainEvent } from '../shared/decider';
import { InvalidValue, NotPermitted, RuleViolation } from '../shared/errors';

/**
 * A data subject (数据主体) of the personal-data store: a petitioner of one petition case, or the
 * person responsible for one order. Its stream, `personal-data-<subjectId>`, records only that the
 * subject was erased, by whom and why: never the data itself. Erasing destroys the subject's key
 * (crypto-shredding); the log stays append-only (PD-ERASE-1).
 */

export type PersonalDataSubjectKind = 'PETITIONER' | 'RESPONSIBLE_PERSON';

export const personalDataSubjectKindLabels: Record<PersonalDataSubjectKind, string> = {
  PETITIONER: '信访人',
  RESPONSIBLE_PERSON: '责任人',
};

export interface ErasePersonalData {
  type: 'ErasePersonalData';
  subjectId: string;
  /** Filled by the command path from the store: whose data it is. */
  kind: PersonalDataSubjectKind;
  /** The order the subject belongs to; filled by the command path. */
  orderId: string | null;
  /** 删除依据, e.g. 信访人依《个人信息保护法》第四十七条申请删除. */
  reason: string;
}

export type PersonalDataCommand = ErasePersonalData;
export type PersonalDataCommandType = PersonalDataCommand['type'];

export type PersonalDataErased = DomainEvent<
  'PersonalDataErased',
  {
    subjectId: string;
    kind: PersonalDataSubjectKind;
    orderId: string | null;
    reason: string;
    erasedOn: CalendarDate;
    erasedBy: string;
    occurredAt: string;
  }
>;

export type PersonalDataEvent = PersonalDataErased;
export type PersonalDataEventType = PersonalDataEvent['type'];
export const personalDataEventTypes: readonly PersonalDataEventType[] = ['PersonalDataErased'];

export interface PersonalDataState {
  erased: PersonalDataErased['data'] | null;
  version: number;
}

export function personalDataStreamId(subjectId: string): string {
  return `personal-data-${subjectId}`;
}

/** PD-AUTH-1: erasure is decided by leadership or carried out by the system administrator. */
export const personalDataCommandRoles: Record<PersonalDataCommandType, Role[]> = { ErasePersonalData: ['admin', 'leadership'] };

export function authorizePersonalDataCommand(command: PersonalDataCommand, _state: PersonalDataState, actor: Actor): void {
  const allowed = personalDataCommandRoles[command.type];
  if (actor.roles.some((r) => allowed.includes(r))) return;
  throw new NotPermitted({
    code: 'ROLE_NOT_PERMITTED',
    titleEn: `${command.type} needs one of the roles: ${allowed.join(', ')}`,
    detail: '您的角色无权删除个人信息；删除须由领导小组决定或系统管理员办理。',
    rule: 'PD-AUTH-1',
  });
}

/** PD-ERASE-1: a subject is erased once, with a reason; the erasure records no personal data. */
function decide(command: PersonalDataCommand, state: PersonalDataState, ctx: CommandContext): PersonalDataEvent[] {
  if (state.erased) {
    throw new RuleViolation({
      code: 'PERSONAL_DATA_ALREADY_ERASED',
      titleEn: 'The personal data of this subject has already been erased',
      detail: `该数据主体的个人信息已于 ${state.erased.erasedOn} 删除，无需再次删除。`,
      rule: 'PD-ERASE-1',
    });
  }
  const reason = command.reason.trim();
  if (!reason) {
    throw new InvalidValue({
      code: 'TEXT_REQUIRED',
      titleEn: 'reason must not be empty',
      detail: '请填写删除依据（如信访人申请删除、保存期限届满）。',
      field: 'reason',
      rule: 'PD-ERASE-1',
    });
  }
  return [
    {
      type: 'PersonalDataErased',
      data: {
        subjectId: command.subjectId,
        kind: command.kind,
        orderId: command.orderId,
        reason,
        erasedOn: shanghaiDate(ctx.now),
        erasedBy: ctx.actor.userId,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
}

export const personalDataDecider: Decider<PersonalDataState, PersonalDataCommand, PersonalDataEvent> = {
  initialState: () => ({ erased: null, version: 0 }),
  decide,
  evolve: (state, event) => ({ erased: event.data, version: state.version + 1 }),
};

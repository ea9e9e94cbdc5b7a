import type { PersonalText } from '../shared/personal-data';
import type { CalendarDate } from '../shared/dates';
import type { SubjectType } from './deadline-item';
import type { EscalationItemKind } from './escalation-item';
import type { EscalationLevel } from './timeliness';

export type ResolutionReason = 'COMPLETED' | 'EXTENSION_APPROVED' | 'SUPERSEDED' | 'WITHDRAWN';

export const resolutionReasonLabels: Record<ResolutionReason, string> = {
  COMPLETED: '已按要求完成',
  EXTENSION_APPROVED: '时限已调整（延期或基线变更获批）',
  SUPERSEDED: '已升级为更高等级预警',
  WITHDRAWN: '该期限事项已不再适用',
};

/** Sent by the scheduler only. */
export interface RaiseEscalation {
  type: 'RaiseEscalation';
  escalationId: string;
  level: EscalationLevel;
  trigger: string;
  subjectType: SubjectType;
  subjectId: string;
  subjectCode: string;
  subjectName: string;
  itemKind: EscalationItemKind;
  itemId: string;
  itemName: string;
  department: string | null;
  responsiblePerson: PersonalText | null;
  dueDate: CalendarDate;
  originalDueDate: CalendarDate;
}

export interface AcknowledgeEscalation {
  type: 'AcknowledgeEscalation';
  note: string | null;
}

/** 批示 */
export interface InstructOnEscalation {
  type: 'InstructOnEscalation';
  text: string;
}

/** 督办单 */
export interface IssueSupervisionNotice {
  type: 'IssueSupervisionNotice';
  noticeNumber: string | null;
  text: string;
}

/** 约谈 */
export interface SummonResponsibleLeader {
  type: 'SummonResponsibleLeader';
  date: CalendarDate;
  attendee: string;
  place: string | null;
  note: string | null;
}

/** 问责 */
export interface ReferForAccountability {
  type: 'ReferForAccountability';
  reason: string;
}

/** Sent by the scheduler when the item is met, moved or no longer owed. */
export interface ResolveEscalation {
  type: 'ResolveEscalation';
  reason: ResolutionReason;
  note: string;
}

export type EscalationCommand =
  | RaiseEscalation
  | AcknowledgeEscalation
  | InstructOnEscalation
  | IssueSupervisionNotice
  | SummonResponsibleLeader
  | ReferForAccountability
  | ResolveEscalation;

export type EscalationCommandType = EscalationCommand['type'];

import type { PersonalText } from '../shared/personal-data';
import type { CalendarDate } from '../shared/dates';
import type { ResolutionReason } from './escalation.commands';
import type { SubjectType } from './deadline-item';
import type { EscalationItemKind } from './escalation-item';
import type { EscalationEvent } from './escalation.events';
import type { EscalationLevel } from './timeliness';

export type EscalationStatus = 'OPEN' | 'RESOLVED';

export interface EscalationAction {
  type: Exclude<EscalationEvent['type'], 'EscalationRaised' | 'EscalationResolved'>;
  by: string;
  byName: string;
  at: string;
  /** Chinese one-line summary for the queue. */
  text: string;
  details: Record<string, unknown>;
}

export interface EscalationState {
  status: EscalationStatus | null;
  escalationId: string;
  level: EscalationLevel;
  trigger: string;
  subjectType: SubjectType | null;
  subjectId: string;
  subjectCode: string;
  subjectName: string;
  itemKind: EscalationItemKind | null;
  itemId: string;
  itemName: string;
  department: string | null;
  responsiblePerson: PersonalText | null;
  dueDate: CalendarDate | null;
  originalDueDate: CalendarDate | null;
  raisedAt: string | null;
  raisedOn: CalendarDate | null;
  acknowledgedAt: string | null;
  actions: EscalationAction[];
  resolvedAt: string | null;
  resolvedOn: CalendarDate | null;
  resolution: { reason: ResolutionReason; note: string } | null;
  version: number;
}

export function initialEscalationState(): EscalationState {
  return {
    status: null,
    escalationId: '',
    level: 0,
    trigger: '',
    subjectType: null,
    subjectId: '',
    subjectCode: '',
    subjectName: '',
    itemKind: null,
    itemId: '',
    itemName: '',
    department: null,
    responsiblePerson: null,
    dueDate: null,
    originalDueDate: null,
    raisedAt: null,
    raisedOn: null,
    acknowledgedAt: null,
    actions: [],
    resolvedAt: null,
    resolvedOn: null,
    resolution: null,
    version: 0,
  };
}

/** The queue's one-line summary of a leadership action. */
export function escalationActionText(event: EscalationEvent): string {
  switch (event.type) {
    case 'EscalationAcknowledged':
      return event.data.note ? `已阅：${event.data.note}` : '已阅';
    case 'LeadershipInstructed':
      return `批示：${event.data.text}`;
    case 'SupervisionNoticeIssued':
      return `下发督办单${event.data.noticeNumber ? `（${event.data.noticeNumber}）` : ''}：${event.data.text}`;
    case 'SummonsIssued':
      return `约谈 ${event.data.attendee}，时间 ${event.data.date}${event.data.place ? `，地点 ${event.data.place}` : ''}${
        event.data.note ? `；${event.data.note}` : ''
      }`;
    case 'AccountabilityReferred':
      return `移交问责：${event.data.reason}`;
    case 'EscalationRaised':
    case 'EscalationResolved':
      return '';
  }
}

export function evolveEscalation(state: EscalationState, event: EscalationEvent): EscalationState {
  const version = state.version + 1;
  switch (event.type) {
    case 'EscalationRaised': {
      const { occurredAt, raisedOn, ...d } = event.data;
      return { ...state, ...d, status: 'OPEN', raisedAt: occurredAt, raisedOn, version };
    }
    case 'EscalationResolved':
      return {
        ...state,
        status: 'RESOLVED',
        resolvedAt: event.data.occurredAt,
        resolvedOn: event.data.resolvedOn,
        resolution: { reason: event.data.reason, note: event.data.note },
        version,
      };
    default: {
      const { occurredAt, by, byName, ...details } = event.data;
      const action: EscalationAction = { type: event.type, by, byName, at: occurredAt, text: escalationActionText(event), details };
      return {
        ...state,
        acknowledgedAt: event.type === 'EscalationAcknowledged' ? occurredAt : state.acknowledgedAt,
        actions: [...state.actions, action],
        version,
      };
    }
  }
}

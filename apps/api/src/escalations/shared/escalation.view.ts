import {
  escalationLevelLabels,
  resolutionReasonLabels,
  type EscalationAction,
  type EscalationLevel,
  type ResolutionReason,
  personalFromColumn,
} from '@app/domain';

export interface EscalationRow {
  id: string;
  level: number;
  trigger: string;
  status: 'OPEN' | 'RESOLVED';
  subject_type: 'RECTIFICATION_ORDER' | 'KEY_PROJECT' | 'INDICATOR';
  subject_id: string;
  subject_code: string;
  subject_name: string;
  item_kind: string;
  item_id: string;
  item_name: string;
  department: string | null;
  responsible_person: string | null;
  due_date: string;
  original_due_date: string;
  days_overdue: number;
  raised_at: Date;
  resolved_at: Date | null;
  resolution_reason: ResolutionReason | null;
  resolution_note: string | null;
  actions: EscalationAction[];
  version: number;
}

/** The columns EscalationRow needs, with days overdue as of `today` (a date parameter, Shanghai) for open ones. */
export const escalationSelect = (today: string) => `
  id, level, trigger, status, subject_type, subject_id, subject_code, subject_name, item_kind, item_id, item_name, department,
  responsible_person, due_date::text AS due_date, original_due_date::text AS original_due_date,
  GREATEST(0, coalesce(resolved_on, ${today}::date) - due_date) AS days_overdue,
  raised_at, resolved_at, resolution_reason, resolution_note, actions, version`;

export function escalationView(r: EscalationRow) {
  return {
    id: r.id,
    level: r.level,
    levelLabel: escalationLevelLabels[r.level as EscalationLevel],
    trigger: r.trigger,
    status: r.status,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    subjectCode: r.subject_code,
    subjectName: r.subject_name,
    itemKind: r.item_kind,
    itemId: r.item_id,
    itemName: r.item_name,
    department: r.department,
    responsiblePerson: personalFromColumn(r.responsible_person),
    dueDate: r.due_date,
    originalDueDate: r.original_due_date,
    daysOverdue: Number(r.days_overdue),
    raisedAt: r.raised_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    resolution: r.resolution_reason
      ? { reason: r.resolution_reason, label: resolutionReasonLabels[r.resolution_reason], note: r.resolution_note }
      : null,
    actions: r.actions.map((a) => ({ type: a.type, actor: a.byName, actorId: a.by, at: a.at, text: a.text, details: a.details })),
    version: r.version,
  };
}

export type EscalationView = ReturnType<typeof escalationView>;

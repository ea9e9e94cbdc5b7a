import { personalToColumn, type RectificationOrderState } from '@app/domain';

/** The columns of read_models.rectification_orders derived from the domain state, in SQL order. */
export const ORDER_COLUMNS = [
  'id',
  'code',
  'source',
  'batch',
  'finding',
  'target',
  'deadline_kind',
  'original_deadline',
  'current_deadline',
  'lead_department',
  'cooperating_departments',
  'acceptance_department',
  'responsible_person',
  'status',
  'measures',
  'has_open_objection',
  'notice_starts_on',
  'notice_ends_on',
  'petition_finding',
  'petition_forwarded_on',
  'petition_report_due_on',
  'linked_order_id',
  'extensions',
  'evidence_count',
  'issued_on',
  'closed_on',
  'search_text',
] as const;

export function orderColumns(id: string, s: RectificationOrderState): unknown[] {
  const notice = s.publicNotice;
  return [
    id,
    s.code,
    s.source,
    s.batch,
    s.finding,
    s.target,
    s.deadlineKind,
    s.originalDeadline,
    s.currentDeadline,
    s.leadDepartment,
    s.cooperatingDepartments,
    s.acceptanceDepartment,
    personalToColumn(s.responsiblePerson),
    s.status,
    JSON.stringify(
      s.measures.map((m) => ({
        measureId: m.measureId,
        description: m.description,
        dueDate: m.dueDate,
        status: m.status,
        completedOn: m.completedOn,
      })),
    ),
    s.objections.some((o) => o.status === 'OPEN'),
    notice?.publishedOn ?? null,
    notice?.endsOn ?? null,
    s.petition?.finding ?? null,
    s.petition?.forwardedOn ?? null,
    s.petition?.reportDueOn ?? null,
    s.petition?.stagedConclusion?.linkedOrderId ?? null,
    JSON.stringify(s.extensions),
    s.evidence.length,
    s.issuedOn,
    s.closedOn,
    // Personal data held as a reference is not searchable: the read model never holds its text.
    [s.code, s.batch, s.finding, s.target, typeof s.responsiblePerson === 'string' ? s.responsiblePerson : '', s.petition?.caseNumber ?? '']
      .join('\n')
      .toLowerCase(),
  ];
}

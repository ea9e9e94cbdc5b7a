import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { shanghaiDate } from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { Clock } from '@app/platform';
import { escalationSelect, escalationView, type EscalationRow } from '../../shared/escalation.view';
import type { EscalationSort } from './list-escalations.dto';
import { ListEscalationsQuery, type EscalationPage } from './list-escalations.query';

const SORT_COLUMNS: Record<string, string> = {
  level: 'e.level',
  daysOverdue: 'days_overdue',
  raisedAt: 'e.raised_at',
  dueDate: 'e.due_date',
};

/**
 * The queue's order: highest level first, then the earliest due date (for open escalations that is
 * "most days overdue" first), so escalations_queue_idx hands out a page without sorting the queue.
 */
const QUEUE_ORDER = 'e.level DESC, e.due_date ASC, e.raised_at ASC, e.id ASC';

function orderBy(sort: EscalationSort | undefined): string {
  if (!sort || sort === '-level') return QUEUE_ORDER;
  const descending = sort.startsWith('-');
  const column = SORT_COLUMNS[descending ? sort.slice(1) : sort];
  return `${column} ${descending ? 'DESC' : 'ASC'}, ${QUEUE_ORDER}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@QueryHandler(ListEscalationsQuery)
export class ListEscalationsHandler implements IQueryHandler<ListEscalationsQuery> {
  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly clock: Clock,
  ) {}

  async execute({ filter }: ListEscalationsQuery): Promise<EscalationPage> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (filter.level !== undefined) where.push(`e.level = ${param(filter.level)}`);
    if (filter.status) where.push(`e.status = ${param(filter.status)}`);
    if (filter.department) where.push(`e.department = ${param(filter.department)}`);
    if (filter.subjectType) where.push(`e.subject_type = ${param(filter.subjectType)}`);
    if (filter.subjectId) {
      // Not a UUID: no subject has it (compared as uuid, so the subject index serves the others).
      where.push(UUID.test(filter.subjectId) ? `e.subject_id = ${param(filter.subjectId)}::uuid` : 'false');
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // Without a subject, every filter is a column of escalation_counts: sum its groups instead of counting the queue.
    const countSql = filter.subjectId
      ? `SELECT count(*) FROM read_models.escalations e ${clause}`
      : `SELECT coalesce(sum(e.n), 0) AS count FROM read_models.escalation_counts e ${clause}`;
    const countParams = [...params];
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 20;
    const [total, { rows }] = await Promise.all([
      this.pool.query<{ count: string }>(countSql, countParams),
      this.pool.query<EscalationRow>(
        `SELECT ${escalationSelect(param(shanghaiDate(this.clock.now())))} FROM read_models.escalations e ${clause}
         ORDER BY ${orderBy(filter.sort)} LIMIT ${param(pageSize)} OFFSET ${param((page - 1) * pageSize)}`,
        params,
      ),
    ]);
    return { items: rows.map(escalationView), total: Number(total.rows[0]?.count ?? 0), page, pageSize };
  }
}

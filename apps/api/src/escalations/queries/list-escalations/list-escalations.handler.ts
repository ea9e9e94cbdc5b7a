import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { shanghaiDate } from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { Clock } from '@app/platform';
import { ESCALATION_SELECT, escalationView, type EscalationRow } from '../../shared/escalation.view';
import type { EscalationSort } from './list-escalations.dto';
import { ListEscalationsQuery, type EscalationPage } from './list-escalations.query';

const SORT_COLUMNS: Record<string, string> = {
  level: 'level',
  daysOverdue: 'days_overdue',
  raisedAt: 'raised_at',
  dueDate: 'due_date',
};

function orderBy(sort: EscalationSort | undefined): string {
  if (!sort) return 'level DESC, days_overdue DESC, raised_at ASC, id ASC';
  const descending = sort.startsWith('-');
  const column = SORT_COLUMNS[descending ? sort.slice(1) : sort];
  return `${column} ${descending ? 'DESC' : 'ASC'}, level DESC, days_overdue DESC, id ASC`;
}

@QueryHandler(ListEscalationsQuery)
export class ListEscalationsHandler implements IQueryHandler<ListEscalationsQuery> {
  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly clock: Clock,
  ) {}

  async execute({ filter }: ListEscalationsQuery): Promise<EscalationPage> {
    const params: unknown[] = [shanghaiDate(this.clock.now())];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (filter.level !== undefined) where.push(`level = ${param(filter.level)}`);
    if (filter.status) where.push(`status = ${param(filter.status)}`);
    if (filter.department) where.push(`department = ${param(filter.department)}`);
    if (filter.subjectType) where.push(`subject_type = ${param(filter.subjectType)}`);
    if (filter.subjectId) where.push(`subject_id::text = ${param(filter.subjectId.toLowerCase())}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 20;
    const source = `(SELECT ${ESCALATION_SELECT} FROM read_models.escalations ${clause}) e`;
    const total = await this.pool.query<{ count: string }>(`SELECT count(*) FROM ${source}`, [...params]);
    const { rows } = await this.pool.query<EscalationRow>(
      `SELECT * FROM ${source}
       ORDER BY ${orderBy(filter.sort)} LIMIT ${param(pageSize)} OFFSET ${param((page - 1) * pageSize)}`,
      params,
    );
    return { items: rows.map(escalationView), total: Number(total.rows[0]?.count ?? 0), page, pageSize };
  }
}

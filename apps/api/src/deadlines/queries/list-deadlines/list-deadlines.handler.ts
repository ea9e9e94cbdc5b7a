import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { deadlineItemKindLabels, shanghaiDate, type DeadlineItemKind, personalFromColumn } from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { AppConfig, Clock } from '@app/platform';
import { timelinessFilterSql, timelinessSql, type TimelinessParams } from '@app/read-models';
import type { DeadlineSort } from './list-deadlines.dto';
import { ListDeadlinesQuery, type DeadlinePage, type DeadlineView } from './list-deadlines.query';

const SORT_COLUMNS: Record<string, string> = { dueDate: 'due_date', originalDueDate: 'original_due_date', subjectCode: 'subject_code' };

function orderBy(sort: DeadlineSort | undefined): string {
  const key = sort ?? 'dueDate';
  const descending = key.startsWith('-');
  return `d.${SORT_COLUMNS[descending ? key.slice(1) : key]} ${descending ? 'DESC' : 'ASC'}, d.subject_code ASC, d.item_id ASC`;
}

interface Row {
  subject_type: DeadlineView['subjectType'];
  subject_id: string;
  subject_code: string;
  subject_name: string;
  kind: DeadlineItemKind;
  item_id: string;
  item_name: string;
  due_date: string;
  original_due_date: string;
  department: string | null;
  responsible_person: string | null;
  timeliness: DeadlineView['timeliness'];
  done_on: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@QueryHandler(ListDeadlinesQuery)
export class ListDeadlinesHandler implements IQueryHandler<ListDeadlinesQuery> {
  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async execute({ filter }: ListDeadlinesQuery): Promise<DeadlinePage> {
    const t = this.config.escalationThresholds;
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    // The inputs of the timeliness rule, each bound once and only where a statement uses it.
    const once = (value: () => unknown) => {
      let placeholder: string | null = null;
      return () => (placeholder ??= param(value()));
    };
    const rule: TimelinessParams = {
      today: once(() => shanghaiDate(this.clock.now())),
      yellowDays: once(() => t.yellowDays),
      noticeDays: once(() => Math.max(0, ...t.noticeDays)),
    };
    const where: string[] = [];
    if (filter.from) where.push(`d.due_date >= ${param(filter.from)}::date`);
    if (filter.to) where.push(`d.due_date <= ${param(filter.to)}::date`);
    if (filter.department) where.push(`d.department = ${param(filter.department)}`);
    if (filter.kind) where.push(`d.kind = ${param(filter.kind)}`);
    if (filter.subjectId) {
      // Not a UUID: no subject has it (compared as uuid, so the subject index serves the others).
      where.push(UUID.test(filter.subjectId) ? `d.subject_id = ${param(filter.subjectId)}::uuid` : 'false');
    }
    // Date range, department and kind are columns of deadline_counts too; so are "done" and "overdue".
    const counted = !filter.subjectId && (!filter.timeliness || filter.timeliness === 'DONE' || filter.timeliness === 'OVERDUE');
    const countWhere = [...where];
    if (filter.timeliness === 'DONE') countWhere.push('NOT d.open');
    if (filter.timeliness === 'OVERDUE') countWhere.push(`d.open AND d.due_date < ${rule.today()}::date`);
    if (filter.timeliness) where.push(timelinessFilterSql(filter.timeliness, rule));
    // Every filter is a condition on the table's own columns, so indexes serve the count and the page.
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countSql = counted
      ? `SELECT coalesce(sum(d.n), 0) AS count FROM read_models.deadline_counts d ${countWhere.length ? `WHERE ${countWhere.join(' AND ')}` : ''}`
      : `SELECT count(*) FROM read_models.deadlines d ${clause}`;
    const countParams = [...params];
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 20;
    const pageSql = `SELECT d.subject_type, d.subject_id, d.subject_code, d.subject_name, d.kind, d.item_id, d.item_name, d.due_date::text,
        d.original_due_date::text, d.department, d.responsible_person, d.done_on::text, ${timelinessSql(rule)} AS timeliness
      FROM read_models.deadlines d ${clause}
      ORDER BY ${orderBy(filter.sort)} LIMIT ${param(pageSize)} OFFSET ${param((page - 1) * pageSize)}`;
    const [total, { rows }] = await Promise.all([
      this.pool.query<{ count: string }>(countSql, countParams),
      this.pool.query<Row>(pageSql, params),
    ]);
    return {
      items: rows.map((r) => ({
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        subjectCode: r.subject_code,
        subjectName: r.subject_name,
        kind: r.kind,
        kindLabel: deadlineItemKindLabels[r.kind],
        itemId: r.item_id,
        itemName: r.item_name,
        dueDate: r.due_date,
        originalDueDate: r.original_due_date,
        department: r.department,
        responsiblePerson: personalFromColumn(r.responsible_person),
        timeliness: r.timeliness,
        doneOn: r.done_on,
      })),
      total: Number(total.rows[0]?.count ?? 0),
      page,
      pageSize,
    };
  }
}

import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { deadlineItemKindLabels, shanghaiDate, type DeadlineItemKind } from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { AppConfig, Clock } from '@app/platform';
import { timelinessSql } from '@app/read-models';
import type { DeadlineSort } from './list-deadlines.dto';
import { ListDeadlinesQuery, type DeadlinePage, type DeadlineView } from './list-deadlines.query';

const SORT_COLUMNS: Record<string, string> = { dueDate: 'due_date', originalDueDate: 'original_due_date', subjectCode: 'subject_code' };

function orderBy(sort: DeadlineSort | undefined): string {
  const key = sort ?? 'dueDate';
  const descending = key.startsWith('-');
  return `${SORT_COLUMNS[descending ? key.slice(1) : key]} ${descending ? 'DESC' : 'ASC'}, subject_code ASC, item_id ASC`;
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

@QueryHandler(ListDeadlinesQuery)
export class ListDeadlinesHandler implements IQueryHandler<ListDeadlinesQuery> {
  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async execute({ filter }: ListDeadlinesQuery): Promise<DeadlinePage> {
    const t = this.config.escalationThresholds;
    const params: unknown[] = [shanghaiDate(this.clock.now()), t.yellowDays, Math.max(0, ...t.noticeDays)];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (filter.from) where.push(`due_date >= ${param(filter.from)}::date`);
    if (filter.to) where.push(`due_date <= ${param(filter.to)}::date`);
    if (filter.department) where.push(`department = ${param(filter.department)}`);
    if (filter.kind) where.push(`kind = ${param(filter.kind)}`);
    if (filter.subjectId) where.push(`subject_id::text = ${param(filter.subjectId.toLowerCase())}`);
    if (filter.timeliness) where.push(`timeliness = ${param(filter.timeliness)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const source = `(SELECT d.subject_type, d.subject_id, d.subject_code, d.subject_name, d.kind, d.item_id, d.item_name,
        d.due_date, d.original_due_date, d.department, d.responsible_person, d.done_on,
        ${timelinessSql('$1', '$2', '$3')} AS timeliness
      FROM read_models.deadlines d) x`;
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 20;
    const countParams = [...params];
    const total = await this.pool.query<{ count: string }>(`SELECT count(*) FROM ${source} ${clause}`, countParams);
    const { rows } = await this.pool.query<Row>(
      `SELECT subject_type, subject_id, subject_code, subject_name, kind, item_id, item_name, due_date::text, original_due_date::text,
              department, responsible_person, done_on::text, timeliness
       FROM ${source} ${clause} ORDER BY ${orderBy(filter.sort)} LIMIT ${param(pageSize)} OFFSET ${param((page - 1) * pageSize)}`,
      params,
    );
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
        responsiblePerson: r.responsible_person,
        timeliness: r.timeliness,
        doneOn: r.done_on,
      })),
      total: Number(total.rows[0]?.count ?? 0),
      page,
      pageSize,
    };
  }
}

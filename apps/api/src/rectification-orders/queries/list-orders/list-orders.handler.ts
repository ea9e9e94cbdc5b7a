import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { RectificationOrderState } from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { orderSummary } from '../order.view';
import type { OrderSort } from './list-orders.dto';
import { ListOrdersQuery, type OrderPage } from './list-orders.query';

const SORT_COLUMNS: Record<string, string> = {
  currentDeadline: 'current_deadline',
  originalDeadline: 'original_deadline',
  issuedOn: 'issued_on',
  code: 'code',
  updatedAt: 'updated_at',
};

function orderBy(sort: OrderSort | undefined): string {
  const key = sort ?? 'currentDeadline';
  const descending = key.startsWith('-');
  const column = SORT_COLUMNS[descending ? key.slice(1) : key];
  return `${column} ${descending ? 'DESC' : 'ASC'} NULLS LAST, code ASC, id ASC`;
}

@QueryHandler(ListOrdersQuery)
export class ListOrdersHandler implements IQueryHandler<ListOrdersQuery> {
  constructor(@Inject(PG_POOL) private readonly pool: PgPool) {}

  async execute({ filter }: ListOrdersQuery): Promise<OrderPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.department) {
      const p = param(filter.department);
      where.push(`(lead_department = ${p} OR ${p} = ANY (cooperating_departments))`);
    }
    if (filter.state) where.push(`status = ${param(filter.state)}`);
    if (filter.source) where.push(`source = ${param(filter.source)}`);
    if (filter.batch) where.push(`batch = ${param(filter.batch)}`);
    if (filter.deadlineKind) where.push(`deadline_kind = ${param(filter.deadlineKind)}`);
    if (filter.text) {
      const escaped = filter.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      where.push(`search_text LIKE ${param(`%${escaped}%`)}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 20;
    const total = await this.pool.query<{ count: string }>(`SELECT count(*) FROM read_models.rectification_orders ${clause}`, params);
    const { rows } = await this.pool.query<{ id: string; state: RectificationOrderState; is_sample: boolean; updated_at: Date }>(
      `SELECT id, state, is_sample, updated_at FROM read_models.rectification_orders ${clause}
       ORDER BY ${orderBy(filter.sort)} LIMIT ${param(pageSize)} OFFSET ${param((page - 1) * pageSize)}`,
      params,
    );
    return {
      items: rows.map((r) => ({ ...orderSummary(r.id, r.state), isSample: r.is_sample, updatedAt: r.updated_at.toISOString() })),
      total: Number(total.rows[0]?.count ?? 0),
      page,
      pageSize,
    };
  }
}

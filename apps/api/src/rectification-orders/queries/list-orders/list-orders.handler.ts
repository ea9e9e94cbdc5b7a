import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { orderStateFor, petitionTextScope, type RectificationOrderState } from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { orderQuery } from '@app/read-models';
import { orderSummary } from '../order.view';
import { ListOrdersQuery, type OrderPage } from './list-orders.query';

@QueryHandler(ListOrdersQuery)
export class ListOrdersHandler implements IQueryHandler<ListOrdersQuery> {
  constructor(@Inject(PG_POOL) private readonly pool: PgPool) {}

  async execute({ filter, actor }: ListOrdersQuery): Promise<OrderPage> {
    const { where, orderBy, params, param } = orderQuery({ ...filter, petitionTextOf: petitionTextScope(actor) });
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 20;
    const total = await this.pool.query<{ count: string }>(`SELECT count(*) FROM read_models.rectification_orders ${where}`, params);
    const { rows } = await this.pool.query<{ id: string; state: RectificationOrderState; is_sample: boolean; updated_at: Date }>(
      `SELECT id, state, is_sample, updated_at FROM read_models.rectification_orders ${where}
       ${orderBy} LIMIT ${param(pageSize)} OFFSET ${param((page - 1) * pageSize)}`,
      params,
    );
    return {
      items: rows.map((r) => ({
        ...orderSummary(r.id, orderStateFor(actor, r.state)),
        isSample: r.is_sample,
        updatedAt: r.updated_at.toISOString(),
      })),
      total: Number(total.rows[0]?.count ?? 0),
      page,
      pageSize,
    };
  }
}

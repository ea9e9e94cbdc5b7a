import { Query } from '@nestjs/cqrs';
import type { Actor } from '@app/domain';
import type { OrderSummary } from '../order.view';
import type { ListOrdersQueryDto } from './list-orders.dto';

export interface OrderPage {
  items: Array<OrderSummary & { isSample: boolean; updatedAt: string }>;
  total: number;
  page: number;
  pageSize: number;
}

export class ListOrdersQuery extends Query<OrderPage> {
  constructor(
    readonly filter: ListOrdersQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

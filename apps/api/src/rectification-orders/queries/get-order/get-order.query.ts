import { Query } from '@nestjs/cqrs';
import type { orderDetail } from '../order.view';

export type OrderDetailView = ReturnType<typeof orderDetail> & { isSample?: boolean; updatedAt?: string; asOf?: string };

export class GetOrderQuery extends Query<OrderDetailView> {
  constructor(
    readonly id: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

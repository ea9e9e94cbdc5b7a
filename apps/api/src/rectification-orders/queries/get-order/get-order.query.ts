import { Query } from '@nestjs/cqrs';
import type { Actor, AllowedAction, RectificationOrderCommandType } from '@app/domain';
import type { orderDetail } from '../order.view';

export type OrderDetailView = ReturnType<typeof orderDetail> & {
  isSample?: boolean;
  updatedAt?: string;
  asOf?: string;
  /** What the caller may do to the order now; empty for an `asOf` view. */
  allowedActions: AllowedAction<RectificationOrderCommandType>[];
};

export class GetOrderQuery extends Query<OrderDetailView> {
  constructor(
    readonly id: string,
    readonly actor: Actor,
    readonly asOf?: string,
  ) {
    super();
  }
}

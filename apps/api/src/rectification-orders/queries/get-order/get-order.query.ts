import { Query } from '@nestjs/cqrs';
import type { Actor, AllowedAction, OrderTimeliness, RectificationOrderCommandType } from '@app/domain';
import type { orderDetail } from '../order.view';

export type OrderDetailView = ReturnType<typeof orderDetail> & {
  isSample?: boolean;
  updatedAt?: string;
  asOf?: string;
  /** 及时性 on the day shown (today, or the `asOf` day), in the ledger's words (docs/figures.md). */
  timeliness: OrderTimeliness;
  timelinessLabel: string;
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

import { Module, type OnModuleInit } from '@nestjs/common';
import { rectificationOrderEventTypes } from '@app/domain';
import { EventTypeRegistry, SubscriptionRegistry } from '@app/event-store';
import { RectificationOrderProjection } from '@app/read-models';
import { OrderCommandsController } from './order-commands.controller';
import { GetOrderHistoryHandler } from './queries/get-order-history/get-order-history.handler';
import { GetOrderHandler } from './queries/get-order/get-order.handler';
import { ListOrdersHandler } from './queries/list-orders/list-orders.handler';
import { RectificationOrderQueriesController } from './queries/rectification-order-queries.controller';
import { OrderSampleSeeder } from './samples/order-sample.seeder';

const queryHandlers = [ListOrdersHandler, GetOrderHandler, GetOrderHistoryHandler];

@Module({
  controllers: [RectificationOrderQueriesController, OrderCommandsController],
  providers: [...queryHandlers, RectificationOrderProjection, OrderSampleSeeder],
})
export class RectificationOrdersModule implements OnModuleInit {
  constructor(
    private readonly eventTypes: EventTypeRegistry,
    private readonly subscriptions: SubscriptionRegistry,
    private readonly projection: RectificationOrderProjection,
  ) {}

  onModuleInit(): void {
    this.eventTypes.register(...rectificationOrderEventTypes);
    this.subscriptions.register(this.projection);
  }
}

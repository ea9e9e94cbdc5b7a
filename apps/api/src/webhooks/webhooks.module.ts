import { Module, type OnModuleInit } from '@nestjs/common';
import { SubscriptionRegistry } from '@app/event-store';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';
import { WebhookFanOut } from './webhook-fan-out';
import { WebhooksController } from './webhooks.controller';

/** Webhooks: subscriptions over HTTP, the fan-out from the log, the delivery worker (runs with the worker, by lease). */
@Module({
  controllers: [WebhooksController],
  providers: [WebhookFanOut, WebhookDeliveryWorker],
  exports: [WebhookDeliveryWorker],
})
export class WebhooksModule implements OnModuleInit {
  constructor(
    private readonly subscriptions: SubscriptionRegistry,
    private readonly fanOut: WebhookFanOut,
  ) {}

  onModuleInit(): void {
    this.subscriptions.register(this.fanOut);
  }
}

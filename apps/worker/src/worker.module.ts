import { Module } from '@nestjs/common';
import { SubscriptionHost } from '@app/event-store';

/**
 * The background half: projections from the log (and, with Kafka configured, the relay and the
 * consumer groups), the deadline scheduler. Imported into the API process by default (RUN_WORKER).
 */
@Module({
  providers: [SubscriptionHost],
  exports: [SubscriptionHost],
})
export class WorkerModule {}

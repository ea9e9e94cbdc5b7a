import { Module } from '@nestjs/common';
import { MessagingModule } from '@app/messaging';

/**
 * The background half: projections from the log (and, with Kafka configured, the relay and the
 * consumer groups), the deadline scheduler. Imported into the API process by default (RUN_WORKER).
 */
@Module({
  imports: [MessagingModule.forRoot()],
  exports: [MessagingModule],
})
export class WorkerModule {}

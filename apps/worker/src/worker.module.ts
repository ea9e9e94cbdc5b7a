import { Global, Module } from '@nestjs/common';
import { MessagingModule } from '@app/messaging';
import { EscalationScheduler } from './scheduler/escalation.scheduler';

/**
 * The background half: projections from the log (and, with Kafka configured, the relay and the
 * consumer groups), the deadline scheduler. Imported into the API process by default (RUN_WORKER).
 */
// Global so the API's CommandExecutor can poke the runners right after an append.
@Global()
@Module({
  imports: [MessagingModule.forRoot()],
  providers: [EscalationScheduler],
  exports: [MessagingModule, EscalationScheduler],
})
export class WorkerModule {}

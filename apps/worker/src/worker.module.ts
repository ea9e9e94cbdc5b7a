import { Global, Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@app/messaging';
import { EscalationScheduler } from './scheduler/escalation.scheduler';
import { IndicatorEscalationSource } from './scheduler/indicator-escalation.source';

/**
 * The background half: projections from the log (and, with Kafka configured, the relay and the
 * consumer groups), the deadline scheduler. Imported into the API process by default (RUN_WORKER).
 * Global so the API's CommandExecutor can poke the runners right after an append.
 */
@Global()
@Module({})
export class WorkerModule {
  /** Reads the configuration when the app is assembled (Kafka or straight from the log), not at import. */
  static register(): DynamicModule {
    const messaging = MessagingModule.forRoot();
    return {
      module: WorkerModule,
      imports: [messaging],
      providers: [EscalationScheduler, IndicatorEscalationSource],
      exports: [messaging, EscalationScheduler],
    };
  }
}

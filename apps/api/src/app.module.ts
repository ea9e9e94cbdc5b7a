import { Module, type DynamicModule, type Type } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '@app/auth';
import { CommandsModule } from '@app/commands';
import { EventStoreModule } from '@app/event-store';
import { AppConfigModule, ClockModule, DatabaseModule, LoggingModule, validateConfig } from '@app/platform';
import { WorkerModule } from '../../worker/src/worker.module';
import { CircularsModule } from './circulars/circulars.module';
import { DocumentsModule } from './documents/documents.module';
import { AssessmentsModule } from './assessments/assessments.module';
import { TargetResponsibilityModule } from './target-responsibility/target-responsibility.module';
import { PublicModule } from './public/public.module';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DepartmentsModule } from './departments/departments.module';
import { EscalationsModule } from './escalations/escalations.module';
import { EvidenceModule } from './evidence/evidence.module';
import { EventsModule } from './events/events.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { KeyProjectsModule } from './key-projects/key-projects.module';
import { LedgerModule } from './ledger/ledger.module';
import { MeModule } from './me/me.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { PersonalDataModule } from './personal-data/personal-data.module';
import { RectificationOrdersModule } from './rectification-orders/rectification-orders.module';
import { ApiSharedModule } from './shared/api-shared.module';
import { MIGRATIONS } from './migrations';
import { ObservabilityModule } from './observability/observability.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  /** The API; with `worker: true` (RUN_WORKER, the default) the worker runs in the same process. */
  static register(
    options: { worker?: boolean; imports?: Array<Type | DynamicModule>; logDestination?: DestinationStream } = {},
  ): DynamicModule {
    const worker = options.worker ?? validateConfig(process.env).RUN_WORKER;
    return {
      module: AppModule,
      imports: [
        AppConfigModule,
        LoggingModule.forRoot({ destination: options.logDestination }),
        DatabaseModule.forRoot({ migrations: MIGRATIONS }),
        ClockModule,
        EventStoreModule,
        AuthModule,
        CommandsModule,
        CqrsModule.forRoot(),
        ...(worker ? [WorkerModule.register()] : []),
        ApiSharedModule,
        ObservabilityModule,
        PersonalDataModule,
        ...(options.imports ?? []),
        KeyProjectsModule,
        IndicatorsModule,
        RectificationOrdersModule,
        EvidenceModule,
        LedgerModule,
        EscalationsModule,
        CircularsModule,
        DocumentsModule,
        AssessmentsModule,
        TargetResponsibilityModule,
        PublicModule,
        EvaluationsModule,
        DeadlinesModule,
        DepartmentsModule,
        EventsModule,
        MeModule,
        WebhooksModule,
        // Last: its catch-all GET serves the web UI (SPA fallback) for every non-API path.
        WebModule,
      ],
    };
  }
}

import { Module, type OnModuleInit } from '@nestjs/common';
import { indicatorEventTypes } from '@app/domain';
import { EventTypeRegistry, SubscriptionRegistry } from '@app/event-store';
import { IndicatorProjection } from '@app/read-models';
import { KeyProjectsModule } from '../key-projects/key-projects.module';
import { IndicatorCommandsController } from './indicator-commands.controller';
import { IndicatorQueriesController } from './indicator-queries.controller';
import { IndicatorSeeder } from './indicator.seeder';
import { GetIndicatorHistoryHandler } from './queries/get-indicator-history/get-indicator-history.handler';
import { GetIndicatorHandler } from './queries/get-indicator/get-indicator.handler';
import { ListIndicatorsHandler } from './queries/list-indicators/list-indicators.handler';

const queryHandlers = [ListIndicatorsHandler, GetIndicatorHandler, GetIndicatorHistoryHandler];
const controllers = [IndicatorCommandsController, IndicatorQueriesController];

/** 指标: the plan's 表2 indicators and 2025 targets. Imports KeyProjectsModule so its seeder runs first (links name projects). */
@Module({
  imports: [KeyProjectsModule],
  controllers,
  providers: [...queryHandlers, IndicatorProjection, IndicatorSeeder],
  exports: [IndicatorSeeder],
})
export class IndicatorsModule implements OnModuleInit {
  constructor(
    private readonly eventTypes: EventTypeRegistry,
    private readonly subscriptions: SubscriptionRegistry,
    private readonly projection: IndicatorProjection,
  ) {}

  onModuleInit(): void {
    this.eventTypes.register(...indicatorEventTypes.map((type) => ({ type, schemaVersion: 1 })));
    this.subscriptions.register(this.projection);
  }
}

import { Module, type OnModuleInit } from '@nestjs/common';
import { SubscriptionRegistry } from '@app/event-store';
import { DeadlineProjection } from '@app/read-models';
import { DeadlineQueriesController } from './deadline-queries.controller';
import { ListDeadlinesHandler } from './queries/list-deadlines/list-deadlines.handler';

const queryHandlers = [ListDeadlinesHandler];
const controllers = [DeadlineQueriesController];

@Module({ controllers, providers: [...queryHandlers, DeadlineProjection] })
export class DeadlinesModule implements OnModuleInit {
  constructor(
    private readonly subscriptions: SubscriptionRegistry,
    private readonly projection: DeadlineProjection,
  ) {}

  onModuleInit(): void {
    this.subscriptions.register(this.projection);
  }
}

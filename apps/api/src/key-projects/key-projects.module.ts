import { Module, type OnModuleInit } from '@nestjs/common';
import { keyProjectEventTypes } from '@app/domain';
import { EventTypeRegistry, SubscriptionRegistry } from '@app/event-store';
import { KeyProjectProjection } from '@app/read-models';
import { ReferenceModule } from '../reference/reference.module';
import { KeyProjectCommandsController } from './key-project-commands.controller';
import { KeyProjectQueriesController } from './key-project-queries.controller';
import { KeyProjectSeeder } from './key-project.seeder';
import { GetKeyProjectHistoryHandler } from './queries/get-key-project-history/get-key-project-history.handler';
import { GetKeyProjectHandler } from './queries/get-key-project/get-key-project.handler';
import { ListKeyProjectsHandler } from './queries/list-key-projects/list-key-projects.handler';

const queryHandlers = [ListKeyProjectsHandler, GetKeyProjectHandler, GetKeyProjectHistoryHandler];
const controllers = [KeyProjectCommandsController, KeyProjectQueriesController];

@Module({
  imports: [ReferenceModule],
  controllers,
  providers: [...queryHandlers, KeyProjectProjection, KeyProjectSeeder],
  exports: [KeyProjectSeeder],
})
export class KeyProjectsModule implements OnModuleInit {
  constructor(
    private readonly eventTypes: EventTypeRegistry,
    private readonly subscriptions: SubscriptionRegistry,
    private readonly projection: KeyProjectProjection,
  ) {}

  onModuleInit(): void {
    this.eventTypes.register(...keyProjectEventTypes.map((type) => ({ type, schemaVersion: 1 })));
    this.subscriptions.register(this.projection);
  }
}

import { Module, type OnModuleInit } from '@nestjs/common';
import { escalationEventTypes } from '@app/domain';
import { EventTypeRegistry, SubscriptionRegistry } from '@app/event-store';
import { EscalationProjection } from '@app/read-models';
import { EscalationCommandsController } from './escalation-commands.controller';
import { EscalationQueriesController } from './escalation-queries.controller';
import { GetEscalationHandler } from './queries/get-escalation/get-escalation.handler';
import { ListEscalationsHandler } from './queries/list-escalations/list-escalations.handler';

const queryHandlers = [ListEscalationsHandler, GetEscalationHandler];

@Module({
  controllers: [EscalationQueriesController, EscalationCommandsController],
  providers: [...queryHandlers, EscalationProjection],
})
export class EscalationsModule implements OnModuleInit {
  constructor(
    private readonly eventTypes: EventTypeRegistry,
    private readonly subscriptions: SubscriptionRegistry,
    private readonly projection: EscalationProjection,
  ) {}

  onModuleInit(): void {
    // Registered with the API's modules, which every process loads, so the scheduler can append too.
    this.eventTypes.register(...escalationEventTypes);
    this.subscriptions.register(this.projection);
  }
}

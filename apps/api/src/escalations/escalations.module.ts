import { Module, type OnModuleInit } from '@nestjs/common';
import { escalationEventTypes } from '@app/domain';
import { EventTypeRegistry, SubscriptionRegistry } from '@app/event-store';
import { EscalationProjection } from '@app/read-models';
import { AcknowledgeEscalationHandler } from './commands/acknowledge-escalation/acknowledge-escalation.handler';
import { InstructOnEscalationHandler } from './commands/instruct-on-escalation/instruct-on-escalation.handler';
import { IssueSupervisionNoticeHandler } from './commands/issue-supervision-notice/issue-supervision-notice.handler';
import { ReferForAccountabilityHandler } from './commands/refer-for-accountability/refer-for-accountability.handler';
import { SummonResponsibleLeaderHandler } from './commands/summon-responsible-leader/summon-responsible-leader.handler';
import { EscalationCommandsController } from './escalation-commands.controller';
import { EscalationQueriesController } from './escalation-queries.controller';
import { GetEscalationHandler } from './queries/get-escalation/get-escalation.handler';
import { ListEscalationsHandler } from './queries/list-escalations/list-escalations.handler';
import { EscalationCommandRunner } from './shared/escalation-command.runner';

const commandHandlers = [
  AcknowledgeEscalationHandler,
  InstructOnEscalationHandler,
  IssueSupervisionNoticeHandler,
  SummonResponsibleLeaderHandler,
  ReferForAccountabilityHandler,
];
const queryHandlers = [ListEscalationsHandler, GetEscalationHandler];
const controllers = [EscalationQueriesController, EscalationCommandsController];

@Module({
  controllers,
  providers: [...commandHandlers, ...queryHandlers, EscalationCommandRunner, EscalationProjection],
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

import { Module, type OnModuleInit } from '@nestjs/common';
import { reminderEventTypes } from '@app/domain';
import { EventTypeRegistry, SubscriptionRegistry } from '@app/event-store';
import { MessageProjection } from '@app/read-models';
import { ReminderCommandsController } from '../reminders/reminder-commands.controller';
import { MeController } from './me.controller';
import { MessageService } from './message.service';
import { MeStreamService } from './me-stream.service';
import { TodoService } from './todo.service';

/** What waits on the signed-in user (待办), what was sent to them (消息), and 催办 which sends some of it. */
@Module({
  controllers: [MeController, ReminderCommandsController],
  providers: [TodoService, MessageService, MeStreamService, MessageProjection],
  exports: [TodoService, MessageService],
})
export class MeModule implements OnModuleInit {
  constructor(
    private readonly eventTypes: EventTypeRegistry,
    private readonly subscriptions: SubscriptionRegistry,
    private readonly projection: MessageProjection,
  ) {}

  onModuleInit(): void {
    this.eventTypes.register(...reminderEventTypes);
    this.subscriptions.register(this.projection);
  }
}

import { Module, type OnModuleInit } from '@nestjs/common';
import { circularEventTypes } from '@app/domain';
import { EventTypeRegistry, SubscriptionRegistry } from '@app/event-store';
import { CircularProjection } from '@app/read-models';
import { CircularsController } from './circulars.controller';

/** 通报: issued by leadership through the command path, read from read_models.circulars. */
@Module({ controllers: [CircularsController], providers: [CircularProjection] })
export class CircularsModule implements OnModuleInit {
  constructor(
    private readonly eventTypes: EventTypeRegistry,
    private readonly subscriptions: SubscriptionRegistry,
    private readonly projection: CircularProjection,
  ) {}

  onModuleInit(): void {
    this.eventTypes.register(...circularEventTypes);
    this.subscriptions.register(this.projection);
  }
}

import { Module, type OnModuleInit } from '@nestjs/common';
import { bulletinEventTypes } from '@app/domain';
import { EventTypeRegistry } from '@app/event-store';
import { AssessmentsModule } from '../assessments/assessments.module';
import { BulletinsService } from './bulletins.service';
import { BulletinCommandsController, PublicController } from './public.controller';

/** 信息公开: the public progress view and the published bulletins (streams bulletin-<year>). */
@Module({ imports: [AssessmentsModule], controllers: [PublicController, BulletinCommandsController], providers: [BulletinsService] })
export class PublicModule implements OnModuleInit {
  constructor(private readonly eventTypes: EventTypeRegistry) {}

  onModuleInit(): void {
    this.eventTypes.register(...bulletinEventTypes);
  }
}

import { Module, type OnModuleInit } from '@nestjs/common';
import { targetResponsibilityEventTypes } from '@app/domain';
import { EventTypeRegistry } from '@app/event-store';
import { AssessmentsModule } from '../assessments/assessments.module';
import { TargetResponsibilityController } from './target-responsibility.controller';

/** 目标责任书: lists derived from the log as of a day; sign-offs in the year's stream target-responsibility-<year>. */
@Module({ imports: [AssessmentsModule], controllers: [TargetResponsibilityController] })
export class TargetResponsibilityModule implements OnModuleInit {
  constructor(private readonly eventTypes: EventTypeRegistry) {}

  onModuleInit(): void {
    this.eventTypes.register(...targetResponsibilityEventTypes);
  }
}

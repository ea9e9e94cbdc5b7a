import { Module, type OnModuleInit } from '@nestjs/common';
import { evaluationEventTypes } from '@app/domain';
import { EventTypeRegistry } from '@app/event-store';
import { AssessmentsModule } from '../assessments/assessments.module';
import { EvaluationsController } from './evaluations.controller';

/** 规划评估资料包, from the plan snapshot at the end of the year, and the assessor's findings (streams evaluation-<year>). */
@Module({ imports: [AssessmentsModule], controllers: [EvaluationsController] })
export class EvaluationsModule implements OnModuleInit {
  constructor(private readonly eventTypes: EventTypeRegistry) {}

  onModuleInit(): void {
    this.eventTypes.register(...evaluationEventTypes);
  }
}

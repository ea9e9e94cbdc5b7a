import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { EvaluationsController } from './evaluations.controller';

/** 规划评估资料包, from the plan snapshot at the end of the year. */
@Module({ imports: [AssessmentsModule], controllers: [EvaluationsController] })
export class EvaluationsModule {}

import { Module } from '@nestjs/common';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsService } from './assessments.service';
import { PlanSnapshotService } from './plan-snapshot.service';

/** 年度考核, computed from the log as of a day (PlanSnapshotService). */
@Module({
  controllers: [AssessmentsController],
  providers: [PlanSnapshotService, AssessmentsService],
  exports: [PlanSnapshotService, AssessmentsService],
})
export class AssessmentsModule {}

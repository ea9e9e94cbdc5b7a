import { Module, type OnModuleInit } from '@nestjs/common';
import { keyProjectEventTypes } from '@app/domain';
import { EventTypeRegistry, SubscriptionRegistry } from '@app/event-store';
import { KeyProjectProjection } from '@app/read-models';
import { ReferenceModule } from '../reference/reference.module';
import { AcceptKeyProjectHandler } from './commands/accept-key-project/accept-key-project.handler';
import { AchieveMilestoneHandler } from './commands/achieve-milestone/achieve-milestone.handler';
import { ApproveBaselineChangeHandler } from './commands/approve-baseline-change/approve-baseline-change.handler';
import { CancelKeyProjectHandler } from './commands/cancel-key-project/cancel-key-project.handler';
import { CompleteKeyProjectHandler } from './commands/complete-key-project/complete-key-project.handler';
import { PlanMilestoneHandler } from './commands/plan-milestone/plan-milestone.handler';
import { RegisterKeyProjectHandler } from './commands/register-key-project/register-key-project.handler';
import { RejectBaselineChangeHandler } from './commands/reject-baseline-change/reject-baseline-change.handler';
import { ReportProjectProgressHandler } from './commands/report-project-progress/report-project-progress.handler';
import { RequestBaselineChangeHandler } from './commands/request-baseline-change/request-baseline-change.handler';
import { ResumeKeyProjectHandler } from './commands/resume-key-project/resume-key-project.handler';
import { StartKeyProjectHandler } from './commands/start-key-project/start-key-project.handler';
import { SuspendKeyProjectHandler } from './commands/suspend-key-project/suspend-key-project.handler';
import { KeyProjectCommandsController } from './key-project-commands.controller';
import { KeyProjectQueriesController } from './key-project-queries.controller';
import { KeyProjectSeeder } from './key-project.seeder';
import { GetKeyProjectHistoryHandler } from './queries/get-key-project-history/get-key-project-history.handler';
import { GetKeyProjectHandler } from './queries/get-key-project/get-key-project.handler';
import { ListKeyProjectsHandler } from './queries/list-key-projects/list-key-projects.handler';

const commandHandlers = [
  RegisterKeyProjectHandler,
  StartKeyProjectHandler,
  PlanMilestoneHandler,
  ReportProjectProgressHandler,
  RequestBaselineChangeHandler,
  ApproveBaselineChangeHandler,
  RejectBaselineChangeHandler,
  AchieveMilestoneHandler,
  SuspendKeyProjectHandler,
  ResumeKeyProjectHandler,
  CompleteKeyProjectHandler,
  AcceptKeyProjectHandler,
  CancelKeyProjectHandler,
];
const queryHandlers = [ListKeyProjectsHandler, GetKeyProjectHandler, GetKeyProjectHistoryHandler];
const controllers = [KeyProjectCommandsController, KeyProjectQueriesController];

@Module({
  imports: [ReferenceModule],
  controllers,
  providers: [...commandHandlers, ...queryHandlers, KeyProjectProjection, KeyProjectSeeder],
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

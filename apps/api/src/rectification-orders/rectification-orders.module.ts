import { Module, type OnModuleInit } from '@nestjs/common';
import { rectificationOrderEventTypes } from '@app/domain';
import { EventTypeRegistry, SubscriptionRegistry } from '@app/event-store';
import { RectificationOrderProjection } from '@app/read-models';
import { ApproveExtensionController } from './commands/approve-extension/approve-extension.controller';
import { ApproveExtensionHandler } from './commands/approve-extension/approve-extension.handler';
import { AssignOrderController } from './commands/assign-order/assign-order.controller';
import { AssignOrderHandler } from './commands/assign-order/assign-order.handler';
import { AttachEvidenceController } from './commands/attach-evidence/attach-evidence.controller';
import { AttachEvidenceHandler } from './commands/attach-evidence/attach-evidence.handler';
import { CloseOrderController } from './commands/close-order/close-order.controller';
import { CloseOrderHandler } from './commands/close-order/close-order.handler';
import { CompleteMeasureController } from './commands/complete-measure/complete-measure.controller';
import { CompleteMeasureHandler } from './commands/complete-measure/complete-measure.handler';
import { ConcludeInStagesController } from './commands/conclude-in-stages/conclude-in-stages.controller';
import { ConcludeInStagesHandler } from './commands/conclude-in-stages/conclude-in-stages.handler';
import { IssueOrderController } from './commands/issue-order/issue-order.controller';
import { IssueOrderHandler } from './commands/issue-order/issue-order.handler';
import { PublishClosingNoticeController } from './commands/publish-closing-notice/publish-closing-notice.controller';
import { PublishClosingNoticeHandler } from './commands/publish-closing-notice/publish-closing-notice.handler';
import { RecordAcceptanceFailedController } from './commands/record-acceptance-failed/record-acceptance-failed.controller';
import { RecordAcceptanceFailedHandler } from './commands/record-acceptance-failed/record-acceptance-failed.handler';
import { RecordAcceptancePassedController } from './commands/record-acceptance-passed/record-acceptance-passed.controller';
import { RecordAcceptancePassedHandler } from './commands/record-acceptance-passed/record-acceptance-passed.handler';
import { RecordFollowUpVisitController } from './commands/record-follow-up-visit/record-follow-up-visit.controller';
import { RecordFollowUpVisitHandler } from './commands/record-follow-up-visit/record-follow-up-visit.handler';
import { RecordObjectionController } from './commands/record-objection/record-objection.controller';
import { RecordObjectionHandler } from './commands/record-objection/record-objection.handler';
import { RecordSecondCheckController } from './commands/record-second-check/record-second-check.controller';
import { RecordSecondCheckHandler } from './commands/record-second-check/record-second-check.handler';
import { RejectExtensionController } from './commands/reject-extension/reject-extension.controller';
import { RejectExtensionHandler } from './commands/reject-extension/reject-extension.handler';
import { ReopenOrderController } from './commands/reopen-order/reopen-order.controller';
import { ReopenOrderHandler } from './commands/reopen-order/reopen-order.handler';
import { ReportPetitionFindingController } from './commands/report-petition-finding/report-petition-finding.controller';
import { ReportPetitionFindingHandler } from './commands/report-petition-finding/report-petition-finding.handler';
import { ReportOrderProgressController } from './commands/report-progress/report-progress.controller';
import { ReportOrderProgressHandler } from './commands/report-progress/report-progress.handler';
import { RequestAcceptanceController } from './commands/request-acceptance/request-acceptance.controller';
import { RequestAcceptanceHandler } from './commands/request-acceptance/request-acceptance.handler';
import { RequestExtensionController } from './commands/request-extension/request-extension.controller';
import { RequestExtensionHandler } from './commands/request-extension/request-extension.handler';
import { SettleObjectionController } from './commands/settle-objection/settle-objection.controller';
import { SettleObjectionHandler } from './commands/settle-objection/settle-objection.handler';
import { StartRectificationController } from './commands/start-rectification/start-rectification.controller';
import { StartRectificationHandler } from './commands/start-rectification/start-rectification.handler';
import { SubmitPeriodicReportController } from './commands/submit-periodic-report/submit-periodic-report.controller';
import { SubmitPeriodicReportHandler } from './commands/submit-periodic-report/submit-periodic-report.handler';
import { GetOrderHistoryHandler } from './queries/get-order-history/get-order-history.handler';
import { GetOrderHandler } from './queries/get-order/get-order.handler';
import { ListOrdersHandler } from './queries/list-orders/list-orders.handler';
import { RectificationOrderQueriesController } from './queries/rectification-order-queries.controller';
import { OrderSampleSeeder } from './samples/order-sample.seeder';
import { OrderCommandRunner } from './shared/order-command.runner';

const commandHandlers = [
  IssueOrderHandler,
  AssignOrderHandler,
  StartRectificationHandler,
  ReportOrderProgressHandler,
  CompleteMeasureHandler,
  AttachEvidenceHandler,
  RequestExtensionHandler,
  ApproveExtensionHandler,
  RejectExtensionHandler,
  RequestAcceptanceHandler,
  RecordAcceptancePassedHandler,
  RecordAcceptanceFailedHandler,
  PublishClosingNoticeHandler,
  RecordObjectionHandler,
  SettleObjectionHandler,
  CloseOrderHandler,
  ReopenOrderHandler,
  ReportPetitionFindingHandler,
  RecordSecondCheckHandler,
  ConcludeInStagesHandler,
  RecordFollowUpVisitHandler,
  SubmitPeriodicReportHandler,
];

const queryHandlers = [ListOrdersHandler, GetOrderHandler, GetOrderHistoryHandler];

const controllers = [
  RectificationOrderQueriesController,
  IssueOrderController,
  AssignOrderController,
  StartRectificationController,
  ReportOrderProgressController,
  CompleteMeasureController,
  AttachEvidenceController,
  RequestExtensionController,
  ApproveExtensionController,
  RejectExtensionController,
  RequestAcceptanceController,
  RecordAcceptancePassedController,
  RecordAcceptanceFailedController,
  PublishClosingNoticeController,
  RecordObjectionController,
  SettleObjectionController,
  CloseOrderController,
  ReopenOrderController,
  ReportPetitionFindingController,
  RecordSecondCheckController,
  ConcludeInStagesController,
  RecordFollowUpVisitController,
  SubmitPeriodicReportController,
];

@Module({
  controllers,
  providers: [...commandHandlers, ...queryHandlers, OrderCommandRunner, RectificationOrderProjection, OrderSampleSeeder],
})
export class RectificationOrdersModule implements OnModuleInit {
  constructor(
    private readonly eventTypes: EventTypeRegistry,
    private readonly subscriptions: SubscriptionRegistry,
    private readonly projection: RectificationOrderProjection,
  ) {}

  onModuleInit(): void {
    this.eventTypes.register(...rectificationOrderEventTypes);
    this.subscriptions.register(this.projection);
  }
}

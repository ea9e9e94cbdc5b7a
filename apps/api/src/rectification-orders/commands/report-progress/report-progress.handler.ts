import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { ReportOrderProgressCommand } from './report-progress.command';

@CommandHandler(ReportOrderProgressCommand)
export class ReportOrderProgressHandler implements ICommandHandler<ReportOrderProgressCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: ReportOrderProgressCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'ReportOrderProgress',
        reportId: body.reportId ?? randomUUID(),
        summary: body.summary,
        percentComplete: body.percentComplete ?? null,
      },
      context,
    );
  }
}

import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { SubmitPeriodicReportCommand } from './submit-periodic-report.command';

@CommandHandler(SubmitPeriodicReportCommand)
export class SubmitPeriodicReportHandler implements ICommandHandler<SubmitPeriodicReportCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: SubmitPeriodicReportCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'SubmitPeriodicReport',
        reportId: body.reportId ?? randomUUID(),
        summary: body.summary,
      },
      context,
    );
  }
}

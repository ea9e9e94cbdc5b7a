import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { SubmitPeriodicReportDto } from './submit-periodic-report.dto';

export class SubmitPeriodicReportCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: SubmitPeriodicReportDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

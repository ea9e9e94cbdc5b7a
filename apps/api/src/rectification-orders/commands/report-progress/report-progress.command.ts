import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { ReportOrderProgressDto } from './report-progress.dto';

export class ReportOrderProgressCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: ReportOrderProgressDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

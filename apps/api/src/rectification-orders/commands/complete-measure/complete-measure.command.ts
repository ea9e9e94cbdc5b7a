import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { CompleteMeasureDto } from './complete-measure.dto';

export class CompleteMeasureCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: CompleteMeasureDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { RecordSecondCheckDto } from './record-second-check.dto';

export class RecordSecondCheckCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: RecordSecondCheckDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

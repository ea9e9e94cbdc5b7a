import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { RecordAcceptanceFailedDto } from './record-acceptance-failed.dto';

export class RecordAcceptanceFailedCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: RecordAcceptanceFailedDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

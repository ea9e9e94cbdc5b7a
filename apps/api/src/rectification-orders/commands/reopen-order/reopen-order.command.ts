import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { ReopenOrderDto } from './reopen-order.dto';

export class ReopenOrderCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: ReopenOrderDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

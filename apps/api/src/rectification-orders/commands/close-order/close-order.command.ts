import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { CloseOrderDto } from './close-order.dto';

export class CloseOrderCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: CloseOrderDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

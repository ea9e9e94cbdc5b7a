import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { AssignOrderDto } from './assign-order.dto';

export class AssignOrderCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: AssignOrderDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

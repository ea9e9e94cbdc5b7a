import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { IssueOrderDto } from './issue-order.dto';

export class IssueOrderCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: IssueOrderDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { CloseOrderCommand } from './close-order.command';

@CommandHandler(CloseOrderCommand)
export class CloseOrderHandler implements ICommandHandler<CloseOrderCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, context }: CloseOrderCommand): Promise<CommandResult> {
    return this.orders.run(orderId, { type: 'CloseOrder' }, context);
  }
}

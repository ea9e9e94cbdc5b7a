import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { ReopenOrderCommand } from './reopen-order.command';

@CommandHandler(ReopenOrderCommand)
export class ReopenOrderHandler implements ICommandHandler<ReopenOrderCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: ReopenOrderCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'ReopenOrder',
        reason: body.reason,
        newDeadline: body.newDeadline ?? null,
      },
      context,
    );
  }
}

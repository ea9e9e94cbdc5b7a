import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { StartRectificationCommand } from './start-rectification.command';

@CommandHandler(StartRectificationCommand)
export class StartRectificationHandler implements ICommandHandler<StartRectificationCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, context }: StartRectificationCommand): Promise<CommandResult> {
    return this.orders.run(orderId, { type: 'StartRectification' }, context);
  }
}

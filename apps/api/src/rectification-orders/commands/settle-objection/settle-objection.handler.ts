import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { SettleObjectionCommand } from './settle-objection.command';

@CommandHandler(SettleObjectionCommand)
export class SettleObjectionHandler implements ICommandHandler<SettleObjectionCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: SettleObjectionCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'SettleObjection',
        objectionId: body.objectionId,
        outcome: body.outcome,
        resolution: body.resolution,
      },
      context,
    );
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { RequestAcceptanceCommand } from './request-acceptance.command';

@CommandHandler(RequestAcceptanceCommand)
export class RequestAcceptanceHandler implements ICommandHandler<RequestAcceptanceCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: RequestAcceptanceCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'RequestAcceptance',
        note: body.note ?? null,
      },
      context,
    );
  }
}

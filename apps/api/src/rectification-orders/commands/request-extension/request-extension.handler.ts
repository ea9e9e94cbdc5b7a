import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { RequestExtensionCommand } from './request-extension.command';

@CommandHandler(RequestExtensionCommand)
export class RequestExtensionHandler implements ICommandHandler<RequestExtensionCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: RequestExtensionCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'RequestExtension',
        requestId: body.requestId ?? randomUUID(),
        requestedDeadline: body.requestedDeadline,
        reason: body.reason,
        progressSoFar: body.progressSoFar,
      },
      context,
    );
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { RejectExtensionCommand } from './reject-extension.command';

@CommandHandler(RejectExtensionCommand)
export class RejectExtensionHandler implements ICommandHandler<RejectExtensionCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: RejectExtensionCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'RejectExtension',
        requestId: body.requestId,
        reason: body.reason,
      },
      context,
    );
  }
}

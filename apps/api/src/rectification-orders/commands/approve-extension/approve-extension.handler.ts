import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { ApproveExtensionCommand } from './approve-extension.command';

@CommandHandler(ApproveExtensionCommand)
export class ApproveExtensionHandler implements ICommandHandler<ApproveExtensionCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: ApproveExtensionCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'ApproveExtension',
        requestId: body.requestId,
        note: body.note ?? null,
      },
      context,
    );
  }
}

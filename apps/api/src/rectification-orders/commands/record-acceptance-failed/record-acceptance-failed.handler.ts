import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { RecordAcceptanceFailedCommand } from './record-acceptance-failed.command';

@CommandHandler(RecordAcceptanceFailedCommand)
export class RecordAcceptanceFailedHandler implements ICommandHandler<RecordAcceptanceFailedCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: RecordAcceptanceFailedCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'RecordAcceptanceFailed',
        recordId: body.recordId ?? randomUUID(),
        checkedOn: body.checkedOn,
        reasons: body.reasons,
      },
      context,
    );
  }
}

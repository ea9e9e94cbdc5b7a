import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { RecordAcceptancePassedCommand } from './record-acceptance-passed.command';

@CommandHandler(RecordAcceptancePassedCommand)
export class RecordAcceptancePassedHandler implements ICommandHandler<RecordAcceptancePassedCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: RecordAcceptancePassedCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'RecordAcceptancePassed',
        recordId: body.recordId ?? randomUUID(),
        checkedOn: body.checkedOn,
        summary: body.summary,
        documentRef: body.documentRef,
      },
      context,
    );
  }
}

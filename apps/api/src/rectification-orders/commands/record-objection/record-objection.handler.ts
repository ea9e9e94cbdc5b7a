import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { RecordObjectionCommand } from './record-objection.command';

@CommandHandler(RecordObjectionCommand)
export class RecordObjectionHandler implements ICommandHandler<RecordObjectionCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: RecordObjectionCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'RecordObjection',
        objectionId: body.objectionId ?? randomUUID(),
        summary: body.summary,
        receivedOn: body.receivedOn,
      },
      context,
    );
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { RecordSecondCheckCommand } from './record-second-check.command';

@CommandHandler(RecordSecondCheckCommand)
export class RecordSecondCheckHandler implements ICommandHandler<RecordSecondCheckCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: RecordSecondCheckCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'RecordSecondCheck',
        checkedOn: body.checkedOn,
        outcome: body.outcome,
        revisedFinding: body.revisedFinding ?? null,
        summary: body.summary,
      },
      context,
    );
  }
}

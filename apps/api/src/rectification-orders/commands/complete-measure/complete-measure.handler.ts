import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { CompleteMeasureCommand } from './complete-measure.command';

@CommandHandler(CompleteMeasureCommand)
export class CompleteMeasureHandler implements ICommandHandler<CompleteMeasureCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: CompleteMeasureCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'CompleteMeasure',
        measureId: body.measureId,
        completedOn: body.completedOn,
        note: body.note ?? null,
      },
      context,
    );
  }
}

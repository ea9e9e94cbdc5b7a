import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { RecordFollowUpVisitCommand } from './record-follow-up-visit.command';

@CommandHandler(RecordFollowUpVisitCommand)
export class RecordFollowUpVisitHandler implements ICommandHandler<RecordFollowUpVisitCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: RecordFollowUpVisitCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'RecordFollowUpVisit',
        visitId: body.visitId ?? randomUUID(),
        visitedOn: body.visitedOn,
        summary: body.summary,
        satisfied: body.satisfied ?? null,
      },
      context,
    );
  }
}

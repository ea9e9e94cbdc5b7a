import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { IssueOrderCommand } from './issue-order.command';

@CommandHandler(IssueOrderCommand)
export class IssueOrderHandler implements ICommandHandler<IssueOrderCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: IssueOrderCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'IssueOrder',
        orderId,
        code: body.code,
        source: body.source,
        batch: body.batch,
        finding: body.finding,
        target: body.target,
        deadlineKind: body.deadlineKind,
        deadline: body.deadline ?? null,
        measures: body.measures.map(({ measureId, description, dueDate }) => ({ measureId, description, dueDate })),
        petition: body.petition ? { forwardedOn: body.petition.forwardedOn, caseNumber: body.petition.caseNumber ?? null } : null,
      },
      context,
    );
  }
}

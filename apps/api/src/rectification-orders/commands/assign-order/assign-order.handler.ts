import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { AssignOrderCommand } from './assign-order.command';

@CommandHandler(AssignOrderCommand)
export class AssignOrderHandler implements ICommandHandler<AssignOrderCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: AssignOrderCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'AssignOrder',
        leadDepartment: body.leadDepartment,
        responsiblePerson: body.responsiblePerson ?? null,
        cooperatingDepartments: body.cooperatingDepartments,
        acceptanceDepartment: body.acceptanceDepartment,
      },
      context,
    );
  }
}

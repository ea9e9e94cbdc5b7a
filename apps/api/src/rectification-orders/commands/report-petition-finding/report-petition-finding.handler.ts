import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { ReportPetitionFindingCommand } from './report-petition-finding.command';

@CommandHandler(ReportPetitionFindingCommand)
export class ReportPetitionFindingHandler implements ICommandHandler<ReportPetitionFindingCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: ReportPetitionFindingCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'ReportPetitionFinding',
        finding: body.finding,
        summary: body.summary,
      },
      context,
    );
  }
}

import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { ReportPetitionFindingDto } from './report-petition-finding.dto';

export class ReportPetitionFindingCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: ReportPetitionFindingDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

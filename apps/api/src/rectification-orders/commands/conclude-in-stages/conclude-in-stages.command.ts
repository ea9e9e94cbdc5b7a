import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { ConcludeInStagesDto } from './conclude-in-stages.dto';

export class ConcludeInStagesCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: ConcludeInStagesDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

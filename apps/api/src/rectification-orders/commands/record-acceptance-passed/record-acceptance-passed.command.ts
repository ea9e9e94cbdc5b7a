import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { RecordAcceptancePassedDto } from './record-acceptance-passed.dto';

export class RecordAcceptancePassedCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: RecordAcceptancePassedDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

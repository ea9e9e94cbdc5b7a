import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { RecordObjectionDto } from './record-objection.dto';

export class RecordObjectionCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: RecordObjectionDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

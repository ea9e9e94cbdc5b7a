import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { SettleObjectionDto } from './settle-objection.dto';

export class SettleObjectionCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: SettleObjectionDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { StartRectificationDto } from './start-rectification.dto';

export class StartRectificationCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: StartRectificationDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

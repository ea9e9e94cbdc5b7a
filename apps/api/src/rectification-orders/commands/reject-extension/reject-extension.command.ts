import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { RejectExtensionDto } from './reject-extension.dto';

export class RejectExtensionCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: RejectExtensionDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

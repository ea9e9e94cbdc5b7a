import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { RequestExtensionDto } from './request-extension.dto';

export class RequestExtensionCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: RequestExtensionDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

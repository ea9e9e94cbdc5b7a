import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { ApproveExtensionDto } from './approve-extension.dto';

export class ApproveExtensionCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: ApproveExtensionDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { RequestAcceptanceDto } from './request-acceptance.dto';

export class RequestAcceptanceCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: RequestAcceptanceDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

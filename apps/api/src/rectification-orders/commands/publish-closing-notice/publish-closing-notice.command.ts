import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { PublishClosingNoticeDto } from './publish-closing-notice.dto';

export class PublishClosingNoticeCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: PublishClosingNoticeDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { PublishClosingNoticeCommand } from './publish-closing-notice.command';

@CommandHandler(PublishClosingNoticeCommand)
export class PublishClosingNoticeHandler implements ICommandHandler<PublishClosingNoticeCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: PublishClosingNoticeCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'PublishClosingNotice',
        noticeId: body.noticeId ?? randomUUID(),
      },
      context,
    );
  }
}

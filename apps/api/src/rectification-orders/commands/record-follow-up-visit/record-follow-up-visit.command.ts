import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { RecordFollowUpVisitDto } from './record-follow-up-visit.dto';

export class RecordFollowUpVisitCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: RecordFollowUpVisitDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { OrderCommandContext } from '../../shared/order-command.runner';
import type { AttachEvidenceDto } from './attach-evidence.dto';

export class AttachEvidenceCommand extends Command<CommandResult> {
  constructor(
    readonly orderId: string,
    readonly body: AttachEvidenceDto,
    readonly context: OrderCommandContext,
  ) {
    super();
  }
}

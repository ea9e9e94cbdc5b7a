import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { EscalationCommandContext } from '../../shared/escalation-command.runner';
import type { AcknowledgeEscalationDto } from './acknowledge-escalation.dto';

export class AcknowledgeEscalationCommand extends Command<CommandResult> {
  constructor(
    readonly escalationId: string,
    readonly body: AcknowledgeEscalationDto,
    readonly context: EscalationCommandContext,
  ) {
    super();
  }
}

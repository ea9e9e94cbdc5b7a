import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { EscalationCommandContext } from '../../shared/escalation-command.runner';
import type { InstructOnEscalationDto } from './instruct-on-escalation.dto';

export class InstructOnEscalationCommand extends Command<CommandResult> {
  constructor(
    readonly escalationId: string,
    readonly body: InstructOnEscalationDto,
    readonly context: EscalationCommandContext,
  ) {
    super();
  }
}

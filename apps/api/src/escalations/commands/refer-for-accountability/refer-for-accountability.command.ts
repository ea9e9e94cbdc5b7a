import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { EscalationCommandContext } from '../../shared/escalation-command.runner';
import type { ReferForAccountabilityDto } from './refer-for-accountability.dto';

export class ReferForAccountabilityCommand extends Command<CommandResult> {
  constructor(
    readonly escalationId: string,
    readonly body: ReferForAccountabilityDto,
    readonly context: EscalationCommandContext,
  ) {
    super();
  }
}

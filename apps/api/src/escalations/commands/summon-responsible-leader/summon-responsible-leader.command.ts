import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import type { EscalationCommandContext } from '../../shared/escalation-command.runner';
import type { SummonResponsibleLeaderDto } from './summon-responsible-leader.dto';

export class SummonResponsibleLeaderCommand extends Command<CommandResult> {
  constructor(
    readonly escalationId: string,
    readonly body: SummonResponsibleLeaderDto,
    readonly context: EscalationCommandContext,
  ) {
    super();
  }
}

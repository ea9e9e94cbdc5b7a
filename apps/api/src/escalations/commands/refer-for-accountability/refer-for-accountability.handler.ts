import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { EscalationCommandRunner } from '../../shared/escalation-command.runner';
import { ReferForAccountabilityCommand } from './refer-for-accountability.command';

@CommandHandler(ReferForAccountabilityCommand)
export class ReferForAccountabilityHandler implements ICommandHandler<ReferForAccountabilityCommand> {
  constructor(private readonly escalations: EscalationCommandRunner) {}

  execute({ escalationId, body, context }: ReferForAccountabilityCommand): Promise<CommandResult> {
    return this.escalations.run(escalationId, { type: 'ReferForAccountability', reason: body.reason }, context);
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { EscalationCommandRunner } from '../../shared/escalation-command.runner';
import { AcknowledgeEscalationCommand } from './acknowledge-escalation.command';

@CommandHandler(AcknowledgeEscalationCommand)
export class AcknowledgeEscalationHandler implements ICommandHandler<AcknowledgeEscalationCommand> {
  constructor(private readonly escalations: EscalationCommandRunner) {}

  execute({ escalationId, body, context }: AcknowledgeEscalationCommand): Promise<CommandResult> {
    return this.escalations.run(escalationId, { type: 'AcknowledgeEscalation', note: body.note ?? null }, context);
  }
}

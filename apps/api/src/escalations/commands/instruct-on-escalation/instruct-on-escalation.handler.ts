import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { EscalationCommandRunner } from '../../shared/escalation-command.runner';
import { InstructOnEscalationCommand } from './instruct-on-escalation.command';

@CommandHandler(InstructOnEscalationCommand)
export class InstructOnEscalationHandler implements ICommandHandler<InstructOnEscalationCommand> {
  constructor(private readonly escalations: EscalationCommandRunner) {}

  execute({ escalationId, body, context }: InstructOnEscalationCommand): Promise<CommandResult> {
    return this.escalations.run(escalationId, { type: 'InstructOnEscalation', text: body.text }, context);
  }
}

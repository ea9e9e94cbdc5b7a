import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { EscalationCommandRunner } from '../../shared/escalation-command.runner';
import { SummonResponsibleLeaderCommand } from './summon-responsible-leader.command';

@CommandHandler(SummonResponsibleLeaderCommand)
export class SummonResponsibleLeaderHandler implements ICommandHandler<SummonResponsibleLeaderCommand> {
  constructor(private readonly escalations: EscalationCommandRunner) {}

  execute({ escalationId, body, context }: SummonResponsibleLeaderCommand): Promise<CommandResult> {
    return this.escalations.run(
      escalationId,
      {
        type: 'SummonResponsibleLeader',
        date: body.date,
        attendee: body.attendee,
        place: body.place ?? null,
        note: body.note ?? null,
      },
      context,
    );
  }
}

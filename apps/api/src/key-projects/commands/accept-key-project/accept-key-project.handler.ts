import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '../../../shared/command-executor';
import { executeKeyProjectCommand } from '../../shared/key-project-command';
import { AcceptKeyProjectCommand } from './accept-key-project.command';

@CommandHandler(AcceptKeyProjectCommand)
export class AcceptKeyProjectHandler implements ICommandHandler<AcceptKeyProjectCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute(c: AcceptKeyProjectCommand): Promise<CommandResult> {
    const b = c.body;
    return executeKeyProjectCommand(
      this.executor,
      c.projectId,
      {
        type: 'AcceptKeyProject',
        acceptanceRecord: { ...b.acceptanceRecord, summary: b.acceptanceRecord.summary ?? '' },
      },
      c.meta,
    );
  }
}

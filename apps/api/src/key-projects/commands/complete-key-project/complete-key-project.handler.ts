import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '../../../shared/command-executor';
import { executeKeyProjectCommand } from '../../shared/key-project-command';
import { CompleteKeyProjectCommand } from './complete-key-project.command';

@CommandHandler(CompleteKeyProjectCommand)
export class CompleteKeyProjectHandler implements ICommandHandler<CompleteKeyProjectCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute(c: CompleteKeyProjectCommand): Promise<CommandResult> {
    const b = c.body;
    return executeKeyProjectCommand(
      this.executor,
      c.projectId,
      {
        type: 'CompleteKeyProject',
        completedOn: b.completedOn,
      },
      c.meta,
    );
  }
}

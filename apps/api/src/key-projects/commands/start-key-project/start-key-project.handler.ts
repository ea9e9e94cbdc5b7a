import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '../../../shared/command-executor';
import { executeKeyProjectCommand } from '../../shared/key-project-command';
import { StartKeyProjectCommand } from './start-key-project.command';

@CommandHandler(StartKeyProjectCommand)
export class StartKeyProjectHandler implements ICommandHandler<StartKeyProjectCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute(c: StartKeyProjectCommand): Promise<CommandResult> {
    const b = c.body;
    return executeKeyProjectCommand(
      this.executor,
      c.projectId,
      {
        type: 'StartKeyProject',
        startedOn: b.startedOn,
      },
      c.meta,
    );
  }
}

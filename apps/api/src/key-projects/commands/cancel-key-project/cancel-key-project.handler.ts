import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '../../../shared/command-executor';
import { executeKeyProjectCommand } from '../../shared/key-project-command';
import { CancelKeyProjectCommand } from './cancel-key-project.command';

@CommandHandler(CancelKeyProjectCommand)
export class CancelKeyProjectHandler implements ICommandHandler<CancelKeyProjectCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute(c: CancelKeyProjectCommand): Promise<CommandResult> {
    const b = c.body;
    return executeKeyProjectCommand(
      this.executor,
      c.projectId,
      {
        type: 'CancelKeyProject',
        reason: b.reason,
      },
      c.meta,
    );
  }
}

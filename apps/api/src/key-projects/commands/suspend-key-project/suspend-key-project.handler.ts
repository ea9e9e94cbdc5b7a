import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '../../../shared/command-executor';
import { executeKeyProjectCommand } from '../../shared/key-project-command';
import { SuspendKeyProjectCommand } from './suspend-key-project.command';

@CommandHandler(SuspendKeyProjectCommand)
export class SuspendKeyProjectHandler implements ICommandHandler<SuspendKeyProjectCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute(c: SuspendKeyProjectCommand): Promise<CommandResult> {
    const b = c.body;
    return executeKeyProjectCommand(
      this.executor,
      c.projectId,
      {
        type: 'SuspendKeyProject',
        reason: b.reason,
      },
      c.meta,
    );
  }
}

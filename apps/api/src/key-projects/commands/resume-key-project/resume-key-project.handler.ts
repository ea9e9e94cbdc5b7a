import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '../../../shared/command-executor';
import { executeKeyProjectCommand } from '../../shared/key-project-command';
import { ResumeKeyProjectCommand } from './resume-key-project.command';

@CommandHandler(ResumeKeyProjectCommand)
export class ResumeKeyProjectHandler implements ICommandHandler<ResumeKeyProjectCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute(c: ResumeKeyProjectCommand): Promise<CommandResult> {
    const b = c.body;
    return executeKeyProjectCommand(
      this.executor,
      c.projectId,
      {
        type: 'ResumeKeyProject',
        note: b.note ?? null,
      },
      c.meta,
    );
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '../../../shared/command-executor';
import { executeKeyProjectCommand } from '../../shared/key-project-command';
import { RejectBaselineChangeCommand } from './reject-baseline-change.command';

@CommandHandler(RejectBaselineChangeCommand)
export class RejectBaselineChangeHandler implements ICommandHandler<RejectBaselineChangeCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute(c: RejectBaselineChangeCommand): Promise<CommandResult> {
    const b = c.body;
    return executeKeyProjectCommand(
      this.executor,
      c.projectId,
      {
        type: 'RejectBaselineChange',
        requestId: b.requestId,
        reason: b.reason,
      },
      c.meta,
    );
  }
}

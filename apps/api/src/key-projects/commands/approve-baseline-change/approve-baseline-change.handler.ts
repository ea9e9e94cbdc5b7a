import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '../../../shared/command-executor';
import { executeKeyProjectCommand } from '../../shared/key-project-command';
import { ApproveBaselineChangeCommand } from './approve-baseline-change.command';

@CommandHandler(ApproveBaselineChangeCommand)
export class ApproveBaselineChangeHandler implements ICommandHandler<ApproveBaselineChangeCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute(c: ApproveBaselineChangeCommand): Promise<CommandResult> {
    const b = c.body;
    return executeKeyProjectCommand(
      this.executor,
      c.projectId,
      {
        type: 'ApproveBaselineChange',
        requestId: b.requestId,
        note: b.note ?? null,
      },
      c.meta,
    );
  }
}

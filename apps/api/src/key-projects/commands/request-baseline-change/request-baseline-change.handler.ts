import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '../../../shared/command-executor';
import { executeKeyProjectCommand } from '../../shared/key-project-command';
import { RequestBaselineChangeCommand } from './request-baseline-change.command';

@CommandHandler(RequestBaselineChangeCommand)
export class RequestBaselineChangeHandler implements ICommandHandler<RequestBaselineChangeCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute(c: RequestBaselineChangeCommand): Promise<CommandResult> {
    const b = c.body;
    return executeKeyProjectCommand(
      this.executor,
      c.projectId,
      {
        type: 'RequestBaselineChange',
        requestId: b.requestId ?? randomUUID(),
        milestoneId: b.milestoneId,
        proposedBaselineDate: b.proposedBaselineDate,
        reason: b.reason,
      },
      c.meta,
    );
  }
}

import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '../../../shared/command-executor';
import { executeKeyProjectCommand } from '../../shared/key-project-command';
import { PlanMilestoneCommand } from './plan-milestone.command';

@CommandHandler(PlanMilestoneCommand)
export class PlanMilestoneHandler implements ICommandHandler<PlanMilestoneCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute(c: PlanMilestoneCommand): Promise<CommandResult> {
    const b = c.body;
    return executeKeyProjectCommand(
      this.executor,
      c.projectId,
      {
        type: 'PlanMilestone',
        milestoneId: b.milestoneId ?? randomUUID(),
        name: b.name,
        weight: b.weight,
        baselineDate: b.baselineDate ?? null,
        mandatory: b.mandatory,
      },
      c.meta,
    );
  }
}

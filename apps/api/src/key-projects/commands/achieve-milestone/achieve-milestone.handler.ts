import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '../../../shared/command-executor';
import { executeKeyProjectCommand } from '../../shared/key-project-command';
import { AchieveMilestoneCommand } from './achieve-milestone.command';

@CommandHandler(AchieveMilestoneCommand)
export class AchieveMilestoneHandler implements ICommandHandler<AchieveMilestoneCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute(c: AchieveMilestoneCommand): Promise<CommandResult> {
    const b = c.body;
    return executeKeyProjectCommand(
      this.executor,
      c.projectId,
      {
        type: 'AchieveMilestone',
        milestoneId: b.milestoneId,
        achievedOn: b.achievedOn,
        evidence: b.evidence.map((e) => ({ evidenceId: e.evidenceId, title: e.title, uri: e.uri ?? null })),
      },
      c.meta,
    );
  }
}

import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '../../../shared/command-executor';
import { executeKeyProjectCommand } from '../../shared/key-project-command';
import { ReportProjectProgressCommand } from './report-project-progress.command';

@CommandHandler(ReportProjectProgressCommand)
export class ReportProjectProgressHandler implements ICommandHandler<ReportProjectProgressCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute(c: ReportProjectProgressCommand): Promise<CommandResult> {
    const b = c.body;
    return executeKeyProjectCommand(
      this.executor,
      c.projectId,
      {
        type: 'ReportProjectProgress',
        reportId: b.reportId ?? randomUUID(),
        milestoneId: b.milestoneId ?? null,
        percentComplete: b.percentComplete ?? null,
        forecastDate: b.forecastDate ?? null,
        narrative: b.narrative,
      },
      c.meta,
    );
  }
}

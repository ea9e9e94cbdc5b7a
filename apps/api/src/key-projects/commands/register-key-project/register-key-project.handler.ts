import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PG_POOL, type PgPool } from '@app/event-store';
import { ProblemException } from '@app/platform';
import { CommandExecutor, type CommandResult } from '../../../shared/command-executor';
import { executeKeyProjectCommand } from '../../shared/key-project-command';
import { RegisterKeyProjectCommand } from './register-key-project.command';

@CommandHandler(RegisterKeyProjectCommand)
export class RegisterKeyProjectHandler implements ICommandHandler<RegisterKeyProjectCommand, CommandResult> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PG_POOL) private readonly pool: PgPool,
  ) {}

  async execute(c: RegisterKeyProjectCommand): Promise<CommandResult> {
    const b = c.body;
    // Ids derived from the code collide in the event store itself; a caller-chosen id can only be
    // checked against the read model, which is enough to catch the honest mistake.
    const { rowCount } = await this.pool.query(`SELECT 1 FROM read_models.key_projects WHERE code = $1 AND id <> $2`, [
      b.code,
      c.projectId,
    ]);
    if (rowCount) {
      throw new ProblemException(409, 'CODE_ALREADY_REGISTERED', 'Conflict', `工程代码 ${b.code} 已被其他重点工程使用，请核对代码`);
    }
    return executeKeyProjectCommand(
      this.executor,
      c.projectId,
      {
        type: 'RegisterKeyProject',
        projectId: c.projectId,
        code: b.code,
        name: b.name,
        planBox: b.planBox ?? null,
        category: b.category,
        leadDepartment: b.leadDepartment ?? null,
        cooperatingDepartments: b.cooperatingDepartments ?? [],
        implementingUnit: b.implementingUnit ?? null,
        responsiblePerson: b.responsiblePerson ?? null,
        plannedStart: b.plannedStart ?? null,
        plannedEnd: b.plannedEnd ?? null,
        plannedInvestment: b.plannedInvestment ?? null,
        description: b.description ?? '',
      },
      c.meta,
      'create',
    );
  }
}

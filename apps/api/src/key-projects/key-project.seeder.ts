import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandExecutor, keyProjects, type CommandMeta } from '@app/commands';
import type { Actor } from '@app/domain';
import { AppConfig } from '@app/platform';
import { SEED_KEY_PROJECTS, type SeedKeyProject } from '@app/seed';
import { keyProjectIdForCode } from './key-project-id';

export const SEED_ACTOR: Actor = { userId: 'system:seed', displayName: '系统初始化', roles: ['supervision-office'], department: null };

/**
 * Loads the plan register's key projects and commitments through the ordinary command path. Ids
 * come from the codes and each step is skipped when already in the stream, so a re-run (or a run
 * interrupted half-way) appends only what is missing.
 */
@Injectable()
export class KeyProjectSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('KeyProjectSeeder');

  constructor(
    private readonly executor: CommandExecutor,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_PLAN) return;
    const { registered, milestones } = await this.seed();
    this.logger.log(
      `plan register: ${registered} key project(s) registered, ${milestones} milestone(s) planned, ${SEED_KEY_PROJECTS.length} in the plan`,
    );
  }

  async seed(): Promise<{ registered: number; milestones: number }> {
    let registered = 0;
    let milestones = 0;
    for (const project of SEED_KEY_PROJECTS) {
      const result = await this.seedOne(project);
      registered += result.registered;
      milestones += result.milestones;
    }
    return { registered, milestones };
  }

  private async seedOne(project: SeedKeyProject): Promise<{ registered: number; milestones: number }> {
    const id = keyProjectIdForCode(project.code);
    const meta: CommandMeta = { actor: SEED_ACTOR, requestId: `seed:${project.code}` };
    const { state, version } = await this.executor.read(keyProjects, id);
    let registered = 0;
    if (version === 0) {
      await this.executor.execute(
        keyProjects,
        id,
        {
          type: 'RegisterKeyProject',
          projectId: id,
          code: project.code,
          name: project.name,
          planBox: project.planBox,
          category: project.category,
          leadDepartment: project.leadDepartment,
          cooperatingDepartments: project.cooperatingDepartments,
          implementingUnit: project.implementingUnit,
          responsiblePerson: null,
          plannedStart: project.plannedStart,
          plannedEnd: project.plannedEnd,
          plannedInvestment: project.plannedInvestmentWanYuan,
          description: project.description,
        },
        meta,
      );
      registered = 1;
    }
    let milestones = 0;
    for (const m of project.milestones) {
      if (state.milestones.some((existing) => existing.milestoneId === m.key)) continue;
      await this.executor.execute(
        keyProjects,
        id,
        { type: 'PlanMilestone', milestoneId: m.key, name: m.name, weight: m.weight, baselineDate: m.baselineDue, mandatory: m.mandatory },
        meta,
      );
      milestones++;
    }
    return { registered, milestones };
  }
}

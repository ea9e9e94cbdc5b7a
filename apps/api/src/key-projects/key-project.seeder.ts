import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandExecutor, keyProjects, type CommandMeta } from '@app/commands';
import type { Actor, KeyProjectState } from '@app/domain';
import { AppConfig } from '@app/platform';
import { SEED_KEY_PROJECTS, type SeedKeyProject } from '@app/seed';
import { keyProjectIdForCode } from './key-project-id';

export const SEED_ACTOR: Actor = { userId: 'system:seed', displayName: '系统初始化', roles: ['supervision-office'], department: null };

interface SeedOutcome {
  registered: number;
  milestones: number;
  assigned: number;
  amended: number;
}

const UPGRADE_REASON = '补记规划出处和事项类型（早期版本登记时未记录）';
const WITHDRAW_REASON = '；规划未明确牵头单位，撤回登记时由地名推定的牵头单位，待整改办交办';

/**
 * Loads the plan register's items through the ordinary command path. Ids come from the codes and
 * each step is skipped when already in the stream, so a re-run (or a run interrupted half-way)
 * appends only what is missing:
 * - registration with the item's kind and source, always without a department;
 * - the milestones the plan lists;
 * - for the items whose department the plan names (DC-02, DC-03: 宁安市), the 交办 to it, so it shows
 *   in their history like any other 交办.
 * A store seeded by an earlier version lacks the kinds and sources and has lead departments the plan
 * does not name (inferred from a place name); each such item gets one 更正登记信息 that records its
 * kind and source and, while nobody has assigned or started it, withdraws that department, so it is
 * 待交办 again. An item someone has already assigned or started keeps its department.
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
    const { registered, milestones, assigned, amended } = await this.seed();
    this.logger.log(
      `plan register: ${registered} item(s) registered, ${milestones} milestone(s) planned, ${assigned} assigned, ${amended} amended, ${SEED_KEY_PROJECTS.length} in the plan`,
    );
  }

  async seed(): Promise<SeedOutcome> {
    const total: SeedOutcome = { registered: 0, milestones: 0, assigned: 0, amended: 0 };
    for (const project of SEED_KEY_PROJECTS) {
      const result = await this.seedOne(project);
      total.registered += result.registered;
      total.milestones += result.milestones;
      total.assigned += result.assigned;
      total.amended += result.amended;
    }
    return total;
  }

  private async seedOne(project: SeedKeyProject): Promise<SeedOutcome> {
    const id = keyProjectIdForCode(project.code);
    const meta: CommandMeta = { actor: SEED_ACTOR, requestId: `seed:${project.code}` };
    const { state, version } = await this.executor.read(keyProjects, id);
    const outcome: SeedOutcome = { registered: 0, milestones: 0, assigned: 0, amended: 0 };
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
          planItemKind: project.planItemKind,
          source: project.source,
          leadDepartment: null,
          cooperatingDepartments: [],
          implementingUnit: project.implementingUnit,
          responsiblePerson: null,
          plannedStart: project.plannedStart,
          plannedEnd: project.plannedEnd,
          plannedInvestment: project.plannedInvestmentWanYuan,
          description: project.description,
        },
        meta,
      );
      outcome.registered = 1;
    } else {
      outcome.amended = await this.upgrade(id, project, state, meta);
    }
    for (const m of project.milestones) {
      if (state.milestones.some((existing) => existing.milestoneId === m.key)) continue;
      await this.executor.execute(
        keyProjects,
        id,
        { type: 'PlanMilestone', milestoneId: m.key, name: m.name, weight: m.weight, baselineDate: m.baselineDue, mandatory: m.mandatory },
        meta,
      );
      outcome.milestones++;
    }
    const planned = version === 0 || state.status === 'PLANNED';
    if (project.leadDepartment !== null && planned && state.assignments.length === 0) {
      await this.executor.execute(
        keyProjects,
        id,
        {
          type: 'AssignKeyProject',
          leadDepartment: project.leadDepartment,
          cooperatingDepartments: project.cooperatingDepartments,
          // The plan names the department, not a 责任领导 or a person: the office adds them by 重新交办.
          responsibleLeader: null,
          responsiblePerson: null,
          plannedStart: project.plannedStart,
          plannedEnd: project.plannedEnd,
          milestones: project.milestones.flatMap((m) => (m.baselineDue ? [{ milestoneId: m.key, baselineDate: m.baselineDue }] : [])),
        },
        meta,
      );
      outcome.assigned = 1;
    }
    return outcome;
  }

  /**
   * 1 when the item was registered by an earlier version, which kept no source: its kind, source and
   * department are corrected once. An item with a source is left alone, so a later correction by the
   * supervision office stands.
   */
  private async upgrade(id: string, project: SeedKeyProject, state: KeyProjectState, meta: CommandMeta): Promise<number> {
    if (state.source !== null) return 0;
    const withdraw =
      project.leadDepartment === null && state.leadDepartment !== null && state.assignments.length === 0 && state.status === 'PLANNED';
    await this.executor.execute(
      keyProjects,
      id,
      {
        type: 'AmendKeyProjectRegistration',
        planItemKind: project.planItemKind,
        source: project.source,
        withdrawLeadDepartment: withdraw,
        reason: withdraw ? `${UPGRADE_REASON}${WITHDRAW_REASON}` : UPGRADE_REASON,
      },
      meta,
    );
    return 1;
  }
}

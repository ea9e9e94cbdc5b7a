import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandExecutor, indicators, keyProjects, type CommandMeta } from '@app/commands';
import { AppConfig } from '@app/platform';
import { SEED_INDICATORS, type SeedIndicator } from '@app/seed';
import { keyProjectIdForCode } from '../key-projects/key-project-id';
import { SEED_ACTOR } from '../key-projects/key-project.seeder';
import { indicatorIdForCode } from './indicator-id';

/**
 * Registers the plan's indicators (表2) and chapter targets through the ordinary command path, and
 * links the key projects the plan ties to them. Ids come from the codes and each step is skipped when
 * already in the stream, so a re-run appends only what is missing. Runs after the key-project seeder
 * (IndicatorsModule imports KeyProjectsModule, so Nest bootstraps that one first).
 */
@Injectable()
export class IndicatorSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('IndicatorSeeder');

  constructor(
    private readonly executor: CommandExecutor,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_PLAN) return;
    const { registered, linked } = await this.seed();
    this.logger.log(`plan indicators: ${registered} registered, ${linked} project link(s), ${SEED_INDICATORS.length} in the plan`);
  }

  async seed(): Promise<{ registered: number; linked: number }> {
    let registered = 0;
    let linked = 0;
    for (const item of SEED_INDICATORS) {
      const result = await this.seedOne(item);
      registered += result.registered;
      linked += result.linked;
    }
    return { registered, linked };
  }

  private async seedOne(item: SeedIndicator): Promise<{ registered: number; linked: number }> {
    const id = indicatorIdForCode(item.code);
    const meta: CommandMeta = { actor: SEED_ACTOR, requestId: `seed:${item.code}` };
    const { state, version } = await this.executor.read(indicators, id);
    let registered = 0;
    if (version === 0) {
      const { contributingProjectCodes: _links, ...definition } = item;
      await this.executor.execute(indicators, id, { type: 'RegisterIndicator', indicatorId: id, ...definition }, meta);
      registered = 1;
    }
    let linked = 0;
    for (const code of item.contributingProjectCodes) {
      const projectId = keyProjectIdForCode(code);
      if (state.contributingProjects.some((p) => p.projectId === projectId)) continue;
      const project = await this.executor.read(keyProjects, projectId);
      if (project.version === 0) {
        this.logger.warn(`${item.code}: key project ${code} is not registered yet; its link waits for the next start`);
        continue;
      }
      await this.executor.execute(
        indicators,
        id,
        { type: 'LinkContributingProject', projectId, projectCode: code, projectName: project.state.name, note: '规划原文所列支撑工程' },
        meta,
      );
      linked++;
    }
    return { registered, linked };
  }
}

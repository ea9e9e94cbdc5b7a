import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  asOfInstant,
  keyProjectAllowedActions,
  keyProjectDecider,
  keyProjectStreamId,
  upgradeKeyProjectState,
  type Actor,
  type KeyProjectState,
} from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { AppConfig, Clock, ProblemException } from '@app/platform';
import { keyProjectView } from '@app/read-models';
import { CommandExecutor } from '@app/commands';
import { GetKeyProjectQuery, type KeyProjectDetail } from './get-key-project.query';

@QueryHandler(GetKeyProjectQuery)
export class GetKeyProjectHandler implements IQueryHandler<GetKeyProjectQuery, KeyProjectDetail> {
  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly executor: CommandExecutor,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async execute({ id, actor, asOf }: GetKeyProjectQuery): Promise<KeyProjectDetail> {
    if (asOf) {
      const { state, version, events } = await this.executor.load(keyProjectDecider, keyProjectStreamId(id), asOfInstant(asOf) as Date);
      if (version === 0) throw notFound(id, `截至 ${asOf} 该重点工程尚未登记`);
      const last = events[events.length - 1];
      return {
        ...this.view(id, state),
        asOf,
        lastPosition: last.position.toString(),
        updatedAt: last.recordedAt.toISOString(),
        allowedActions: [],
      };
    }
    const { rows } = await this.pool.query<{ state: Partial<KeyProjectState>; last_position: string; updated_at: Date }>(
      `SELECT state, last_position::text AS last_position, updated_at FROM read_models.key_projects WHERE id = $1`,
      [id],
    );
    if (!rows[0]) throw notFound(id, '未找到该重点工程');
    const state = upgradeKeyProjectState(rows[0].state);
    return {
      ...this.view(id, state),
      asOf: null,
      lastPosition: rows[0].last_position,
      updatedAt: rows[0].updated_at.toISOString(),
      allowedActions: this.allowedActions(state, actor),
    };
  }

  private view(id: string, state: KeyProjectState) {
    const view = keyProjectView(id, state);
    return { ...view, statusLabel: view.labels.status };
  }

  private allowedActions(state: KeyProjectState, actor: Actor) {
    return keyProjectAllowedActions(state, { actor, now: this.clock.now(), config: this.config.domainConfig });
  }
}

function notFound(id: string, what: string): ProblemException {
  return new ProblemException(404, 'NOT_FOUND', 'Not Found', `${what}（编号 ${id}），请检查编号`);
}

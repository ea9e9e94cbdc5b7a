import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { endOfShanghaiDay, keyProjectDecider, keyProjectStatusLabels, keyProjectStreamId, type KeyProjectState } from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { ProblemException } from '@app/platform';
import { keyProjectView, type KeyProjectView } from '@app/read-models';
import { CommandExecutor } from '@app/commands';
import { GetKeyProjectQuery } from './get-key-project.query';

export type KeyProjectDetail = KeyProjectView & {
  statusLabel: string;
  asOf: string | null;
  lastPosition: string | null;
  updatedAt: string | null;
};

@QueryHandler(GetKeyProjectQuery)
export class GetKeyProjectHandler implements IQueryHandler<GetKeyProjectQuery, KeyProjectDetail> {
  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly executor: CommandExecutor,
  ) {}

  async execute({ id, asOf }: GetKeyProjectQuery): Promise<KeyProjectDetail> {
    if (asOf) {
      const { state, version, events } = await this.executor.load(keyProjectDecider, keyProjectStreamId(id), endOfShanghaiDay(asOf));
      if (version === 0) throw notFound(id, `截至 ${asOf} 该重点工程尚未登记`);
      const last = events[events.length - 1];
      return this.detail(id, state, { asOf, lastPosition: last.position.toString(), updatedAt: last.recordedAt.toISOString() });
    }
    const { rows } = await this.pool.query<{ state: KeyProjectState; last_position: string; updated_at: Date }>(
      `SELECT state, last_position::text AS last_position, updated_at FROM read_models.key_projects WHERE id = $1`,
      [id],
    );
    if (!rows[0]) throw notFound(id, '未找到该重点工程');
    return this.detail(id, rows[0].state, { asOf: null, lastPosition: rows[0].last_position, updatedAt: rows[0].updated_at.toISOString() });
  }

  private detail(
    id: string,
    state: KeyProjectState,
    extra: Pick<KeyProjectDetail, 'asOf' | 'lastPosition' | 'updatedAt'>,
  ): KeyProjectDetail {
    const view = keyProjectView(id, state);
    return { ...view, statusLabel: keyProjectStatusLabels[view.status], ...extra };
  }
}

function notFound(id: string, what: string): ProblemException {
  return new ProblemException(404, 'NOT_FOUND', 'Not Found', `${what}（编号 ${id}），请检查编号`);
}

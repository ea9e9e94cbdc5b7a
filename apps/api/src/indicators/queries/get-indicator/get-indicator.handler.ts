import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@app/commands';
import { indicatorAllowedActions, indicatorDecider, indicatorStreamId, type IndicatorState } from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { AppConfig, Clock, ProblemException } from '@app/platform';
import { indicatorView } from '@app/read-models';
import { asOfInstant } from '../../as-of';
import { GetIndicatorQuery, type IndicatorDetail } from './get-indicator.query';

@QueryHandler(GetIndicatorQuery)
export class GetIndicatorHandler implements IQueryHandler<GetIndicatorQuery, IndicatorDetail> {
  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly executor: CommandExecutor,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async execute({ id, actor, asOf }: GetIndicatorQuery): Promise<IndicatorDetail> {
    if (asOf) {
      const instant = asOfInstant(asOf) as Date;
      const { state, version, events } = await this.executor.load(indicatorDecider, indicatorStreamId(id), instant);
      if (version === 0) throw notFound(id, `截至 ${asOf} 该指标尚未登记`);
      const last = events[events.length - 1];
      return {
        ...indicatorView(id, state),
        asOf,
        lastPosition: last.position.toString(),
        updatedAt: last.recordedAt.toISOString(),
        allowedActions: [],
      };
    }
    const { rows } = await this.pool.query<{ state: IndicatorState; last_position: string; updated_at: Date }>(
      `SELECT state, last_position::text AS last_position, updated_at FROM read_models.indicators WHERE id = $1`,
      [id],
    );
    if (!rows[0]) throw notFound(id, '未找到该指标');
    const state = rows[0].state;
    return {
      ...indicatorView(id, state),
      asOf: null,
      lastPosition: rows[0].last_position,
      updatedAt: rows[0].updated_at.toISOString(),
      allowedActions: indicatorAllowedActions(state, { actor, now: this.clock.now(), config: this.config.domainConfig }),
    };
  }
}

function notFound(id: string, what: string): ProblemException {
  return new ProblemException(404, 'NOT_FOUND', 'Not Found', `${what}（编号 ${id}），请检查编号`);
}

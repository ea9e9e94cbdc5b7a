import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  asOfInstant,
  orderStateFor,
  orderAllowedActions,
  orderTimeliness,
  orderTimelinessLabels,
  shanghaiDate,
  rectificationOrderDecider,
  rectificationOrderStreamId,
  type RectificationOrderState,
} from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { AppConfig, Clock, ProblemException } from '@app/platform';
import { CommandExecutor } from '@app/commands';
import { orderDetail } from '../order.view';
import { GetOrderQuery, type OrderDetailView } from './get-order.query';

function notFound(id: string, asOf?: string): ProblemException {
  const when = asOf ? `在 ${asOf} 及以前` : '';
  return new ProblemException(
    404,
    'NOT_FOUND',
    'Not Found',
    `未找到该整改任务（编号 ${id}）${when ? `：${when}尚未下达` : ''}，请检查编号`,
  );
}

function timeliness(state: RectificationOrderState, day: string) {
  const t = orderTimeliness(state, day);
  return { timeliness: t, timelinessLabel: orderTimelinessLabels[t] };
}

/** The read model for now; a replay of the stream for a past day (the log is the only record of what was known then). */
@QueryHandler(GetOrderQuery)
export class GetOrderHandler implements IQueryHandler<GetOrderQuery> {
  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly executor: CommandExecutor,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async execute({ id, actor, asOf }: GetOrderQuery): Promise<OrderDetailView> {
    if (asOf) {
      const { state, version } = await this.executor.load(
        rectificationOrderDecider,
        rectificationOrderStreamId(id),
        asOfInstant(asOf) as Date,
      );
      if (version === 0) throw notFound(id, asOf);
      return {
        ...orderDetail(id, orderStateFor(actor, state)),
        asOf,
        ...timeliness(state, shanghaiDate(asOfInstant(asOf) as Date)),
        allowedActions: [],
      };
    }
    const { rows } = await this.pool.query<{ state: RectificationOrderState; is_sample: boolean; updated_at: Date }>(
      `SELECT state, is_sample, updated_at FROM read_models.rectification_orders WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw notFound(id);
    // The row keeps only the latest report; every report is a row of order_progress_reports.
    const { rows: reports } = await this.pool.query<{ report: RectificationOrderState['progressReports'][number] }>(
      `SELECT report FROM read_models.order_progress_reports WHERE order_id = $1 ORDER BY version`,
      [id],
    );
    const state: RectificationOrderState = { ...row.state, progressReports: reports.map((r) => r.report) };
    const allowedActions = orderAllowedActions(state, { actor, now: this.clock.now(), config: this.config.domainConfig });
    return {
      ...orderDetail(id, orderStateFor(actor, state)),
      ...timeliness(state, shanghaiDate(this.clock.now())),
      isSample: row.is_sample,
      updatedAt: row.updated_at.toISOString(),
      allowedActions,
    };
  }
}

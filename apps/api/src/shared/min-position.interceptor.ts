import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, switchMap, type Observable } from 'rxjs';
import { CheckpointStore, PG_POOL, PostgresEventStore, SubscriptionRegistry, type PgPool } from '@app/event-store';
import { AppConfig, ProblemException } from '@app/platform';

interface Req {
  method: string;
  headers: Record<string, string | string[] | undefined>;
}
interface Reply {
  header(name: string, value: string): Reply;
}

/**
 * X-Min-Position on a query: wait (bounded by MIN_POSITION_WAIT_MS) until every read model has
 * passed that position in commit order, so a client reads its own write. On timeout the answer is
 * 503 problem+json with `Retry-After`: an answer from read models that lack the write (a 404 for the
 * order just created) would be wrong, not merely late.
 */
@Injectable()
export class MinPositionInterceptor implements NestInterceptor {
  constructor(
    private readonly registry: SubscriptionRegistry,
    private readonly checkpoints: CheckpointStore,
    private readonly store: PostgresEventStore,
    private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: PgPool,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Req>();
    const raw = req.headers['x-min-position'];
    if (req.method !== 'GET' || raw === undefined) return next.handle();
    if (!/^\d{1,18}$/.test(String(raw))) {
      throw new ProblemException(
        400,
        'BAD_MIN_POSITION',
        'Bad Request',
        `X-Min-Position 须为命令返回的 position（非负整数），收到：${String(raw)}`,
      );
    }
    const reply = context.switchToHttp().getResponse<Reply>();
    return from(this.waitFor(BigInt(String(raw)))).pipe(
      switchMap((reached) => {
        if (!reached) {
          reply.header('retry-after', '1');
          throw new ProblemException(
            503,
            'READ_MODEL_BEHIND',
            'Service Unavailable',
            `您刚提交的变更尚未同步到查询数据（已等待 ${this.config.MIN_POSITION_WAIT_MS / 1000} 秒），请稍后重试`,
            { minPosition: String(raw) },
          );
        }
        return next.handle();
      }),
    );
  }

  async waitFor(position: bigint): Promise<boolean> {
    const deadline = Date.now() + this.config.MIN_POSITION_WAIT_MS;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      if (await this.reached(position)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  private async reached(position: bigint): Promise<boolean> {
    return this.config.KAFKA_BROKERS ? this.reachedThroughKafka(position) : this.reachedFromLog(position);
  }

  /** Read models fed from the log keep one checkpoint each, compared in commit order. */
  private async reachedFromLog(position: bigint): Promise<boolean> {
    for (const handler of this.registry.all()) {
      const checkpoint = await this.checkpoints.get(handler.name);
      if (!(await this.store.hasReached(checkpoint, position))) return false;
    }
    return true;
  }

  /**
   * Kafka-fed read models only keep order per stream, so "reached" means: every projector that
   * receives this event's stream has applied that stream up to the event's version.
   */
  private async reachedThroughKafka(position: bigint): Promise<boolean> {
    const { rows } = await this.pool.query<{ stream_id: string; version: number }>(
      `SELECT stream_id, version FROM event_store.events WHERE position = $1`,
      [position.toString()],
    );
    const event = rows[0];
    if (!event) return true;
    const names = this.registry
      .all()
      .filter((h) => !h.categories?.length || h.categories.some((c) => event.stream_id.startsWith(`${c}-`)))
      .map((h) => h.name);
    if (names.length === 0) return true;
    const { rows: marks } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM messaging.stream_positions WHERE subscription = ANY($1::text[]) AND stream_id = $2 AND version >= $3`,
      [names, event.stream_id, event.version],
    );
    return Number(marks[0].n) === names.length;
  }
}

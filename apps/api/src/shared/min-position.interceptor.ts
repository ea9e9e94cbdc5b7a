import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, switchMap, type Observable } from 'rxjs';
import { CheckpointStore, PostgresEventStore, SubscriptionRegistry } from '@app/event-store';
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
 * passed that position in commit order, so a client reads its own write. On timeout the answer
 * is served anyway, marked `X-Read-Model-Stale: true`.
 */
@Injectable()
export class MinPositionInterceptor implements NestInterceptor {
  constructor(
    private readonly registry: SubscriptionRegistry,
    private readonly checkpoints: CheckpointStore,
    private readonly store: PostgresEventStore,
    private readonly config: AppConfig,
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
        if (!reached) reply.header('x-read-model-stale', 'true');
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
    for (const handler of this.registry.all()) {
      const checkpoint = await this.checkpoints.get(handler.name);
      if (!(await this.store.hasReached(checkpoint, position))) return false;
    }
    return true;
  }
}

import { createHash } from 'node:crypto';
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, lastValueFrom, of, type Observable } from 'rxjs';
import type { Actor } from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { ProblemException } from '@app/platform';

interface Req {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  actor?: Actor;
}
interface Reply {
  statusCode: number;
  getHeader(name: string): unknown;
  header(name: string, value: string): Reply;
  status(code: number): Reply;
}

const KEY = /^[A-Za-z0-9._:-]{8,128}$/;
const REPLAYED_HEADERS = ['location', 'etag'];

/**
 * Idempotency-Key on POST: the first request with a key runs and its response is stored; a repeat
 * (same user, key and request) gets that response again without appending. A key reused for a
 * different request is refused (422); one still in flight answers 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(PG_POOL) private readonly pool: PgPool) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Req>();
    const raw = req.headers['idempotency-key'];
    if (req.method !== 'POST' || raw === undefined) return next.handle();
    return from(this.run(String(raw), req, context.switchToHttp().getResponse<Reply>(), next));
  }

  private async run(key: string, req: Req, reply: Reply, next: CallHandler): Promise<unknown> {
    if (!KEY.test(key)) {
      throw new ProblemException(
        400,
        'BAD_IDEMPOTENCY_KEY',
        'Bad Request',
        'Idempotency-Key 须为 8–128 位字母、数字或 . _ : -（建议使用 UUID）',
      );
    }
    const userId = req.actor?.userId ?? 'anonymous';
    const hash = createHash('sha256')
      .update(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const claimed = await this.pool.query(
      `INSERT INTO api.idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [userId, key, hash],
    );
    if (claimed.rowCount === 0) return this.replay(userId, key, hash, reply);

    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const headers = Object.fromEntries(REPLAYED_HEADERS.map((h) => [h, reply.getHeader(h)]).filter(([, v]) => typeof v === 'string'));
      await this.pool.query(`UPDATE api.idempotency_keys SET status = $3, headers = $4, body = $5 WHERE user_id = $1 AND key = $2`, [
        userId,
        key,
        reply.statusCode,
        JSON.stringify(headers),
        JSON.stringify(body ?? null),
      ]);
      return body;
    } catch (error) {
      // A refused command changed nothing, so the key is released for a corrected retry.
      await this.pool.query(`DELETE FROM api.idempotency_keys WHERE user_id = $1 AND key = $2`, [userId, key]);
      throw error;
    }
  }

  private async replay(userId: string, key: string, hash: string, reply: Reply): Promise<unknown> {
    const { rows } = await this.pool.query<{
      request_hash: string;
      status: number | null;
      headers: Record<string, string> | null;
      body: unknown;
    }>(`SELECT request_hash, status, headers, body FROM api.idempotency_keys WHERE user_id = $1 AND key = $2`, [userId, key]);
    const row = rows[0];
    if (!row) throw new ProblemException(409, 'IDEMPOTENCY_KEY_BUSY', 'Conflict', '相同 Idempotency-Key 的请求刚刚失败，请重试');
    if (row.request_hash !== hash) {
      throw new ProblemException(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        'Unprocessable Entity',
        '该 Idempotency-Key 已用于另一个不同的请求，请为新请求生成新的键',
      );
    }
    if (row.status === null) {
      throw new ProblemException(409, 'IDEMPOTENCY_KEY_IN_FLIGHT', 'Conflict', '相同 Idempotency-Key 的请求正在处理中，请稍后再查询结果');
    }
    reply.status(row.status).header('idempotent-replayed', 'true');
    for (const [name, value] of Object.entries(row.headers ?? {})) reply.header(name, value);
    return lastValueFrom(of(row.body));
  }
}

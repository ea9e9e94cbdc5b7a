import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Lease, PG_POOL, WakeableSleep, type PgPool } from '@app/event-store';
import type { CloudEvent } from '@app/messaging';
import { AppConfig } from '@app/platform';
import { renderDelivery, signDelivery, type WebhookFormat, type WebhookOptions } from './webhook.templates';
import { webhookUrlProblem } from './webhook-address';

interface Due {
  id: string;
  subscription_id: string;
  payload: CloudEvent;
  attempts: number;
  failures: number;
  url: string;
  secret: string;
  format: WebhookFormat;
  options: WebhookOptions;
}

/** The pause before retry n (1-based), with ±20 % jitter so that failing receivers are not hit in step. */
export function retryDelayMs(schedule: number[], attempt: number, random = Math.random): number | null {
  const base = schedule[attempt - 1];
  if (base === undefined) return null;
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Sends the queued deliveries (docs/architecture.md, Webhooks). One active worker per cluster, by a
 * lease like the relay's (`webhooks.leases`). Per (subscription, subject) only the oldest undelivered
 * delivery is sent, so a subject's events arrive in order; a later one waits until the earlier one is
 * accepted. A delivery is marked done only after the receiver's 2xx: a crash between the two resends it
 * with the same `webhook-id` (at least once). A failure is recorded as an attempt and retried after the
 * schedule's next pause; after the last, the subscription is disabled with the reason.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookDelivery');
  private readonly lease: Lease;
  private readonly schedule: number[];
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly idle = new WakeableSleep();
  private keeper: ReturnType<typeof setInterval> | null = null;

  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly config: AppConfig,
  ) {
    this.schedule = config.WEBHOOK_RETRY_SCHEDULE_MS.split(',').map(Number);
    const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.lease = new Lease(pool, { table: 'webhooks.leases', name: 'webhook-delivery', owner, ttlMs: config.WEBHOOK_LEASE_TTL_MS });
  }

  get isActive(): boolean {
    return this.lease.held;
  }

  onApplicationBootstrap(): void {
    if (this.config.RUN_WORKER && this.config.WEBHOOKS_ENABLED) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.keeper = setInterval(() => void this.lease.acquire().catch(() => undefined), Math.max(100, Math.floor(this.lease.ttlMs / 3)));
    this.keeper.unref();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.keeper) clearInterval(this.keeper);
    this.idle.wake();
    await this.loop;
    await this.lease.release().catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sent = 0;
      try {
        sent = await this.runOnce();
      } catch (error) {
        this.logger.warn({ error: String(error) }, 'webhook batch failed; retrying');
      }
      if (sent === 0 && this.running) await this.idle.sleep(this.config.WEBHOOK_POLL_MS);
    }
  }

  /** Sends one batch of due deliveries if this instance holds the lease; returns how many were tried. */
  async runOnce(limit = 50): Promise<number> {
    if (!this.lease.held && !(await this.lease.acquire())) return 0;
    const { rows } = await this.pool.query<Due>(
      `WITH heads AS (
         SELECT DISTINCT ON (d.subscription_id, d.stream_id) d.id, d.next_attempt_at
         FROM webhooks.deliveries d JOIN webhooks.subscriptions s ON s.id = d.subscription_id
         WHERE d.status = 'PENDING' AND s.status = 'ACTIVE' AND s.deleted_at IS NULL
         ORDER BY d.subscription_id, d.stream_id, d.position)
       SELECT d.id, d.subscription_id, d.payload, d.attempts, d.failures, s.url, s.secret, s.format, s.options
       FROM heads h JOIN webhooks.deliveries d ON d.id = h.id JOIN webhooks.subscriptions s ON s.id = d.subscription_id
       WHERE h.next_attempt_at <= now()
       ORDER BY d.position LIMIT $1`,
      [limit],
    );
    // Different subjects go out side by side; one subject has at most one delivery in a batch.
    await Promise.all(rows.map((d) => this.deliver(d)));
    return rows.length;
  }

  private async deliver(d: Due): Promise<void> {
    const attempt = d.attempts + 1;
    const started = new Date();
    let status: number | null = null;
    let error: string | null = null;
    try {
      // Checked again at sending time: a name can be pointed at an internal address after it was accepted.
      const problem = await webhookUrlProblem(d.url, this.config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES);
      if (problem) throw new Error(problem);
      const rendered = renderDelivery(d.format, d.url, d.options, d.payload, started);
      const res = await fetch(rendered.url, {
        method: 'POST',
        headers: {
          'content-type': rendered.contentType,
          'user-agent': 'mdj-eco-webhooks/1',
          ...signDelivery(d.secret, d.id, rendered.body, started),
        },
        body: rendered.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (status < 200 || status >= 300) error = `接收方返回 HTTP ${status}`;
    } catch (e) {
      const err = e as Error;
      error = err.name === 'TimeoutError' ? `接收方 ${this.config.WEBHOOK_TIMEOUT_MS} 毫秒内未应答（超时）` : `投递失败：${err.message}`;
    }
    const ms = Date.now() - started.getTime();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO webhooks.attempts (delivery_id, attempt, at, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING`,
        [d.id, attempt, started, status, error, ms],
      );
      if (error === null) {
        await client.query(
          `UPDATE webhooks.deliveries SET status = 'DELIVERED', attempts = $2, failures = 0, delivered_at = now(), last_error = NULL
           WHERE id = $1`,
          [d.id, attempt],
        );
      } else {
        const failures = d.failures + 1;
        const delay = retryDelayMs(this.schedule, failures);
        await client.query(
          `UPDATE webhooks.deliveries SET attempts = $2, failures = $5, last_error = $3,
             next_attempt_at = now() + make_interval(secs => $4::float8 / 1000)
           WHERE id = $1`,
          [d.id, attempt, error, delay ?? 0, failures],
        );
        if (delay === null) {
          await client.query(
            `UPDATE webhooks.subscriptions SET status = 'DISABLED', disabled_at = now(), disabled_reason = $2 WHERE id = $1 AND status = 'ACTIVE'`,
            [
              d.subscription_id,
              `连续 ${failures} 次投递失败已停用（最后一次：${error}）。修复接收地址后可重新启用，未送达的事件将按顺序补发。`,
            ],
          );
          this.logger.warn({ subscription: d.subscription_id, error }, 'webhook subscription disabled after the retry schedule');
        }
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }
}

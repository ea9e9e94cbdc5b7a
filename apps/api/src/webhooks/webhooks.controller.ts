import { randomBytes, randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { EventTypeRegistry, PG_POOL, PostgresEventStore, type PgPool } from '@app/event-store';
import { toCloudEvent } from '@app/messaging';
import { AppConfig, ProblemException } from '@app/platform';
import { IdPipe } from '../shared/id.pipe';
import { webhookUrlProblem } from './webhook-address';
import { CreateWebhookSubscriptionDto, ReplayWebhookDto } from './webhook.dto';
import { deliveryId } from './webhook-fan-out';

const SubscriptionIdPipe = new IdPipe('推送订阅');
const SECRET = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

function invalid(detail: string, field: string): ProblemException {
  return new ProblemException(422, 'INVALID_SUBSCRIPTION', 'Unprocessable Entity', detail, { field });
}

interface SubscriptionRow {
  id: string;
  url: string;
  event_types: string[];
  format: string;
  options: Record<string, unknown>;
  description: string | null;
  status: string;
  disabled_reason: string | null;
  disabled_at: Date | null;
  created_by: string;
  created_at: Date;
}

const view = (r: SubscriptionRow) => ({
  id: r.id,
  url: r.url,
  eventTypes: r.event_types,
  format: r.format,
  options: r.options,
  description: r.description,
  status: r.status,
  disabledReason: r.disabled_reason,
  disabledAt: r.disabled_at?.toISOString() ?? null,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

/**
 * Webhook subscriptions of integrators (docs/architecture.md, Webhooks). Configuration, not the
 * domain: no event of the log records them, like idempotency keys.
 */
@ApiTags('webhooks 事件推送')
@ApiBearerAuth()
@Controller('api/v1/webhooks/subscriptions')
@Roles('integrator', 'admin')
export class WebhooksController {
  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly eventTypes: EventTypeRegistry,
    private readonly config: AppConfig,
    private readonly store: PostgresEventStore,
  ) {}

  @Post()
  @ApiOperation({
    summary: '登记推送订阅',
    description:
      '按 Standard Webhooks 约定推送（webhook-id、webhook-timestamp、webhook-signature：v1,base64(HMAC-SHA256)）。地址须为 http/https；未开启 WEBHOOK_ALLOW_PRIVATE_ADDRESSES 时不能指向内网或本机；事件类型须为 AsyncAPI 文档中已有的类型；否则 422。',
  })
  @ApiCreatedResponse({ description: '订阅及签名密钥 secret（仅此一次返回）' })
  async create(@Body() body: CreateWebhookSubscriptionDto, @CurrentActor() actor: Actor) {
    const problem = await webhookUrlProblem(body.url, this.config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES);
    if (problem) throw invalid(problem, 'url');
    const known = new Set(this.eventTypes.list());
    const unknown = body.eventTypes.filter((t) => !known.has(t));
    if (unknown.length)
      throw invalid(`未知的事件类型：${unknown.map((t) => `“${t}”`).join('、')}。可订阅的类型见 /api/asyncapi.json。`, 'eventTypes');
    const format = body.format ?? 'cloudevents';
    if (format === 'sms' && !body.options?.phoneNumbers?.length)
      throw invalid('短信网关推送须填写接收短信的手机号（options.phoneNumbers）。', 'options.phoneNumbers');
    let secret = body.secret;
    if (secret !== undefined) {
      const bytes = SECRET.test(secret) ? Buffer.from(secret.slice(6), 'base64').length : 0;
      if (bytes < 24 || bytes > 64)
        throw invalid('签名密钥须为 whsec_ 加 base64 编码的 24–64 字节随机数；也可不填，由系统生成。', 'secret');
    } else {
      secret = `whsec_${randomBytes(32).toString('base64')}`;
    }
    const id = randomUUID();
    const { rows } = await this.pool.query<SubscriptionRow>(
      `INSERT INTO webhooks.subscriptions (id, url, event_types, format, options, secret, description, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        id,
        body.url,
        [...new Set(body.eventTypes)],
        format,
        JSON.stringify(body.options ?? {}),
        secret,
        body.description ?? null,
        actor.userId,
      ],
    );
    return { ...view(rows[0]), secret };
  }

  @Get()
  @ApiOperation({ summary: '推送订阅列表', description: '含状态；停用的订阅给出停用原因。不返回密钥。' })
  @ApiOkResponse({ description: '{ items }' })
  async list() {
    const { rows } = await this.pool.query<SubscriptionRow>(
      `SELECT * FROM webhooks.subscriptions WHERE deleted_at IS NULL ORDER BY created_at DESC`,
    );
    return { items: rows.map(view) };
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: '投递记录', description: '最近 200 次投递，每次投递的每一次尝试（时间、状态码、错误、耗时）。' })
  @ApiParam({ name: 'id', description: '订阅编号（UUID）' })
  @ApiOkResponse({
    description: '{ items: [{ id, eventId, eventType, subject, position, status, attempts: [...], nextAttemptAt, lastError }] }',
  })
  async deliveries(@Param('id', SubscriptionIdPipe) id: string) {
    await this.find(id);
    const { rows } = await this.pool.query(
      `SELECT d.id, d.event_id AS "eventId", d.event_type AS "eventType", d.stream_id AS subject, d.position::text AS position, d.status,
         d.next_attempt_at AS "nextAttemptAt", d.last_error AS "lastError", d.delivered_at AS "deliveredAt",
         coalesce((SELECT json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'statusCode', a.status_code, 'error', a.error,
                   'durationMs', a.duration_ms) ORDER BY a.attempt) FROM webhooks.attempts a WHERE a.delivery_id = d.id), '[]') AS attempts
       FROM webhooks.deliveries d WHERE d.subscription_id = $1 ORDER BY d.position DESC LIMIT 200`,
      [id],
    );
    return { items: rows };
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({
    summary: '从某一位置重新投递',
    description:
      '把该位置（含）及其后（按日志的提交顺序，也包括位置编号更小而提交在后的）、订阅类型的全部事件重新排入投递（已送达的也再送一次，webhook-id 不变，仍按对象顺序），并重新启用已停用的订阅。',
  })
  @ApiParam({ name: 'id', description: '订阅编号（UUID）' })
  @ApiOkResponse({ description: '{ queued }' })
  async replay(@Param('id', SubscriptionIdPipe) id: string, @Body() body: ReplayWebhookDto) {
    const sub = await this.find(id);
    const from = BigInt(body.fromPosition);
    const source = `/${this.config.KAFKA_CLIENT_ID}`;
    let queued = 0;
    // The log in commit order, from the start (a position says nothing about commit order before it):
    // every event at a position from `from` on, and every event after the one at `from` in the log
    // (a transaction that took a lower position can have committed after it).
    let reached = false;
    for (let after = 0n; ;) {
      const events = await this.store.readAll({ after, limit: 1000 });
      if (!events.length) break;
      after = events[events.length - 1].position;
      const picked = events.filter((e) => {
        reached ||= e.position === from;
        return (reached || e.position >= from) && sub.event_types.includes(e.type);
      });
      if (!picked.length) continue;
      const { rowCount } = await this.pool.query(
        `INSERT INTO webhooks.deliveries (id, subscription_id, event_id, event_type, stream_id, position, payload)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::jsonb[])
         ON CONFLICT (subscription_id, event_id) DO UPDATE
           SET status = 'PENDING', failures = 0, next_attempt_at = now(), last_error = NULL, delivered_at = NULL`,
        [
          picked.map((e) => deliveryId(id, e.eventId)),
          picked.map(() => id),
          picked.map((e) => e.eventId),
          picked.map((e) => e.type),
          picked.map((e) => e.streamId),
          picked.map((e) => e.position.toString()),
          picked.map((e) => JSON.stringify(toCloudEvent(e, { source }))),
        ],
      );
      queued += rowCount ?? 0;
    }
    await this.pool.query(`UPDATE webhooks.subscriptions SET status = 'ACTIVE', disabled_at = NULL, disabled_reason = NULL WHERE id = $1`, [
      id,
    ]);
    return { queued };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: '删除推送订阅', description: '不再排入新的投递；已有的投递记录保留。' })
  @ApiParam({ name: 'id', description: '订阅编号（UUID）' })
  @ApiNoContentResponse({ description: '已删除' })
  async remove(@Param('id', SubscriptionIdPipe) id: string): Promise<void> {
    await this.find(id);
    await this.pool.query(`UPDATE webhooks.subscriptions SET deleted_at = now() WHERE id = $1`, [id]);
  }

  private async find(id: string): Promise<SubscriptionRow> {
    const { rows } = await this.pool.query<SubscriptionRow>(`SELECT * FROM webhooks.subscriptions WHERE id = $1 AND deleted_at IS NULL`, [
      id,
    ]);
    if (!rows[0]) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该推送订阅（编号 ${id}），请检查编号`);
    return rows[0];
  }
}

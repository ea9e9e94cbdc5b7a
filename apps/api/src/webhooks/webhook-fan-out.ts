import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { PgClient, StoredEvent, SubscriptionHandler } from '@app/event-store';
import { ASYNCAPI_CATEGORIES, toCloudEvent } from '@app/messaging';
import { AppConfig } from '@app/platform';

/** A delivery's id (its `webhook-id`): the same for the same subscription and event, so a re-run queues nothing twice. */
export function deliveryId(subscriptionId: string, eventId: string): string {
  const h = createHash('sha256').update(`${subscriptionId}\u0000${eventId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Queues one delivery per (subscription, event) of a subscribed type, from the log, under its own
 * checkpoint in the same transaction (so nothing is queued twice or skipped): the outbox of the webhooks.
 * The payload is the CloudEvents envelope the relay writes to Kafka. Disabled subscriptions keep
 * queueing, so re-enabling one resumes where it stopped.
 */
@Injectable()
export class WebhookFanOut implements SubscriptionHandler {
  readonly name = 'webhooks.fan-out';
  /** Every published category (in Kafka mode a handler without categories would hear only the default topics). */
  readonly categories = ASYNCAPI_CATEGORIES.map((c) => c.category);

  constructor(private readonly config: AppConfig) {}

  async handle(events: StoredEvent[], tx: PgClient): Promise<void> {
    const { rows: subs } = await tx.query<{ id: string; event_types: string[] }>(
      `SELECT id, event_types FROM webhooks.subscriptions WHERE deleted_at IS NULL`,
    );
    if (!subs.length) return;
    const source = `/${this.config.KAFKA_CLIENT_ID}`;
    const rows: Array<[string, string, StoredEvent]> = [];
    for (const event of events) {
      for (const sub of subs) if (sub.event_types.includes(event.type)) rows.push([deliveryId(sub.id, event.eventId), sub.id, event]);
    }
    if (!rows.length) return;
    await tx.query(
      `INSERT INTO webhooks.deliveries (id, subscription_id, event_id, event_type, stream_id, position, payload)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::jsonb[])
       ON CONFLICT (subscription_id, event_id) DO NOTHING`,
      [
        rows.map((r) => r[0]),
        rows.map((r) => r[1]),
        rows.map((r) => r[2].eventId),
        rows.map((r) => r[2].type),
        rows.map((r) => r[2].streamId),
        rows.map((r) => r[2].position.toString()),
        rows.map((r) => JSON.stringify(toCloudEvent(r[2], { source }))),
      ],
    );
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks for integrators: subscriptions, one delivery per (subscription, event) queued by the fan-out
 * subscription from the log, every attempt kept, and the delivery worker's lease.
 */
export class CreateWebhooks1766500000100 implements MigrationInterface {
  name = 'CreateWebhooks1766500000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS webhooks`);
    await q.query(`
      CREATE TABLE webhooks.subscriptions (
        id              uuid        PRIMARY KEY,
        url             text        NOT NULL,
        event_types     text[]      NOT NULL,
        format          text        NOT NULL,
        options         jsonb       NOT NULL DEFAULT '{}',
        secret          text        NOT NULL,
        description     text,
        status          text        NOT NULL DEFAULT 'ACTIVE',
        disabled_reason text,
        disabled_at     timestamptz,
        created_by      text        NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        deleted_at      timestamptz
      )`);
    await q.query(`
      CREATE TABLE webhooks.deliveries (
        id              uuid        PRIMARY KEY,
        subscription_id uuid        NOT NULL REFERENCES webhooks.subscriptions (id),
        event_id        uuid        NOT NULL,
        event_type      text        NOT NULL,
        stream_id       text        NOT NULL,
        position        bigint      NOT NULL,
        payload         jsonb       NOT NULL,
        status          text        NOT NULL DEFAULT 'PENDING',
        attempts        integer     NOT NULL DEFAULT 0,
        failures        integer     NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error      text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        delivered_at    timestamptz,
        UNIQUE (subscription_id, event_id)
      )`);
    await q.query(
      `CREATE INDEX deliveries_pending_idx ON webhooks.deliveries (subscription_id, stream_id, position) WHERE status = 'PENDING'`,
    );
    await q.query(`CREATE INDEX deliveries_subscription_idx ON webhooks.deliveries (subscription_id, position DESC)`);
    await q.query(`
      CREATE TABLE webhooks.attempts (
        delivery_id  uuid        NOT NULL REFERENCES webhooks.deliveries (id),
        attempt      integer     NOT NULL,
        at           timestamptz NOT NULL,
        status_code  integer,
        error        text,
        duration_ms  integer     NOT NULL,
        PRIMARY KEY (delivery_id, attempt)
      )`);
    await q.query(`
      CREATE TABLE webhooks.leases (
        name       text        PRIMARY KEY,
        owner      text        NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA webhooks CASCADE`);
  }
}

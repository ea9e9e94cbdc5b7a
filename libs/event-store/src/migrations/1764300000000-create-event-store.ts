import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only log. `tx_id` records the writing transaction so that readers can stay below the
 * oldest transaction still in flight (gap-safe reads, see postgres-event-store.ts).
 */
export class CreateEventStore1764300000000 implements MigrationInterface {
  name = 'CreateEventStore1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS event_store`);
    await q.query(`
      CREATE TABLE event_store.events (
        position       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream_id      text        NOT NULL,
        version        integer     NOT NULL CHECK (version > 0),
        event_id       uuid        NOT NULL,
        type           text        NOT NULL,
        schema_version smallint    NOT NULL DEFAULT 1,
        data           jsonb       NOT NULL,
        metadata       jsonb       NOT NULL DEFAULT '{}'::jsonb,
        recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        tx_id          xid8        NOT NULL DEFAULT pg_current_xact_id(),
        CONSTRAINT events_stream_version_uq UNIQUE (stream_id, version),
        CONSTRAINT events_event_id_uq UNIQUE (event_id)
      )`);
    await q.query(`CREATE INDEX events_commit_order_idx ON event_store.events (tx_id, position)`);
    await q.query(`
      CREATE FUNCTION event_store.forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'event_store.events is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON event_store.events
      FOR EACH ROW EXECUTE FUNCTION event_store.forbid_change()`);
    await q.query(`
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON event_store.events
      FOR EACH STATEMENT EXECUTE FUNCTION event_store.forbid_change()`);
    await q.query(`
      CREATE TABLE event_store.checkpoints (
        name       text        PRIMARY KEY,
        position   bigint      NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE event_store.dead_letters (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        subscription text        NOT NULL,
        position     bigint      NOT NULL,
        event_id     uuid        NOT NULL,
        stream_id    text        NOT NULL,
        type         text        NOT NULL,
        error        text        NOT NULL,
        attempts     integer     NOT NULL,
        parked_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT dead_letters_subscription_event_uq UNIQUE (subscription, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA event_store CASCADE`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables of the Kafka backbone: the relay's lease, the projectors' per-stream high-water marks
 * (their dedupe), and the messages they parked.
 */
export class CreateMessaging1764400000000 implements MigrationInterface {
  name = 'CreateMessaging1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS messaging`);
    await q.query(`
      CREATE TABLE messaging.leases (
        name       text        PRIMARY KEY,
        owner      text        NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE messaging.stream_positions (
        subscription text    NOT NULL,
        stream_id    text    NOT NULL,
        version      integer NOT NULL,
        PRIMARY KEY (subscription, stream_id)
      )`);
    await q.query(`
      CREATE TABLE messaging.dead_letters (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        subscription text        NOT NULL,
        topic        text        NOT NULL,
        partition    integer     NOT NULL,
        kafka_offset bigint      NOT NULL,
        event_id     uuid,
        stream_id    text,
        version      integer,
        position     bigint,
        type         text,
        error        text        NOT NULL,
        attempts     integer     NOT NULL,
        payload      text        NOT NULL,
        parked_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE UNIQUE INDEX dead_letters_subscription_event_uq ON messaging.dead_letters (subscription, event_id)
      WHERE event_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA messaging CASCADE`);
  }
}

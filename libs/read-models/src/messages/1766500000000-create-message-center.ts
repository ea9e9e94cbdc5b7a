import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 消息中心. read_models.messages: one row per message and recipient address, derived from the log
 * (MessageProjection); `seq` numbers them in the order the projection wrote them, which is what the
 * stream at /api/v1/me/stream resumes after. read_models.message_subjects: the projection's own fold of
 * the streams whose events carry no department. notifications.message_reads: who has read what, a
 * person's own state (not derived from the log, never rebuilt).
 */
export class CreateMessageCenter1766500000000 implements MigrationInterface {
  name = 'CreateMessageCenter1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS read_models`);
    await q.query(`
      CREATE TABLE read_models.messages (
        id            uuid        PRIMARY KEY,
        seq           bigint      NOT NULL UNIQUE,
        recipient     text        NOT NULL,
        kind          text        NOT NULL,
        title         text        NOT NULL,
        body          text        NOT NULL,
        link          text        NOT NULL,
        subject_type  text        NOT NULL,
        subject_id    uuid        NOT NULL,
        event_id      uuid        NOT NULL,
        position      bigint      NOT NULL,
        created_at    timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX messages_recipient_seq_idx ON read_models.messages (recipient, seq DESC)`);
    await q.query(`
      CREATE TABLE read_models.message_subjects (
        stream_id text    PRIMARY KEY,
        state     jsonb   NOT NULL,
        version   integer NOT NULL
      )`);
    await q.query(`
      CREATE TABLE read_models.message_sequence (
        id            smallint PRIMARY KEY CHECK (id = 1),
        last_seq      bigint   NOT NULL
      )`);
    await q.query(`CREATE SCHEMA IF NOT EXISTS notifications`);
    await q.query(`
      CREATE TABLE notifications.message_reads (
        user_id    text        NOT NULL,
        message_id uuid        NOT NULL,
        read_at    timestamptz NOT NULL,
        PRIMARY KEY (user_id, message_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications.message_reads`);
    await q.query(`DROP TABLE read_models.message_sequence`);
    await q.query(`DROP TABLE read_models.message_subjects`);
    await q.query(`DROP TABLE read_models.messages`);
  }
}

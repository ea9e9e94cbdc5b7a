import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdempotencyKeys1764300000100 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764300000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS api`);
    await q.query(`
      CREATE TABLE api.idempotency_keys (
        user_id      text        NOT NULL,
        key          text        NOT NULL,
        request_hash text        NOT NULL,
        status       integer,
        headers      jsonb,
        body         jsonb,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api.idempotency_keys`);
  }
}

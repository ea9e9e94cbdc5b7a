import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The scheduler's lease: at most one live holder per name, so one scheduler ticks at a time. */
export class CreateSchedulerLeases1764300005000 implements MigrationInterface {
  name = 'CreateSchedulerLeases1764300005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS scheduler`);
    await q.query(`
      CREATE TABLE scheduler.leases (
        name       text        PRIMARY KEY,
        owner      text        NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA scheduler CASCADE`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** read_models.circulars: one row per 通报, by the escalation or department it names. */
export class CreateCircularReadModel1765000000100 implements MigrationInterface {
  name = 'CreateCircularReadModel1765000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS read_models`);
    await q.query(`
      CREATE TABLE read_models.circulars (
        id               uuid        PRIMARY KEY,
        subject_type     text        NOT NULL,
        escalation_id    uuid,
        department       text,
        document_number  text,
        title            text        NOT NULL,
        text             text        NOT NULL,
        issued_on        date        NOT NULL,
        issued_by        text        NOT NULL,
        subject          jsonb       NOT NULL,
        state            jsonb       NOT NULL,
        version          integer     NOT NULL,
        last_position    bigint      NOT NULL,
        updated_at       timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX circulars_escalation_idx ON read_models.circulars (escalation_id)`);
    await q.query(`CREATE INDEX circulars_department_idx ON read_models.circulars (department, issued_on DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE read_models.circulars`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The escalation queue: one row per escalation stream, kept by EscalationProjection. */
export class CreateEscalationReadModel1764300004100 implements MigrationInterface {
  name = 'CreateEscalationReadModel1764300004100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS read_models`);
    await q.query(`
      CREATE TABLE read_models.escalations (
        id                 uuid        PRIMARY KEY,
        level              smallint    NOT NULL,
        trigger            text        NOT NULL,
        status             text        NOT NULL,
        subject_type       text        NOT NULL,
        subject_id         uuid        NOT NULL,
        subject_code       text        NOT NULL,
        subject_name       text        NOT NULL,
        item_kind          text        NOT NULL,
        item_id            text        NOT NULL,
        item_name          text        NOT NULL,
        department         text,
        responsible_person text,
        due_date           date        NOT NULL,
        original_due_date  date        NOT NULL,
        raised_at          timestamptz NOT NULL,
        raised_on          date        NOT NULL,
        acknowledged_at    timestamptz,
        resolved_at        timestamptz,
        resolved_on        date,
        resolution_reason  text,
        resolution_note    text,
        actions            jsonb       NOT NULL DEFAULT '[]',
        state              jsonb       NOT NULL,
        version            integer     NOT NULL,
        last_position      bigint      NOT NULL,
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX escalations_status_level_idx ON read_models.escalations (status, level)`);
    await q.query(`CREATE INDEX escalations_department_idx ON read_models.escalations (department)`);
    await q.query(`CREATE INDEX escalations_subject_idx ON read_models.escalations (subject_id, item_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE read_models.escalations`);
  }
}

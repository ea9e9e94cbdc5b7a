import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deadline calendar: one row per dated obligation of a project or an order, kept by
 * DeadlineProjection. `deadline_subjects` holds the folded aggregate state the rows are derived
 * from, so the projection does not depend on another read model's progress.
 */
export class CreateDeadlineReadModel1764300004000 implements MigrationInterface {
  name = 'CreateDeadlineReadModel1764300004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS read_models`);
    await q.query(`
      CREATE TABLE read_models.deadline_subjects (
        stream_id     text        PRIMARY KEY,
        state         jsonb       NOT NULL,
        version       integer     NOT NULL,
        last_position bigint      NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE read_models.deadlines (
        subject_type       text        NOT NULL,
        subject_id         uuid        NOT NULL,
        subject_stream_id  text        NOT NULL,
        subject_code       text        NOT NULL,
        subject_name       text        NOT NULL,
        subject_status     text        NOT NULL,
        item_id            text        NOT NULL,
        kind               text        NOT NULL,
        item_name          text        NOT NULL,
        department         text,
        responsible_person text,
        due_date           date        NOT NULL,
        original_due_date  date        NOT NULL,
        done_on            date,
        updated_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subject_id, item_id)
      )`);
    await q.query(`CREATE INDEX deadlines_due_idx ON read_models.deadlines (due_date)`);
    await q.query(`CREATE INDEX deadlines_department_idx ON read_models.deadlines (department, kind)`);
    await q.query(`CREATE INDEX deadlines_open_idx ON read_models.deadlines (due_date) WHERE done_on IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE read_models.deadlines`);
    await q.query(`DROP TABLE read_models.deadline_subjects`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per key project, kept by KeyProjectProjection. `state` is the decider's state, so each
 * event is folded onto it once (events at or below `version` are skipped: redelivery is harmless).
 */
export class CreateKeyProjectReadModel1764300001000 implements MigrationInterface {
  name = 'CreateKeyProjectReadModel1764300001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS read_models`);
    await q.query(`
      CREATE TABLE read_models.key_projects (
        id                      uuid        PRIMARY KEY,
        code                    text        NOT NULL,
        name                    text        NOT NULL,
        kind                    text        NOT NULL,
        plan_box                smallint,
        category                text        NOT NULL,
        lead_department         text,
        cooperating_departments text[]      NOT NULL DEFAULT '{}',
        implementing_unit       text,
        responsible_person      text,
        status                  text        NOT NULL,
        progress                numeric(4,1) NOT NULL DEFAULT 0,
        planned_start           date,
        planned_end             date,
        investment              numeric,
        description             text        NOT NULL DEFAULT '',
        milestones              jsonb       NOT NULL DEFAULT '[]'::jsonb,
        latest_report           jsonb,
        pending_baseline_changes integer    NOT NULL DEFAULT 0,
        state                   jsonb       NOT NULL,
        version                 integer     NOT NULL,
        last_position           bigint      NOT NULL,
        registered_at           timestamptz,
        updated_at              timestamptz NOT NULL,
        search                  text        NOT NULL DEFAULT '',
        CONSTRAINT key_projects_code_uq UNIQUE (code)
      )`);
    await q.query(`CREATE INDEX key_projects_lead_department_idx ON read_models.key_projects (lead_department)`);
    await q.query(`CREATE INDEX key_projects_cooperating_idx ON read_models.key_projects USING gin (cooperating_departments)`);
    await q.query(`CREATE INDEX key_projects_status_idx ON read_models.key_projects (status)`);
    await q.query(`CREATE INDEX key_projects_plan_box_idx ON read_models.key_projects (plan_box)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE read_models.key_projects`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per indicator (指标), kept by IndicatorProjection: columns for the list and its filters,
 * the folded decider state in `state` (events at or below `version` are skipped: redelivery is harmless).
 */
export class CreateIndicatorReadModel1765200000000 implements MigrationInterface {
  name = 'CreateIndicatorReadModel1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS read_models`);
    await q.query(`
      CREATE TABLE read_models.indicators (
        id                      uuid        PRIMARY KEY,
        code                    text        NOT NULL,
        name                    text        NOT NULL,
        category                text,
        attribute               text,
        measure                 text        NOT NULL,
        unit                    text,
        direction               text,
        reporting_frequency     text        NOT NULL,
        assignment_status       text        NOT NULL,
        lead_department         text,
        cooperating_departments text[]      NOT NULL DEFAULT '{}',
        status                  text        NOT NULL,
        baseline                jsonb       NOT NULL,
        target                  jsonb       NOT NULL,
        latest                  jsonb,
        latest_trajectory       jsonb,
        sparkline               jsonb       NOT NULL DEFAULT '[]'::jsonb,
        state                   jsonb       NOT NULL,
        version                 integer     NOT NULL,
        last_position           bigint      NOT NULL,
        registered_at           timestamptz,
        updated_at              timestamptz NOT NULL,
        CONSTRAINT indicators_code_uq UNIQUE (code)
      )`);
    await q.query(`CREATE INDEX indicators_lead_department_idx ON read_models.indicators (lead_department)`);
    await q.query(`CREATE INDEX indicators_cooperating_idx ON read_models.indicators USING gin (cooperating_departments)`);
    await q.query(`CREATE INDEX indicators_status_idx ON read_models.indicators (status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE read_models.indicators`);
  }
}

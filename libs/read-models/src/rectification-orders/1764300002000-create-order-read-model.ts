import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrderReadModel1764300002000 implements MigrationInterface {
  name = 'CreateOrderReadModel1764300002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS read_models`);
    await q.query(`
      CREATE TABLE read_models.rectification_orders (
        id                        uuid        PRIMARY KEY,
        code                      text        NOT NULL,
        source                    text        NOT NULL,
        batch                     text        NOT NULL,
        finding                   text        NOT NULL,
        target                    text        NOT NULL,
        deadline_kind             text        NOT NULL,
        original_deadline         date,
        current_deadline          date,
        lead_department           text,
        cooperating_departments   text[]      NOT NULL DEFAULT '{}',
        acceptance_department     text,
        responsible_person        text,
        status                    text        NOT NULL,
        measures                  jsonb       NOT NULL DEFAULT '[]',
        has_open_objection        boolean     NOT NULL DEFAULT false,
        notice_starts_on          date,
        notice_ends_on            date,
        petition_finding          text,
        petition_forwarded_on     date,
        petition_report_due_on    date,
        linked_order_id           uuid,
        extensions                jsonb       NOT NULL DEFAULT '[]',
        evidence_count            integer     NOT NULL DEFAULT 0,
        issued_on                 date,
        closed_on                 date,
        is_sample                 boolean     NOT NULL DEFAULT false,
        search_text               text        NOT NULL DEFAULT '',
        state                     jsonb       NOT NULL,
        version                   integer     NOT NULL,
        last_position             bigint      NOT NULL,
        updated_at                timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX rectification_orders_lead_idx ON read_models.rectification_orders (lead_department)`);
    await q.query(
      `CREATE INDEX rectification_orders_cooperating_idx ON read_models.rectification_orders USING gin (cooperating_departments)`,
    );
    await q.query(`CREATE INDEX rectification_orders_status_idx ON read_models.rectification_orders (status)`);
    await q.query(`CREATE INDEX rectification_orders_deadline_idx ON read_models.rectification_orders (current_deadline)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE read_models.rectification_orders`);
  }
}

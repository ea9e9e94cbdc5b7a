import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Progress reports in a table of their own (issue 18, part 5): one row per OrderProgressReported,
 * keyed by the order and the event's version, kept by RectificationOrderProjection. An order's row
 * keeps only the latest report in its `state`, so a report costs the same whatever came before it.
 * Existing reports are copied from the log (the same rows a rebuild writes), and the rows' states are
 * cut to their latest report.
 */
export class OrderProgressReports1766600000100 implements MigrationInterface {
  name = 'OrderProgressReports1766600000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE read_models.order_progress_reports (
        order_id uuid    NOT NULL,
        version  integer NOT NULL,
        report   jsonb   NOT NULL,
        PRIMARY KEY (order_id, version)
      )`);
    await q.query(`
      INSERT INTO read_models.order_progress_reports (order_id, version, report)
      SELECT substring(e.stream_id FROM 21)::uuid, e.version,
             (e.data - 'occurredAt') || jsonb_build_object('reportedAt', e.data -> 'occurredAt')
      FROM event_store.events e
      JOIN read_models.rectification_orders o ON o.id = substring(e.stream_id FROM 21)::uuid AND e.version <= o.version
      WHERE e.type = 'OrderProgressReported' AND e.stream_id LIKE 'rectification-order-%'`);
    await q.query(`
      UPDATE read_models.rectification_orders
      SET state = jsonb_set(state, '{progressReports}', jsonb_build_array(state -> 'progressReports' -> -1))
      WHERE jsonb_array_length(state -> 'progressReports') > 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE read_models.rectification_orders o
      SET state = jsonb_set(o.state, '{progressReports}', r.reports)
      FROM (SELECT order_id, jsonb_agg(report ORDER BY version) AS reports FROM read_models.order_progress_reports GROUP BY order_id) r
      WHERE r.order_id = o.id`);
    await q.query(`DROP TABLE read_models.order_progress_reports`);
  }
}

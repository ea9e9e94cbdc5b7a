import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lets the deadline calendar answer from indexes at 100,000 orders (issue 6, part 6):
 * - `open_measure_due` on an order's ORDER_DEADLINE row holds the earliest due date of its open
 *   measures, so "at risk because a measure is overdue" is a column test instead of a subquery per row;
 * - the indexes carry the calendar's whole sort key (due date, subject code, item id), so a page is
 *   read in order without sorting every match;
 * - `deadline_counts`, the number of items per due date, department, kind and open/done, kept by
 *   DeadlineProjection in the same transaction, so the calendar's total for a date range, a
 *   department, a kind, "overdue" or "done" is a sum over days instead of a count of the items.
 */
export class DeadlineCalendarIndexes1764900000000 implements MigrationInterface {
  name = 'DeadlineCalendarIndexes1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE read_models.deadlines ADD COLUMN open_measure_due date`);
    await q.query(`
      UPDATE read_models.deadlines d SET open_measure_due = m.due
      FROM (SELECT subject_id, min(due_date) AS due FROM read_models.deadlines
            WHERE kind = 'MEASURE' AND done_on IS NULL GROUP BY subject_id) m
      WHERE d.subject_id = m.subject_id AND d.kind = 'ORDER_DEADLINE'`);
    await q.query(`DROP INDEX read_models.deadlines_due_idx`);
    await q.query(`DROP INDEX read_models.deadlines_department_idx`);
    await q.query(`DROP INDEX read_models.deadlines_open_idx`);
    await q.query(`CREATE INDEX deadlines_calendar_idx ON read_models.deadlines (due_date, subject_code, item_id)`);
    await q.query(`CREATE INDEX deadlines_department_calendar_idx ON read_models.deadlines (department, due_date, subject_code, item_id)`);
    await q.query(
      `CREATE INDEX deadlines_open_calendar_idx ON read_models.deadlines (due_date, subject_code, item_id) WHERE done_on IS NULL`,
    );
    await q.query(`
      CREATE TABLE read_models.deadline_counts (
        due_date   date    NOT NULL,
        department text,
        kind       text    NOT NULL,
        open       boolean NOT NULL,
        n          bigint  NOT NULL,
        CONSTRAINT deadline_counts_group UNIQUE NULLS NOT DISTINCT (due_date, department, kind, open)
      )`);
    await q.query(`
      INSERT INTO read_models.deadline_counts (due_date, department, kind, open, n)
      SELECT due_date, department, kind, done_on IS NULL, count(*) FROM read_models.deadlines GROUP BY 1, 2, 3, 4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE read_models.deadline_counts`);
    await q.query(`DROP INDEX read_models.deadlines_open_calendar_idx`);
    await q.query(`DROP INDEX read_models.deadlines_department_calendar_idx`);
    await q.query(`DROP INDEX read_models.deadlines_calendar_idx`);
    await q.query(`CREATE INDEX deadlines_due_idx ON read_models.deadlines (due_date)`);
    await q.query(`CREATE INDEX deadlines_department_idx ON read_models.deadlines (department, kind)`);
    await q.query(`CREATE INDEX deadlines_open_idx ON read_models.deadlines (due_date) WHERE done_on IS NULL`);
    await q.query(`ALTER TABLE read_models.deadlines DROP COLUMN open_measure_due`);
  }
}

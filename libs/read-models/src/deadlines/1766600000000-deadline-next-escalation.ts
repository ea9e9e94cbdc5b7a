import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A scheduler tick at 100,000 orders (issue 18, part 4) reads only what it has to:
 * - `deadlines.next_escalation_on` (ESC-NEXT-1), with a partial index, so the raising side reads the
 *   items whose next escalation date has come, not every row;
 * - `deadline_raised`, the latest date an escalation was raised per (subject, item, due date), from
 *   which DeadlineProjection moves that date on;
 * - indexes on the `last_position` of `deadline_subjects` and `escalations`, so the resolving side
 *   reads only the subjects and escalations that changed since its last tick;
 * - a small index of the indicators' escalations, which every tick looks through.
 *
 * Existing rows get `next_escalation_on` = 1900-01-01 when open: the next ticks read them (as before
 * this change) until `npm run projections:rebuild -- read-model.deadlines` computes their dates.
 */
export class DeadlineNextEscalation1766600000000 implements MigrationInterface {
  name = 'DeadlineNextEscalation1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE read_models.deadlines ADD COLUMN next_escalation_on date`);
    await q.query(`UPDATE read_models.deadlines SET next_escalation_on = DATE '1900-01-01' WHERE done_on IS NULL`);
    await q.query(
      `CREATE INDEX deadlines_next_escalation_idx ON read_models.deadlines (next_escalation_on) WHERE next_escalation_on IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE read_models.deadline_raised (
        subject_id uuid NOT NULL,
        item_id    text NOT NULL,
        due_date   date NOT NULL,
        raised_on  date NOT NULL,
        PRIMARY KEY (subject_id, item_id, due_date)
      )`);
    await q.query(`
      INSERT INTO read_models.deadline_raised (subject_id, item_id, due_date, raised_on)
      SELECT subject_id, item_id, due_date, max(raised_on) FROM read_models.escalations
      WHERE subject_type <> 'INDICATOR' GROUP BY 1, 2, 3`);
    await q.query(`CREATE INDEX deadline_subjects_position_idx ON read_models.deadline_subjects (last_position)`);
    await q.query(`CREATE INDEX escalations_position_idx ON read_models.escalations (last_position)`);
    await q.query(`CREATE INDEX escalations_indicator_idx ON read_models.escalations (status) WHERE subject_type = 'INDICATOR'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX read_models.escalations_indicator_idx`);
    await q.query(`DROP INDEX read_models.escalations_position_idx`);
    await q.query(`DROP INDEX read_models.deadline_subjects_position_idx`);
    await q.query(`DROP TABLE read_models.deadline_raised`);
    await q.query(`DROP INDEX read_models.deadlines_next_escalation_idx`);
    await q.query(`ALTER TABLE read_models.deadlines DROP COLUMN next_escalation_on`);
  }
}

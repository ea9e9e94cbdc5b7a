import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The escalation queue at 100,000 orders (issue 6, part 6):
 * - its order (level descending, then due date, raised at, id) as indexes, for the whole queue and
 *   per department, so a page of 126,500 open escalations is read in order rather than sorted (they
 *   replace the (status, level) and (department) indexes);
 * - `escalation_counts`, the number of escalations per status, level, department and subject type,
 *   kept by EscalationProjection in the same transaction, so the queue's total is a sum over a few
 *   hundred rows instead of a count of the queue.
 */
export class EscalationQueueIndexes1764900000100 implements MigrationInterface {
  name = 'EscalationQueueIndexes1764900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX read_models.escalations_status_level_idx`);
    await q.query(`DROP INDEX read_models.escalations_department_idx`);
    await q.query(`CREATE INDEX escalations_queue_idx ON read_models.escalations (status, level DESC, due_date, raised_at, id)`);
    await q.query(
      `CREATE INDEX escalations_department_queue_idx ON read_models.escalations (department, status, level DESC, due_date, raised_at, id)`,
    );
    await q.query(`
      CREATE TABLE read_models.escalation_counts (
        status       text     NOT NULL,
        level        smallint NOT NULL,
        department   text,
        subject_type text     NOT NULL,
        n            bigint   NOT NULL,
        CONSTRAINT escalation_counts_group UNIQUE NULLS NOT DISTINCT (status, level, department, subject_type)
      )`);
    await q.query(`
      INSERT INTO read_models.escalation_counts (status, level, department, subject_type, n)
      SELECT status, level, department, subject_type, count(*) FROM read_models.escalations GROUP BY 1, 2, 3, 4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE read_models.escalation_counts`);
    await q.query(`DROP INDEX read_models.escalations_department_queue_idx`);
    await q.query(`DROP INDEX read_models.escalations_queue_idx`);
    await q.query(`CREATE INDEX escalations_status_level_idx ON read_models.escalations (status, level)`);
    await q.query(`CREATE INDEX escalations_department_idx ON read_models.escalations (department)`);
  }
}

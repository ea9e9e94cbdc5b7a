import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The kind of a plan item, its source in the plan and whether it waits for 交办, as columns for the
 * list's filters and the cockpit's 待交办 count. Rows projected before them take what their columns
 * already say (no lead department while planned: 待交办; kind 工程项目; source unknown) until the
 * next event of their stream, e.g. the seeder's 更正登记信息, rewrites them from the state.
 */
export class KeyProjectAssignmentColumns1765300000000 implements MigrationInterface {
  name = 'KeyProjectAssignmentColumns1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE read_models.key_projects
        ADD COLUMN plan_item_kind      text    NOT NULL DEFAULT 'PROJECT',
        ADD COLUMN source              text,
        ADD COLUMN awaiting_assignment boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE read_models.key_projects SET awaiting_assignment = (status = 'PLANNED' AND lead_department IS NULL)`);
    await q.query(
      `CREATE INDEX key_projects_awaiting_assignment_idx ON read_models.key_projects (registered_at) WHERE awaiting_assignment`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX read_models.key_projects_awaiting_assignment_idx`);
    await q.query(`ALTER TABLE read_models.key_projects DROP COLUMN plan_item_kind, DROP COLUMN source, DROP COLUMN awaiting_assignment`);
  }
}

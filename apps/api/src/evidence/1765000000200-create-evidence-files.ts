import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * files.evidence_files: the content of uploaded evidence (佐证材料) when kept in PostgreSQL. A row is
 * written before its EvidenceAttached event and marked committed after it; a file is only ever served
 * for an evidence entry of an order, so a row whose event never came (a refused or interrupted upload)
 * is unreachable, and the sweep deletes it.
 */
export class CreateEvidenceFiles1765000000200 implements MigrationInterface {
  name = 'CreateEvidenceFiles1765000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS files`);
    await q.query(`
      CREATE TABLE files.evidence_files (
        file_id       uuid        PRIMARY KEY,
        order_id      uuid        NOT NULL,
        file_name     text        NOT NULL,
        content_type  text        NOT NULL,
        size          integer     NOT NULL,
        sha256        text        NOT NULL,
        content       bytea       NOT NULL,
        committed     boolean     NOT NULL DEFAULT false,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX evidence_files_uncommitted_idx ON files.evidence_files (created_at) WHERE NOT committed`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE files.evidence_files`);
  }
}

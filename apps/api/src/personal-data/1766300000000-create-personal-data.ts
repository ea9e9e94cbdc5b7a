import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * personal_data: the encrypted personal-data store (docs/security.md, "Personal data"). One row per
 * data subject holds its data key, wrapped (AES-256-GCM) by the master key; one row per value holds
 * the value encrypted with that data key. Events carry only a value's id (`{ pii }`). Erasing a
 * subject sets its wrapped key to NULL (crypto-shredding): its ciphertexts stay and can never be
 * decrypted again; the log is never touched.
 */
export class CreatePersonalData1766300000000 implements MigrationInterface {
  name = 'CreatePersonalData1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS personal_data`);
    await q.query(`
      CREATE TABLE personal_data.subjects (
        subject_id   uuid        PRIMARY KEY,
        kind         text        NOT NULL,
        order_id     uuid,
        wrapped_key  bytea,
        created_at   timestamptz NOT NULL DEFAULT now(),
        erased_at    timestamptz,
        CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX personal_data_subjects_order_idx ON personal_data.subjects (order_id)`);
    await q.query(`
      CREATE TABLE personal_data.values (
        value_id    uuid        PRIMARY KEY,
        subject_id  uuid        NOT NULL REFERENCES personal_data.subjects (subject_id),
        field       text        NOT NULL,
        sealed      bytea       NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX personal_data_values_subject_idx ON personal_data.values (subject_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA personal_data CASCADE`);
  }
}

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase, poolOf, type MigrationList } from '@app/platform';
import type { PgPool } from '@app/event-store';

export interface TestDatabase {
  url: string;
  name: string;
  dataSource: DataSource;
  pool: PgPool;
  drop(): Promise<void>;
}

export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('No PostgreSQL: run tests through jest (global setup) or set DATABASE_URL');
  return url;
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** A fresh database with every migration applied, so test files never see each other's rows. */
export async function createTestDatabase(migrations: MigrationList, poolSize = 20): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  // Also for the tests' own clients and child processes: a transaction a failed test leaves open
  // would hold back gap-safe reads for every later test on this server.
  await admin.query(`ALTER DATABASE ${name} SET idle_in_transaction_session_timeout = '60s'`);
  await admin.end();
  const url = withDatabase(serverUrl(), name);
  const dataSource = await openDatabase({ url, migrations, poolSize });
  return {
    url,
    name,
    dataSource,
    pool: poolOf(dataSource),
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      const c = new Client({ connectionString: serverUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

import { EmbeddedPostgres } from '../../libs/platform/src/database/embedded-postgres';
import { ensureWebBuilt } from '../e2e/web/browser';

/**
 * Real PostgreSQL for every integration test: the machine's server when DATABASE_URL is set (CI runs
 * both ways), otherwise an embedded one started here once per run. Each test file then creates its own
 * throw-away database on that server (test/support/database.ts).
 */
export default async function globalSetup(): Promise<void> {
  // Once, before the workers start: browser test files running in parallel would otherwise each
  // build the web app into the same dist/ at the same time when it is missing or stale.
  ensureWebBuilt();
  if (!process.env.DATABASE_URL) {
    const pg = new EmbeddedPostgres({
      dataDir: process.env.TEST_EMBEDDED_PG_DIR ?? '.data/test-pg',
      port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54330),
      database: 'mdj_test',
    });
    process.env.DATABASE_URL = await pg.start();
    (globalThis as Record<string, unknown>).__EMBEDDED_PG__ = pg;
  }
  process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
  console.log(`\n[tests] Node.js ${process.version} (${process.execPath})`);
  console.log(`[tests] PostgreSQL at ${process.env.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')}`);
}

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { signToken, type Role } from '@app/auth';
import { createApp, type CreateAppOptions } from '../../apps/api/src/bootstrap';
import { MIGRATIONS } from '../../apps/api/src/migrations';
import { createTestDatabase, type TestDatabase } from './database';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';
export const TEST_PII_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  http: () => ReturnType<typeof request>;
  token(role: Role, department?: string | null, userId?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real app (Fastify, guards, pipes, filters, worker) on a fresh database of the test server, or,
 * to restart an app, on the database of an earlier one (`database`; closing leaves it to its owner).
 * Env overrides apply to this app only; seeding is off unless asked for.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  { database, ...options }: CreateAppOptions & { database?: TestDatabase } = {},
): Promise<TestApp> {
  const db = database ?? (await createTestDatabase(MIGRATIONS));
  const saved = { ...process.env };
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    JWT_SECRET: TEST_JWT_SECRET,
    PII_MASTER_KEY: TEST_PII_MASTER_KEY,
    SEED_PLAN: 'false',
    SEED_SAMPLES: 'false',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    // The scheduler's timer would append escalations in the middle of a test that counts events; tests
    // that exercise it ask for it or drive its ticks themselves.
    SCHEDULER_ENABLED: 'false',
    // Kafka mode only where a test asks for it (the test runner may export KAFKA_BROKERS).
    KAFKA_BROKERS: '',
    // A test drives the API as a handful of users far faster than people do; the limits have their own test.
    RATE_LIMIT_USER_PER_MINUTE: '0',
    RATE_LIMIT_IP_PER_MINUTE: '0',
    ...env,
  });
  try {
    const app = await createApp({ quiet: true, ...options });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return {
      app,
      db,
      http: () => request(app.getHttpServer()),
      token: (role, department = null, userId = `test-${role}`) =>
        signToken(TEST_JWT_SECRET, { userId, displayName: `测试用户 ${role}`, roles: [role], department }),
      async close() {
        await app.close();
        if (!database) await db.drop();
      },
    };
  } finally {
    process.env = saved;
  }
}

export async function eventCount(t: TestApp): Promise<number> {
  return Number((await t.db.pool.query('SELECT count(*) FROM event_store.events')).rows[0].count);
}

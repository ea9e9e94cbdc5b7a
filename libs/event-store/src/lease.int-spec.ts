import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { Lease } from './index';

let db: TestDatabase;
const pools: Pool[] = [];

/** Each holder on a pool of its own, like a process of its own. */
function holder(name: string, owner: string, ttlMs: number): Lease {
  const pool = new Pool({ connectionString: db.url, max: 3 });
  // As in the app, whose pools log this through TypeORM's listener: a pool's idle connection that the
  // server closes (a terminated backend, the database dropped) is an 'error' event, and without a
  // listener it would be an uncaught exception in whichever test runs at that moment.
  pool.on('error', () => undefined);
  pools.push(pool);
  return new Lease(pool, { table: 'coordination.leases', name, owner, ttlMs });
}

async function lockSessionPid(lease: Lease): Promise<number> {
  const { rows } = await db.pool.query<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid::int = hashtext($1) AND objid::int = hashtext($2)`,
    [lease.table, lease.name],
  );
  expect(rows).toHaveLength(1);
  return rows[0].pid;
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  db = await createTestDatabase([], 4);
  await db.pool.query(`CREATE SCHEMA coordination`);
  await db.pool.query(`CREATE TABLE coordination.leases (name text PRIMARY KEY, owner text NOT NULL, expires_at timestamptz NOT NULL)`);
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
  await db.drop();
});

describe('Lease', () => {
  it('has one holder; the other takes over the moment the holder’s connection is gone, long before its ttl', async () => {
    const name = `relay-${randomUUID()}`;
    const a = holder(name, 'a', 60_000);
    const b = holder(name, 'b', 60_000);
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    expect(await a.acquire()).toBe(true); // renewal
    expect(await b.holder()).toMatchObject({ owner: 'a' });

    // What a SIGKILLed process leaves behind: its connections closed, its row valid for another minute.
    await db.pool.query(`SELECT pg_terminate_backend($1)`, [await lockSessionPid(a)]);
    await until(() => !a.held);
    expect(await b.acquire()).toBe(true);
    expect(b.locked).toBe(true);
    expect(await b.holder()).toMatchObject({ owner: 'b' });
    expect(await a.acquire()).toBe(false);
    await b.release();
  });

  it('falls back to the row: a holder that stops renewing loses the lease after its ttl even while its connection lives', async () => {
    const name = `scheduler-${randomUUID()}`;
    const a = holder(name, 'a', 300);
    const b = holder(name, 'b', 60_000);
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    await until(() => !a.held, 2_000);
    await until(() => b.acquire(), 2_000);
    expect(b.locked).toBe(false); // the lock is still a's, but its row ran out
    expect(await a.acquire()).toBe(false); // a wakes up, finds its row taken and gives the lock up
    expect(a.locked).toBe(false);
    expect(await b.acquire()).toBe(true);
    expect(b.locked).toBe(true);
    await b.release();
  });

  it('a standby never takes a row the lock’s new holder is about to write: none yet, or one it has seen stale only once', async () => {
    const name = `relay-${randomUUID()}`;
    const b = holder(name, 'b', 60_000);
    // "a" between taking the lock and writing its row, as when two processes start at once.
    const a = new Client({ connectionString: db.url });
    await a.connect();
    try {
      await a.query(`SELECT pg_advisory_lock(hashtext($1), hashtext($2))`, ['coordination.leases', name]);
      expect(await b.acquire()).toBe(false); // no row: the lock's holder is writing one
      expect(await b.holder()).toBeNull();

      // A row left behind, expired; "a" has just taken the lock and is about to write over it.
      await db.pool.query(`INSERT INTO coordination.leases VALUES ($1, 'z', now() - interval '1 second')`, [name]);
      expect(await b.acquire()).toBe(false); // stale, seen once: may be the new holder's gap
      await a.query(`UPDATE coordination.leases SET owner = 'a', expires_at = now() + interval '1 minute' WHERE name = $1`, [name]);
      expect(await b.acquire()).toBe(false);
      expect(await b.holder()).toMatchObject({ owner: 'a' });

      // "a" stops renewing while its connection lives: once its row has stayed stale, b takes it.
      await db.pool.query(`UPDATE coordination.leases SET expires_at = now() - interval '1 second' WHERE name = $1`, [name]);
      await until(() => b.acquire(), 3_000);
      expect(b.locked).toBe(false);
      expect(await b.holder()).toMatchObject({ owner: 'b' });
    } finally {
      await a.end();
    }
    await b.release();
  });

  it('hands over at once on release', async () => {
    const name = `relay-${randomUUID()}`;
    const a = holder(name, 'a', 60_000);
    const b = holder(name, 'b', 60_000);
    expect(await a.acquire()).toBe(true);
    await a.release();
    expect(a.held).toBe(false);
    expect(await b.acquire()).toBe(true);
    expect(b.locked).toBe(true);
    await b.release();
    expect(await b.holder()).toBeNull();
  });
});

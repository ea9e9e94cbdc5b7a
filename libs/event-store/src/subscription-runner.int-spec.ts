import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { holdingStore } from '../../../test/support/holding-store';
import {
  CheckpointConflict,
  CheckpointStore,
  CreateEventStore1764300000000,
  EventTypeRegistry,
  PostgresEventStore,
  SubscriptionGroupRunner,
  SubscriptionRunner,
  withTransaction,
  type PgClient,
  type StoredEvent,
  type SubscriptionHandler,
} from './index';

const registry = new EventTypeRegistry().register('Counted');
let db: TestDatabase;
let store: PostgresEventStore;
let checkpoints: CheckpointStore;

/** A read model whose every effect is visible: one row per event (PK) and a running total. */
function countingHandler(
  name: string,
  hooks: { before?: (events: StoredEvent[], tx: PgClient) => Promise<void> } = {},
): SubscriptionHandler {
  return {
    name,
    async handle(events, tx) {
      await hooks.before?.(events, tx);
      for (const e of events) {
        await tx.query(`INSERT INTO seen (subscription, event_id) VALUES ($1, $2)`, [name, e.eventId]);
        await tx.query(`UPDATE totals SET n = n + 1 WHERE subscription = $1`, [name]);
      }
    },
  };
}

async function appendMany(n: number): Promise<void> {
  for (let i = 0; i < n; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, n - i) }, () =>
        store.append(`counter-${randomUUID()}`, 'no-stream', [{ type: 'Counted', data: {} }]),
      ),
    );
  }
}

/**
 * Two events whose transactions commit out of position order: "slow" takes its transaction id first,
 * then "fast" appends and commits, then "slow" appends (a higher position) and commits.
 */
async function committedOutOfPositionOrder(): Promise<{ slow: bigint; fast: bigint }> {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_current_xact_id()');
    const fast = await store.append(`counter-${randomUUID()}`, 'no-stream', [{ type: 'Counted', data: {} }]);
    const slow = await new PostgresEventStore(client, registry).append(`counter-${randomUUID()}`, 'no-stream', [
      { type: 'Counted', data: {} },
    ]);
    await client.query('COMMIT');
    return { slow: slow.position, fast: fast.position };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function total(name: string): Promise<number> {
  return (await db.pool.query(`SELECT n FROM totals WHERE subscription = $1`, [name])).rows[0].n;
}

beforeAll(async () => {
  db = await createTestDatabase([CreateEventStore1764300000000], 30);
  store = new PostgresEventStore(db.pool, registry);
  checkpoints = new CheckpointStore(db.pool);
  await db.pool.query(`CREATE TABLE seen (subscription text, event_id uuid, PRIMARY KEY (subscription, event_id))`);
  await db.pool.query(`CREATE TABLE totals (subscription text PRIMARY KEY, n int NOT NULL)`);
});
afterAll(() => db.drop());

async function freshSubscription(): Promise<string> {
  const name = `sub-${randomUUID().slice(0, 8)}`;
  await db.pool.query(`INSERT INTO totals VALUES ($1, 0)`, [name]);
  return name;
}

describe('checkpoints', () => {
  it('compare-and-set lets only one of two writers move a checkpoint', async () => {
    const name = `cp-${randomUUID()}`;
    await checkpoints.compareAndSet(name, 0n, 10n);
    const results = await Promise.allSettled([checkpoints.compareAndSet(name, 10n, 20n), checkpoints.compareAndSet(name, 10n, 30n)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost?.reason).toBeInstanceOf(CheckpointConflict);
    expect([20n, 30n]).toContain(await checkpoints.get(name));
    await expect(checkpoints.compareAndSet(name, 0n, 5n)).rejects.toBeInstanceOf(CheckpointConflict);
    await expect(checkpoints.compareAndSet(`never-${randomUUID()}`, 7n, 8n)).rejects.toBeInstanceOf(CheckpointConflict);
  });
});

describe('checkpoints moved with COMMIT', () => {
  it('the statement sent with COMMIT moves a checkpoint only from where it is; otherwise the transaction and its effects roll back', async () => {
    const name = `commit-'${randomUUID().slice(0, 8)}`; // a quote in the name is escaped, not executed
    const moveWith = async (expected: bigint, next: bigint, effect: string) => {
      try {
        await withTransaction(db.pool, (tx) => tx.query(`INSERT INTO totals VALUES ($1, 1)`, [effect]), {
          beforeCommit: () => checkpoints.compareAndSetBeforeCommitSql(name, expected, next),
        });
      } catch (error) {
        throw (await checkpoints.conflictOf(error, name, expected)) ?? error;
      }
    };
    const effects = async () =>
      (
        await db.pool.query<{ subscription: string }>(`SELECT subscription FROM totals WHERE subscription LIKE $1 ORDER BY 1`, [`${name}%`])
      ).rows.map((r) => r.subscription);
    await moveWith(0n, 10n, `${name}-a`);
    await moveWith(10n, 20n, `${name}-b`);
    await expect(moveWith(10n, 30n, `${name}-c`)).rejects.toEqual(new CheckpointConflict(name, 10n, 20n));
    await expect(moveWith(0n, 30n, `${name}-d`)).rejects.toEqual(new CheckpointConflict(name, 0n, 20n));
    expect(await checkpoints.get(name)).toBe(20n);
    expect(await effects()).toEqual([`${name}-a`, `${name}-b`]);
    // Any other failure is not a conflict.
    expect(
      await checkpoints.conflictOf(Object.assign(new Error('invalid input syntax for type integer: "x"'), { code: '22P02' }), name, 20n),
    ).toBeNull();
  });
});

describe('checkpoints moved alone (a batch with nothing for the handler)', () => {
  it('compareAndSetAlone moves a checkpoint in one round trip, and only from where it is', async () => {
    const name = `alone-'${randomUUID().slice(0, 8)}`; // a quote in the name is escaped, not executed
    await checkpoints.compareAndSetAlone(name, 0n, 10n, 'BEGIN; SET LOCAL synchronous_commit TO off');
    expect(await checkpoints.get(name)).toBe(10n);
    await checkpoints.compareAndSetAlone(name, 10n, 20n);
    expect(await checkpoints.get(name)).toBe(20n);
    await expect(checkpoints.compareAndSetAlone(name, 10n, 30n)).rejects.toEqual(new CheckpointConflict(name, 10n, 20n));
    await expect(checkpoints.compareAndSetAlone(name, 0n, 30n)).rejects.toBeInstanceOf(CheckpointConflict);
    expect(await checkpoints.get(name)).toBe(20n);
  });

  it('a runner whose categories a batch does not touch still moves past it, and sees a checkpoint moved under it', async () => {
    const name = await freshSubscription();
    const handler: SubscriptionHandler = { ...countingHandler(name), categories: ['nothing-here'] };
    const runner = new SubscriptionRunner(db.pool, store, checkpoints, handler);
    await runner.catchUp();
    await appendMany(3);
    expect(await runner.runOnce()).toBe(3);
    const head = await store.headPosition();
    expect(await checkpoints.get(name)).toBe(head);
    expect(await total(name)).toBe(0);
    // Someone else moves it back (a reset to replay) while the runner remembers where it left it:
    // its next batch finds out, and it reads the checkpoint again.
    await checkpoints.reset(name);
    await appendMany(1);
    expect(await runner.runOnce()).toBe(0); // its compare-and-set from the remembered position failed
    await runner.catchUp(); // from the start again
    expect(await checkpoints.get(name)).toBe(await store.headPosition());
  });
});

describe('subscription runner', () => {
  it('two competing runners apply every event exactly once', async () => {
    const name = await freshSubscription();
    const before = await store.headPosition();
    await checkpoints.compareAndSet(name, 0n, before);
    await appendMany(400);
    const a = new SubscriptionRunner(db.pool, store, checkpoints, countingHandler(name), { batchSize: 37, idleDelayMs: 5 });
    const b = new SubscriptionRunner(db.pool, store, checkpoints, countingHandler(name), { batchSize: 23, idleDelayMs: 5 });
    a.start();
    b.start();
    const head = await store.headPosition();
    for (let i = 0; i < 400 && (await checkpoints.get(name)) !== head; i++) await new Promise((r) => setTimeout(r, 25));
    await Promise.all([a.stop(), b.stop()]);
    expect(await checkpoints.get(name)).toBe(head);
    expect(await total(name)).toBe(400);
  });

  it('resumes after a crash mid-batch without losing or repeating an event', async () => {
    const name = await freshSubscription();
    await checkpoints.compareAndSet(name, 0n, await store.headPosition());
    await appendMany(120);
    let calls = 0;
    const crashing = countingHandler(name, {
      before: async (_events, tx) => {
        calls++;
        if (calls >= 2) {
          // From the second batch on, the process "dies" mid-transaction: its connection goes away
          // with the work half done, and nothing of it may survive.
          await tx.query(`INSERT INTO seen (subscription, event_id) VALUES ($1, $2)`, [name, randomUUID()]);
          await tx.query(`SELECT pg_terminate_backend(pg_backend_pid())`);
        }
      },
    });
    const first = new SubscriptionRunner(db.pool, store, checkpoints, crashing, { batchSize: 50, maxAttempts: 100 });
    expect(await first.runOnce()).toBe(50);
    await expect(first.runOnce()).rejects.toThrow();
    expect(await total(name)).toBe(50);

    const restarted = new SubscriptionRunner(db.pool, store, checkpoints, countingHandler(name), { batchSize: 50 });
    await restarted.catchUp();
    expect(await total(name)).toBe(120);
    expect(Number((await db.pool.query(`SELECT count(*) FROM seen WHERE subscription = $1`, [name])).rows[0].count)).toBe(120);
  });

  it('parks an event that keeps failing and carries on with the rest', async () => {
    const name = await freshSubscription();
    await checkpoints.compareAndSet(name, 0n, await store.headPosition());
    const poison = randomUUID();
    await appendMany(5);
    await store.append(`counter-${randomUUID()}`, 'no-stream', [{ type: 'Counted', data: {}, eventId: poison }]);
    await appendMany(5);
    const handler = countingHandler(name, {
      before: async (events) => {
        if (events.some((e) => e.eventId === poison)) throw new Error('cannot project this one');
      },
    });
    const runner = new SubscriptionRunner(db.pool, store, checkpoints, handler, { batchSize: 100, maxAttempts: 3 });
    for (let i = 0; i < 10; i++) await runner.runOnce().catch(() => 0);
    expect(await total(name)).toBe(10);
    const parked = await db.pool.query(`SELECT event_id, attempts, error FROM event_store.dead_letters WHERE subscription = $1`, [name]);
    expect(parked.rows).toEqual([
      expect.objectContaining({ event_id: poison, attempts: 3, error: expect.stringContaining('cannot project') }),
    ]);
    expect(await checkpoints.get(name)).toBe(await store.headPosition());
  });
});

describe('runner transactions', () => {
  it('commit a derived-only handler (a read model) without waiting for the WAL flush, any other with it', async () => {
    await appendMany(1);
    const seen: Record<string, string> = {};
    const probe = (name: string, derivedOnly: boolean): SubscriptionHandler => ({
      name,
      derivedOnly,
      schema: 'public',
      async handle(_events, tx) {
        seen[name] = (await tx.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0].synchronous_commit;
      },
    });
    const readModel = `rm-${randomUUID().slice(0, 8)}`;
    const other = `other-${randomUUID().slice(0, 8)}`;
    await new SubscriptionRunner(db.pool, store, checkpoints, probe(readModel, true)).catchUp();
    await new SubscriptionRunner(db.pool, store, checkpoints, probe(other, false)).catchUp();
    expect(seen).toEqual({ [readModel]: 'off', [other]: 'on' });
    // The setting is local to the transaction: the pooled connection is back to the server default.
    expect((await db.pool.query('SHOW synchronous_commit')).rows[0].synchronous_commit).toBe('on');
  });

  it('gather the events that arrive while the runner lingers after a small batch into one batch', async () => {
    const name = await freshSubscription();
    await new SubscriptionRunner(db.pool, store, checkpoints, countingHandler(name)).catchUp(); // past older events
    const before = await total(name);
    const batches: number[] = [];
    const runner = new SubscriptionRunner(
      db.pool,
      store,
      checkpoints,
      countingHandler(name, { before: async (events) => void batches.push(events.length) }),
      { lingerMs: 1500, idleDelayMs: 50 },
    );
    runner.start();
    try {
      await appendMany(1);
      await waitFor(() => batches.length === 1);
      // While it lingers after that one-event batch, five more arrive (and poke it, in vain).
      for (let i = 0; i < 5; i++) {
        await appendMany(1);
        runner.poke();
      }
      await waitFor(async () => (await total(name)) === before + 6);
      expect(batches).toEqual([1, 5]);
    } finally {
      await runner.stop();
    }
  }, 30_000);
});

describe('subscription runner wake-ups', () => {
  it('a poke that arrives while a read is finding nothing is not lost: the runner reads again instead of idling', async () => {
    const name = await freshSubscription();
    await new SubscriptionRunner(db.pool, store, checkpoints, countingHandler(name)).catchUp(); // past older events
    const slow = holdingStore(store, 'readAll');
    // Idles for a minute between polls: only a poke can make it read again within this test's time.
    const runner = new SubscriptionRunner(db.pool, slow.store, checkpoints, countingHandler(name), { idleDelayMs: 60_000 });
    runner.start(); // its first read finds nothing and is held
    try {
      await slow.held;
      await appendMany(1); // committed while that read is on its way back
      runner.poke();
      const before = slow.reads();
      slow.release();
      // It reads again at once. (Whether that read already sees the event depends on other
      // transactions in flight on the server: the log is read gap-safely. So the test counts reads.)
      await waitFor(() => slow.reads() > before, 10_000);
    } finally {
      await runner.stop();
    }
  }, 30_000);
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('subscription group runner', () => {
  /** Members counting into `totals`, each recording the transaction of every call. */
  async function group(n: number, options: { poison?: string; batchSize?: number; start?: bigint } = {}) {
    const calls: Array<{ name: string; tx: string }> = [];
    const start = options.start ?? (await store.headPosition());
    const members: SubscriptionRunner[] = [];
    for (let i = 0; i < n; i++) {
      const name = await freshSubscription();
      await checkpoints.compareAndSet(name, 0n, start);
      const handler = countingHandler(name, {
        before: async (events, tx) => {
          calls.push({ name, tx: (await tx.query<{ tx: string }>('SELECT txid_current()::text AS tx')).rows[0].tx });
          if (i === 0 && events.some((e) => e.eventId === options.poison)) throw new Error('cannot project this one');
        },
      });
      members.push(new SubscriptionRunner(db.pool, store, checkpoints, handler, { batchSize: options.batchSize ?? 100, maxAttempts: 3 }));
    }
    const runner = (batchSize = options.batchSize ?? 100) =>
      new SubscriptionGroupRunner(db.pool, store, checkpoints, members, { name: 'group', batchSize, idleDelayMs: 5 });
    return { members, names: members.map((m) => m.name), calls, runner };
  }

  it('applies each batch for every member in one transaction and moves all their checkpoints with its COMMIT', async () => {
    const { names, calls, runner } = await group(3);
    await appendMany(120);
    const r = runner();
    expect(await r.runOnce()).toBe(100);
    expect(await r.runOnce()).toBe(20);
    expect(await r.runOnce()).toBe(0);
    const head = await store.headPosition();
    for (const name of names) {
      expect(await total(name)).toBe(120);
      expect(await checkpoints.get(name)).toBe(head);
    }
    // Two batches, each one transaction shared by the three members.
    expect(new Set(calls.map((c) => c.tx)).size).toBe(2);
    expect(calls).toHaveLength(6);
  });

  it('a member that keeps failing an event parks it for itself; the others apply every batch meanwhile, and it rejoins them', async () => {
    const poison = randomUUID();
    const { names, calls, runner } = await group(2, { poison });
    await appendMany(10);
    await store.append(`counter-${randomUUID()}`, 'no-stream', [{ type: 'Counted', data: {}, eventId: poison }]);
    await appendMany(10);
    const r = runner();
    for (let i = 0; i < 20 && (await checkpoints.get(names[0])) !== (await store.headPosition()); i++) {
      await r.runOnce();
      await new Promise((resolve) => setTimeout(resolve, 30)); // past the failing member's backoff
    }
    const head = await store.headPosition();
    expect(await total(names[1])).toBe(21);
    expect(await total(names[0])).toBe(20);
    expect(await checkpoints.get(names[0])).toBe(head);
    expect(await checkpoints.get(names[1])).toBe(head);
    const parked = await db.pool.query(`SELECT subscription, event_id, attempts FROM event_store.dead_letters WHERE event_id = $1`, [
      poison,
    ]);
    expect(parked.rows).toEqual([{ subscription: names[0], event_id: poison, attempts: 3 }]);
    // Together again: the next batch is shared.
    calls.length = 0;
    await appendMany(5);
    expect(await r.runOnce()).toBe(5);
    expect(calls.map((c) => c.name).sort()).toEqual([...names].sort());
    expect(new Set(calls.map((c) => c.tx)).size).toBe(1);
  });

  it('brings a member that is behind up to the others, never past them, while they go on; then shares batches with it', async () => {
    const start = await store.headPosition();
    const { members, names, calls, runner } = await group(2, { batchSize: 50, start });
    await appendMany(200);
    // The first member has caught up alone, as after a rebuild's swap; the second is still at the start.
    await members[0].catchUp();
    const head = await store.headPosition();
    await appendMany(10);
    calls.length = 0;
    const r = runner();
    await r.catchUp();
    expect(await total(names[0])).toBe(210);
    expect(await total(names[1])).toBe(210);
    const newHead = await store.headPosition();
    expect(await checkpoints.get(names[0])).toBe(newHead);
    expect(await checkpoints.get(names[1])).toBe(newHead);
    // The first did not wait for the second: it applied the last ten at once, alone; the second came
    // up in batches of its own, never past the first (its calls are all alone).
    expect(calls.filter((c) => c.name === names[0])).toHaveLength(1);
    expect(new Set(calls.map((c) => c.tx)).size).toBe(calls.length);
    expect(head).toBeLessThan(newHead);
    // Together again: the next batch is shared.
    calls.length = 0;
    await appendMany(5);
    expect(await r.runOnce()).toBe(5);
    expect(calls.map((c) => c.name).sort()).toEqual([...names].sort());
    expect(new Set(calls.map((c) => c.tx)).size).toBe(1);
  });

  it('orders checkpoints as the log does (commit order, not positions): a member behind skips nothing, applies nothing twice', async () => {
    const start = await store.headPosition();
    const { names, runner } = await group(2, { start });
    await appendMany(1);
    // "slow" takes its transaction id first and commits last with the higher position; "fast" has the
    // lower position. The log (commit order) holds slow, then fast.
    const { slow, fast } = await committedOutOfPositionOrder();
    expect(slow).toBeGreaterThan(fast);
    const log = await store.readAll({ after: start });
    expect(log.slice(-2).map((e) => e.position)).toEqual([slow, fast]);

    // The first stands at fast, the end of the log, having applied all three; the second at the start.
    await checkpoints.compareAndSet(names[0], start, fast);
    await db.pool.query(`UPDATE totals SET n = 3 WHERE subscription = $1`, [names[0]]);
    await runner().catchUp();
    expect(await total(names[1])).toBe(3);
    expect(await total(names[0])).toBe(3);
    expect(await checkpoints.get(names[1])).toBe(fast);

    // Now the other way round: one at slow (the higher position, earlier in the log), one at fast.
    const more = await group(2, { start });
    await checkpoints.compareAndSet(more.names[0], start, slow);
    await checkpoints.compareAndSet(more.names[1], start, fast);
    await appendMany(2);
    await more.runner().catchUp();
    expect(await total(more.names[0])).toBe(3); // fast and the two new ones
    expect(await total(more.names[1])).toBe(2); // the two new ones
    const head = await store.headPosition();
    expect(await checkpoints.get(more.names[0])).toBe(head);
    expect(await checkpoints.get(more.names[1])).toBe(head);
  });

  it('two competing group runners apply every event exactly once for every member', async () => {
    const { names, runner } = await group(2, { batchSize: 37 });
    await appendMany(400);
    const a = runner(37);
    const b = runner(23);
    a.start();
    b.start();
    const head = await store.headPosition();
    // Both members: when the runners collide, one member can move on its own and the other follow.
    await waitFor(async () => (await checkpoints.inLogOrder(names)).every((p) => p.position === head));
    await Promise.all([a.stop(), b.stop()]);
    for (const name of names) {
      expect(await checkpoints.get(name)).toBe(head);
      expect(await total(name)).toBe(400);
    }
  });
});

import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import {
  APPENDED_CHANNEL,
  AppendListener,
  AppendSignal,
  CheckpointStore,
  CreateEventStore1764300000000,
  EventTypeRegistry,
  PostgresEventStore,
  SubscriptionRunner,
  type SubscriptionHandler,
} from './index';

let db: TestDatabase;
let store: PostgresEventStore;
const listeners: AppendListener[] = [];

beforeAll(async () => {
  db = await createTestDatabase([CreateEventStore1764300000000], 10);
  store = new PostgresEventStore(db.pool, new EventTypeRegistry().register('Signalled'));
});
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.stop()));
});
afterAll(() => db.drop());

function listen(onAppended: () => void): AppendListener {
  const listener = AppendListener.forPool(db.pool, onAppended);
  listeners.push(listener);
  return listener;
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('AppendSignal and AppendListener (workers in another process)', () => {
  it('a runner that would idle for a minute reads at once when another process announces its append', async () => {
    const handler: SubscriptionHandler = { name: `signalled-${randomUUID().slice(0, 8)}`, handle: async () => undefined };
    // Counts the runner's reads, begun and completed, so the test knows when it has gone idle.
    let begun = 0;
    let done = 0;
    const counting = Object.create(store) as PostgresEventStore;
    counting.readAll = async (options) => {
      begun++;
      const events = await store.readAll(options);
      done++;
      return events;
    };
    const runner = new SubscriptionRunner(db.pool, counting, new CheckpointStore(db.pool), handler, { idleDelayMs: 60_000 });
    await runner.catchUp();
    const listener = listen(() => runner.poke());
    await listener.start();
    const caughtUp = done;
    runner.start();
    try {
      await waitFor(() => done > caughtUp); // its first read is done: it now idles for a minute
      const before = begun;
      // The "API process": its own pool, no runner of its own to poke.
      await store.append(`signalled-${randomUUID()}`, 'no-stream', [{ type: 'Signalled', data: {} }]);
      new AppendSignal(db.pool).announce();
      // It reads at once (whether that read already sees the event depends on other transactions in
      // flight on the server: the log is read gap-safely, so the test counts reads).
      await waitFor(() => begun > before);
    } finally {
      await runner.stop();
    }
  });

  it('announces made while a NOTIFY is in flight are followed by one more, sent after the last of them', async () => {
    const raw = new Client({ connectionString: db.url });
    await raw.connect();
    let heard = 0;
    raw.on('notification', () => heard++);
    await raw.query(`LISTEN ${APPENDED_CHANNEL}`);
    try {
      const signal = new AppendSignal(db.pool);
      for (let i = 0; i < 100; i++) signal.announce(); // the first sends; the rest wait for it and share one
      await waitFor(() => heard >= 2);
      // Nothing else is in flight: a further announce sends at once, and is heard.
      signal.announce();
      await waitFor(() => heard >= 3);
      expect(heard).toBe(3);
    } finally {
      await raw.end();
    }
  });

  it('a listener whose connection is killed reconnects, and wakes its process once back (it may have missed signals)', async () => {
    let wakes = 0;
    const listener = listen(() => wakes++);
    await listener.start();
    expect(wakes).toBe(1); // on connecting
    await db.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'append-listener' AND datname = current_database()`,
    );
    await waitFor(() => wakes >= 2);
    const before = wakes;
    new AppendSignal(db.pool).announce();
    await waitFor(() => wakes > before);
  });
});

import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { CheckpointStore, CreateEventStore1764300000000, type PostgresEventStore, type StoredEvent } from '@app/event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { testBroker, type TestBroker } from '../../../test/kafka/broker';
import { spawnChild, type Child } from '../../../test/kafka/child';
import {
  appendEvents,
  CATEGORIES,
  checkDelivery,
  createReadModelTable,
  newStore,
  newStreams,
  orderedReadModel,
  readModelRows,
  readTopics,
  rebuildFromLog,
  waitUntil,
} from '../../../test/kafka/fixtures';
import { createKafka, KafkaProjector, MESSAGING_MIGRATIONS, OutboxRelay, topicForCategory } from './index';

/*
 * Fault tests against a real broker of deploy/kafka of their own, since they stop and kill it
 * (skipped when KAFKA_BROKERS points at a broker the tests cannot stop). Every wait has a deadline; the only timed pause is the outage itself.
 */
jest.setTimeout(1_200_000);

let db: TestDatabase;
/** Another database on the same server (another application, another test file). */
let other: TestDatabase;
let store: PostgresEventStore;
let checkpoints: CheckpointStore;
let broker: TestBroker;
let kafka: Kafka;
const cleanup: Array<() => Promise<void>> = [];

beforeAll(async () => {
  [db, other, broker] = await Promise.all([
    createTestDatabase([CreateEventStore1764300000000, ...MESSAGING_MIGRATIONS], 30),
    createTestDatabase([], 2),
    testBroker('faults'),
  ]);
  await other.pool.query(`CREATE TABLE busy (n int)`);
  store = newStore(db.pool);
  checkpoints = new CheckpointStore(db.pool);
  kafka = createKafka({ brokers: broker.brokers, clientId: 'fault-test', topicPrefix: 'unused', categories: CATEGORIES, partitions: 3 });
});
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
  await broker.start(); // whatever a test did, the next one gets a running broker
});
afterAll(() => Promise.all([db.drop(), other.drop()]));

const itManaged = process.env.KAFKA_BROKERS ? it.skip : it;

async function scope() {
  const prefix = `f${randomUUID().slice(0, 8)}`;
  const name = `relay-${prefix}`;
  const start = await store.headPosition();
  await checkpoints.compareAndSet(name, 0n, start);
  return { prefix, name, start, table: `rm_${prefix}`, topics: CATEGORIES.map((c) => topicForCategory(c, { prefix })) };
}

function childEnv(prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_URL: db.url, KAFKA_BROKERS: broker.brokers, TOPIC_PREFIX: prefix, ...extra };
}

function track(child: Child): Child {
  cleanup.push(() => child.kill('SIGKILL'));
  return child;
}

async function head(): Promise<bigint> {
  return store.headPosition();
}

/**
 * The log after `start` once all `count` appends are readable: this database's own writers (the
 * relay's checkpoint, a projector's batch) hold gap-safe readers back while they are in flight.
 */
async function readAllAppended(start: bigint, count: number): Promise<StoredEvent[]> {
  let events: StoredEvent[] = [];
  await waitUntil(
    `${count} appends readable`,
    async () => (events = await store.readAll({ after: start, limit: 1_000_000 })).length >= count,
    10_000,
  );
  expect(events).toHaveLength(count);
  return events;
}

async function versionsApplied(table: string): Promise<number> {
  return Number((await db.pool.query(`SELECT coalesce(sum(version), 0) AS n FROM ${table}`)).rows[0].n);
}

async function expectEqualToRebuild(table: string, streams: string[]): Promise<void> {
  const rebuilt = `${table}_rebuilt`;
  await rebuildFromLog(db.pool, store, rebuilt);
  const mine = (rows: Array<{ stream_id: string }>) => rows.filter((r) => streams.includes(r.stream_id));
  const fromLog = mine(await readModelRows(db.pool, rebuilt));
  expect(fromLog).toHaveLength(streams.length);
  expect(mine(await readModelRows(db.pool, table))).toEqual(fromLog);
  expect((await db.pool.query(`SELECT count(*)::int AS n FROM messaging.dead_letters WHERE subscription = $1`, [table])).rows[0].n).toBe(0);
}

describe('faults against the real broker', () => {
  itManaged(
    'broker gone for 30 s while commands are accepted: soon after it serves again the read model has every acknowledged event, Kafka has each once in per-key order, and the read model equals a rebuild',
    async () => {
      const { prefix, name, start, table, topics } = await scope();
      await createReadModelTable(db.pool, table);
      const relay = new OutboxRelay(db.pool, store, checkpoints, kafka, { topicPrefix: prefix, source: '/fault', name });
      const projector = new KafkaProjector(db.pool, kafka, orderedReadModel(table), { topicPrefix: prefix, categories: CATEGORIES, store });
      cleanup.push(
        () => relay.stop(),
        () => projector.stop(),
      );
      relay.start();
      await projector.start();
      const streams = newStreams(20);
      await appendEvents(store, streams, 200);
      await waitUntil('read model fed before the outage', async () => (await versionsApplied(table)) === 200);

      // SIGKILL: the broker vanishes as in a crash or a network cut. 20 commands a second meanwhile.
      await broker.kill();
      const outageStart = Date.now();
      let accepted = 200;
      for (let tick = 1; Date.now() - outageStart < 30_000; tick++) {
        await appendEvents(store, streams, 2, 2);
        accepted += 2;
        await new Promise((r) => setTimeout(r, Math.max(0, outageStart + tick * 100 - Date.now())));
      }
      const checkpointDuringOutage = await checkpoints.get(name);
      const starting = broker.start();
      await broker.serving({ topics, groups: [projector.groupId] });
      // 5 s when the consumer rode the outage out as a group member; kafkajs does not survive losing
      // the only broker's connection at some moments (it drops the broker, its list is then empty),
      // and the replacement's join waits for the crashed member's 6 s session to run out. A cluster
      // never empties the list (cluster.int-spec.ts). docs/operations.md has the drill figures.
      await waitUntil(
        'read model has every acknowledged event within 12 s of the broker serving again',
        async () => (await versionsApplied(table)) === accepted,
        12_000,
        50,
      );
      await starting;

      const expected = await readAllAppended(start, accepted);
      expect(checkpointDuringOutage).toBeLessThan(expected[expected.length - 1].position);
      const received = await readTopics(kafka, topics, (all) => checkDelivery(all, expected).missing === 0, 30_000);
      expect(checkDelivery(received, expected)).toMatchObject({ missing: 0, problems: [] });
      await expectEqualToRebuild(table, streams);
    },
  );

  it('a transaction open in another database of the server delays neither Kafka nor the read model', async () => {
    const { prefix, name, start, table, topics } = await scope();
    await createReadModelTable(db.pool, table);
    const foreign = await other.pool.connect();
    cleanup.push(async () => {
      await foreign.query('ROLLBACK').catch(() => undefined);
      foreign.release();
    });
    await foreign.query('BEGIN');
    const { xid } = (await foreign.query(`INSERT INTO busy VALUES (1) RETURNING pg_current_xact_id()::text AS xid`)).rows[0];

    const relay = new OutboxRelay(db.pool, store, checkpoints, kafka, { topicPrefix: prefix, source: '/fault', name });
    const projector = new KafkaProjector(db.pool, kafka, orderedReadModel(table), { topicPrefix: prefix, categories: CATEGORIES, store });
    cleanup.push(
      () => relay.stop(),
      () => projector.stop(),
    );
    relay.start();
    await projector.start();
    const streams = newStreams(20);
    await appendEvents(store, streams, 500);
    const expected = await readAllAppended(start, 500);
    await waitUntil(
      'read model fed while the other database keeps its transaction open',
      async () => (await versionsApplied(table)) === 500,
      30_000,
    );
    const received = await readTopics(kafka, topics, (all) => checkDelivery(all, expected).missing === 0, 30_000);
    expect(checkDelivery(received, expected)).toMatchObject({ missing: 0, problems: [] });
    await expectEqualToRebuild(table, streams);
    // Still open, and older than every event here: the server-wide xmin stood below all of them throughout.
    const { rows } = await db.pool.query(
      `SELECT pg_xact_status($1::xid8) AS status, pg_snapshot_xmin(pg_current_snapshot()) <= $1::xid8 AS holds_server_xmin`,
      [xid],
    );
    expect(rows[0]).toEqual({ status: 'in progress', holds_server_xmin: true });
  });

  itManaged(
    'relay killed with SIGKILL mid-batch and restarted: it publishes within 3 s of its start, nothing missing, duplicates carry the same CloudEvents id',
    async () => {
      const { prefix, name, start, topics } = await scope();
      await appendEvents(store, newStreams(40), 4000);
      const expected = await store.readAll({ after: start, limit: 1_000_000 });
      const last = expected[expected.length - 1].position;
      const env = childEnv(prefix, { RELAY_NAME: name, BATCH_SIZE: '50' });
      const first = track(spawnChild('relay-process.ts', env));
      await waitUntil('relay publishing', async () => Number(first.status.published ?? 0) >= 500, 60_000, 5);
      await first.kill('SIGKILL');
      const atKill = await checkpoints.get(name);
      expect(atKill).toBeLessThan(last);

      // The new process has a new owner id and the dead one's lease row is still valid for 10 s: the
      // lease goes with the dead process's connection, so the successor publishes at once.
      const second = track(spawnChild('relay-process.ts', env));
      await waitUntil('restarted relay started', async () => second.status.startedAfterMs !== undefined, 60_000, 5);
      await waitUntil('restarted relay publishing within 3 s of its start', async () => Number(second.status.published ?? 0) > 0, 3_000, 5);
      await waitUntil('restarted relay caught up', async () => await store.hasReached(await checkpoints.get(name), last), 60_000).catch(
        (e) => {
          console.log(second.output.join('').slice(-6000), second.status, first.output.join('').slice(-3000));
          throw e;
        },
      );
      await second.kill('SIGTERM');
      const received = await readTopics(kafka, topics, (all) => checkDelivery(all, expected).missing === 0);
      const check = checkDelivery(received, expected);
      expect(check).toMatchObject({ missing: 0, problems: [], unique: expected.length });
      console.log(`relay SIGKILL: checkpoint at kill ${atKill - start}/${expected.length}, duplicates on Kafka: ${check.duplicates}`);
    },
  );

  itManaged('projector killed with SIGKILL mid-batch: the read model converges to the rebuild', async () => {
    const { prefix, name, table } = await scope();
    await createReadModelTable(db.pool, table);
    const streams = newStreams(30);
    await appendEvents(store, streams, 1500);
    const relay = new OutboxRelay(db.pool, store, checkpoints, kafka, { topicPrefix: prefix, source: '/fault', name });
    cleanup.push(() => relay.stop());
    relay.start();
    await waitUntil('relay caught up', async () => await store.hasReached(await checkpoints.get(name), await head()), 60_000);

    const env = childEnv(prefix, { TABLE: table, DELAY_MS: '2' });
    const first = track(spawnChild('projector-process.ts', env));
    await waitUntil('projector part-way', async () => (await versionsApplied(table)) > 0, 60_000, 5);
    await first.kill('SIGKILL');
    const atKill = await versionsApplied(table);
    expect(atKill).toBeLessThan(1500);

    const second = track(spawnChild('projector-process.ts', env));
    await waitUntil('read model converged', async () => (await versionsApplied(table)) === 1500, 120_000).catch((e) => {
      console.log(second.output.join('\n').slice(-5000), second.status, first.output.join('\n').slice(-3000));
      throw e;
    });
    await second.kill('SIGTERM');
    await expectEqualToRebuild(table, streams);
    console.log(`projector SIGKILL: ${atKill}/1500 applied at kill`);
  });

  itManaged(
    'two relays started at once, the active one then SIGKILLed: the standby publishes within 3 s, per-key order holds and no event is lost',
    async () => {
      const { prefix, name, start, topics } = await scope();
      const streams = newStreams(20);
      const env = childEnv(prefix, { RELAY_NAME: name, BATCH_SIZE: '20', LEASE_TTL_MS: '10000' });
      const relays = [track(spawnChild('relay-process.ts', env)), track(spawnChild('relay-process.ts', env))];
      await appendEvents(store, streams, 600, 4);
      await waitUntil('one relay active', async () => relays.some((r) => r.status.active === true), 60_000);
      const active = relays.find((r) => r.status.active === true)!;
      const standby = relays.find((r) => r !== active)!;
      const publishedBefore = Number(standby.status.published ?? 0);
      const load = appendEvents(store, streams, 400, 4);
      await active.kill('SIGKILL');
      // Within 3 s of the kill, although the dead relay's lease row stays valid for 10 s.
      await waitUntil(
        'standby publishing within 3 s of the kill',
        async () => Number(standby.status.published ?? 0) > publishedBefore,
        3_000,
        5,
      );
      await load;
      await waitUntil(
        'standby took over and caught up',
        async () => await store.hasReached(await checkpoints.get(name), await head()),
        60_000,
      );
      expect(standby.status).toMatchObject({ active: true });
      const expected = await store.readAll({ after: start, limit: 1_000_000 });
      const received = await readTopics(kafka, topics, (all) => checkDelivery(all, expected).missing === 0);
      expect(checkDelivery(received, expected)).toMatchObject({ missing: 0, problems: [], unique: expected.length });
    },
  );
});

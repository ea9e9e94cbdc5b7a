import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { CheckpointStore, CreateEventStore1764300000000, type PostgresEventStore, type StoredEvent } from '@app/event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { testCluster, type TestCluster } from '../../../test/kafka/broker';
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
 * Drills against a three-broker KRaft cluster of deploy/kafka/cluster.sh (topics RF 3, min ISR 2, the
 * relay's producer acks=all), under a steady load of commands. Skipped when KAFKA_BROKERS points at
 * brokers the tests cannot stop. The only timed pauses are the faults themselves.
 */
jest.setTimeout(900_000);

let db: TestDatabase;
let store: PostgresEventStore;
let checkpoints: CheckpointStore;
let cluster: TestCluster;
let kafka: Kafka;
const cleanup: Array<() => Promise<void>> = [];

const describeManaged = process.env.KAFKA_BROKERS ? describe.skip : describe;

describeManaged('a three-broker cluster under load', () => {
  beforeAll(async () => {
    [db, cluster] = await Promise.all([createTestDatabase([CreateEventStore1764300000000, ...MESSAGING_MIGRATIONS], 30), testCluster()]);
    store = newStore(db.pool);
    checkpoints = new CheckpointStore(db.pool);
    kafka = createKafka({
      brokers: cluster.brokers,
      clientId: 'cluster-test',
      topicPrefix: 'unused',
      categories: CATEGORIES,
      partitions: 3,
    });
  });
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
    await cluster.start(); // every node up again for the next test
  });
  afterAll(async () => {
    await cluster?.stop();
    await db?.drop();
  });

  /** Relay and Kafka projector on fresh topics of RF 3, and a steady 50 commands a second until stopped. */
  async function pipeline() {
    const prefix = `c${randomUUID().slice(0, 8)}`;
    const name = `relay-${prefix}`;
    const table = `rm_${prefix}`;
    const topics = CATEGORIES.map((c) => topicForCategory(c, { prefix }));
    const start = await store.headPosition();
    await checkpoints.compareAndSet(name, 0n, start);
    await createReadModelTable(db.pool, table);
    const relay = new OutboxRelay(db.pool, store, checkpoints, kafka, { topicPrefix: prefix, source: '/cluster', name });
    const projector = new KafkaProjector(db.pool, kafka, orderedReadModel(table), {
      topicPrefix: prefix,
      categories: CATEGORIES,
      store,
      replicationFactor: 3,
    });
    cleanup.push(
      () => relay.stop(),
      () => projector.stop(),
    );
    await projector.start(); // creates the topics: RF 3, min.insync.replicas 2
    relay.start();
    const streams = newStreams(30);
    let accepted = 0;
    let loading = true;
    const load = (async () => {
      const begun = Date.now();
      for (let tick = 1; loading; tick++) {
        await appendEvents(store, streams, 5, 2);
        accepted += 5;
        await new Promise((r) => setTimeout(r, Math.max(0, begun + tick * 100 - Date.now())));
      }
    })();
    return {
      prefix,
      name,
      table,
      topics,
      start,
      streams,
      get accepted() {
        return accepted;
      },
      async stopLoad() {
        loading = false;
        await load;
      },
    };
  }

  async function applied(table: string): Promise<number> {
    return Number((await db.pool.query(`SELECT coalesce(sum(version), 0) AS n FROM ${table}`)).rows[0].n);
  }

  /** Every acknowledged append is on Kafka (first copies in per-key order) and the read model equals a rebuild. */
  async function expectEverythingDelivered(p: Awaited<ReturnType<typeof pipeline>>): Promise<{ duplicates: number }> {
    await waitUntil('read model has every acknowledged event', async () => (await applied(p.table)) === p.accepted, 120_000, 100);
    let expected: StoredEvent[] = [];
    await waitUntil(
      'every append readable',
      async () => (expected = await store.readAll({ after: p.start, limit: 1_000_000 })).length >= p.accepted,
      30_000,
    );
    expect(expected).toHaveLength(p.accepted);
    const received = await readTopics(kafka, p.topics, (all) => checkDelivery(all, expected).missing === 0, 60_000);
    const check = checkDelivery(received, expected);
    expect(check).toMatchObject({ missing: 0, problems: [], unique: expected.length });
    const rebuilt = `${p.table}_rebuilt`;
    await rebuildFromLog(db.pool, store, rebuilt);
    const mine = (rows: Array<{ stream_id: string }>) => rows.filter((r) => p.streams.includes(r.stream_id));
    expect(mine(await readModelRows(db.pool, p.table))).toEqual(mine(await readModelRows(db.pool, rebuilt)));
    return { duplicates: check.duplicates };
  }

  it('topics are created with replication factor 3 and min.insync.replicas 2', async () => {
    const p = await pipeline();
    await p.stopLoad();
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: p.topics });
      for (const t of topics) for (const partition of t.partitions) expect(partition.replicas).toHaveLength(3);
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: p.topics.map((name) => ({ type: 2, name, configNames: ['min.insync.replicas'] })),
      });
      for (const r of resources) expect(r.configEntries.find((e) => e.configName === 'min.insync.replicas')?.configValue).toBe('2');
    } finally {
      await admin.disconnect();
    }
  });

  it('kill -9 of the leader of the busiest partition: nothing lost, per-key order holds, the read model equals a rebuild', async () => {
    const p = await pipeline();
    await waitUntil('load published', async () => (await applied(p.table)) >= 200, 60_000);
    const admin = kafka.admin();
    await admin.connect();
    let leader = 0;
    let busiest = -1;
    try {
      for (const t of (await admin.fetchTopicMetadata({ topics: p.topics })).topics) {
        const offsets = await admin.fetchTopicOffsets(t.name);
        for (const o of offsets) {
          if (Number(o.high) > busiest) {
            busiest = Number(o.high);
            leader = t.partitions.find((x) => x.partitionId === o.partition)!.leader;
          }
        }
      }
    } finally {
      await admin.disconnect();
    }
    const before = await applied(p.table);
    await cluster.kill(leader);
    await waitUntil(`load applied while broker ${leader} is dead`, async () => (await applied(p.table)) >= before + 200, 60_000);
    await cluster.start(leader);
    await p.stopLoad();
    const { duplicates } = await expectEverythingDelivered(p);
    console.log(`cluster kill -9 of broker ${leader} (leader of the busiest partition): ${p.accepted} events, ${duplicates} duplicates`);
  });

  it('a controlled restart of each broker in turn: nothing lost, per-key order holds, the read model equals a rebuild', async () => {
    const p = await pipeline();
    for (let node = 1; node <= cluster.nodes; node++) {
      const before = p.accepted;
      await cluster.stop(node);
      await waitUntil(`load applied while broker ${node} is down`, async () => (await applied(p.table)) >= before + 100, 60_000);
      await cluster.start(node);
    }
    await p.stopLoad();
    const { duplicates } = await expectEverythingDelivered(p);
    console.log(`cluster rolling restart: ${p.accepted} events, ${duplicates} duplicates`);
  });
});

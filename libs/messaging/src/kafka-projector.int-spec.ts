import { randomUUID } from 'node:crypto';
import { Partitioners, type Kafka } from 'kafkajs';
import { CheckpointStore, CreateEventStore1764300000000, type PostgresEventStore, type SubscriptionHandler } from '@app/event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { testBroker } from '../../../test/kafka/broker';
import {
  appendEvents,
  CATEGORIES,
  createReadModelTable,
  newStore,
  newStreams,
  orderedReadModel,
  readModelRows,
  rebuildFromLog,
  waitUntil,
} from '../../../test/kafka/fixtures';
import { createKafka, KafkaProjector, MESSAGING_MIGRATIONS, OutboxRelay, toCloudEvent, topicFor, topicForCategory } from './index';

jest.setTimeout(120_000);

let db: TestDatabase;
let store: PostgresEventStore;
let kafka: Kafka;
const running: Array<{ stop(): Promise<void> }> = [];

beforeAll(async () => {
  const [database, broker] = await Promise.all([
    createTestDatabase([CreateEventStore1764300000000, ...MESSAGING_MIGRATIONS]),
    testBroker(),
  ]);
  db = database;
  store = newStore(db.pool);
  kafka = createKafka({
    brokers: broker.brokers,
    clientId: 'projector-test',
    topicPrefix: 'unused',
    categories: CATEGORIES,
    partitions: 3,
  });
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});
afterAll(() => db.drop());

/**
 * `n` new streams with at least one in every partition of both topics: the relay keys each message by
 * its stream id and kafkajs's default partitioner hashes the key. (Random ids alone leave one of the
 * six partitions empty in about 1 run of 70; an empty partition has no offset to commit.)
 */
function streamsInEveryPartition(n: number): string[] {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = [0, 1, 2].map((partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0] }));
  const partitionOf = (key: string) => partitioner({ topic: 'any', partitionMetadata, message: { key, value: null } });
  const covers = (streams: string[]) =>
    CATEGORIES.every((c) => new Set(streams.filter((s) => s.startsWith(`${c}-`)).map(partitionOf)).size === partitionMetadata.length);
  for (;;) {
    const streams = newStreams(n);
    if (covers(streams)) return streams;
  }
}

/**
 * A relay publishing this test's events under its own prefix, and a Kafka-fed read model in `table`
 * (not started with `projectorStarted: false`; `handler` wraps the read model's handler).
 */
async function pipeline(
  options: { maxAttempts?: number; projectorStarted?: boolean; handler?: (inner: SubscriptionHandler) => SubscriptionHandler } = {},
) {
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const table = `rm_${prefix}`;
  const checkpoints = new CheckpointStore(db.pool);
  const name = `relay-${prefix}`;
  const start = await store.headPosition();
  await checkpoints.compareAndSet(name, 0n, start);
  await createReadModelTable(db.pool, table);
  const relay = new OutboxRelay(db.pool, store, checkpoints, kafka, { topicPrefix: prefix, source: '/test', name, idleDelayMs: 20 });
  const handler = options.handler ?? ((inner: SubscriptionHandler) => inner);
  const projector = new KafkaProjector(db.pool, kafka, handler(orderedReadModel(table)), {
    topicPrefix: prefix,
    categories: CATEGORIES,
    store,
    retryDelayMs: 20,
    maxAttempts: options.maxAttempts ?? 3,
  });
  running.push(relay, projector);
  relay.start();
  if (options.projectorStarted !== false) await projector.start();
  const published = () =>
    waitUntil('relay published', async () => store.hasReached(await checkpoints.get(name), await store.headPosition()));
  return { prefix, table, relay, projector, start, published };
}

/** The Kafka-fed read model equals the one rebuilt from the log, restricted to this test's streams. */
async function expectEqualToRebuild(table: string, streams: string[]): Promise<void> {
  const rebuilt = `${table}_rebuilt`;
  await rebuildFromLog(db.pool, store, rebuilt);
  const mine = (rows: Array<{ stream_id: string }>) => rows.filter((r) => streams.includes(r.stream_id));
  const fromLog = mine(await readModelRows(db.pool, rebuilt));
  expect(fromLog.length).toBe(streams.length);
  expect(mine(await readModelRows(db.pool, table))).toEqual(fromLog);
}

async function versionsApplied(table: string): Promise<number> {
  return Number((await db.pool.query(`SELECT coalesce(sum(version), 0) AS n FROM ${table}`)).rows[0].n);
}

async function deadLetters(subscription: string) {
  return (await db.pool.query(`SELECT * FROM messaging.dead_letters WHERE subscription = $1 ORDER BY id`, [subscription])).rows;
}

describe('KafkaProjector', () => {
  it('builds the read model from Kafka equal to a rebuild from the log', async () => {
    const { table } = await pipeline();
    const streams = newStreams(30);
    await appendEvents(store, streams, 600);
    await waitUntil('read model caught up', async () => (await versionsApplied(table)) === 600);
    await expectEqualToRebuild(table, streams);
    expect(await deadLetters(table)).toEqual([]);
  });

  it('redelivered messages change nothing', async () => {
    const { prefix, table, projector } = await pipeline();
    const streams = newStreams(8);
    await appendEvents(store, streams, 80);
    await waitUntil('read model caught up', async () => (await versionsApplied(table)) === 80);
    // The same CloudEvents again, as a relay restarted before its checkpoint moved would send them.
    const events = (await Promise.all(streams.map((s) => store.readStream(s)))).flat();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic: topicFor(streams[0], { prefix }),
      messages: events
        .filter((e) => e.streamId.startsWith('key-project'))
        .map((e) => ({ key: e.streamId, value: JSON.stringify(toCloudEvent(e, { source: '/test' })) })),
    });
    await producer.disconnect();
    const appliedBefore = projector.appliedCount;
    await appendEvents(store, streams, 8); // a marker behind the duplicates in every partition
    await waitUntil('marker applied', async () => (await versionsApplied(table)) === 88);
    expect(projector.appliedCount - appliedBefore).toBe(8);
    await expectEqualToRebuild(table, streams);
    expect(await deadLetters(table)).toEqual([]);
  });

  it('parks a message that keeps failing, with its error, and goes on with the rest', async () => {
    const { prefix, table } = await pipeline({ maxAttempts: 3 });
    const streams = newStreams(6);
    await appendEvents(store, streams, 30);
    const poisoned = `key-project-${randomUUID()}`;
    const { events } = await store.append(poisoned, 'no-stream', [{ type: 'Poison', data: {} }]);
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic: topicForCategory('rectification-order', { prefix }),
      messages: [{ key: 'garbage', value: 'not a cloud event' }],
    });
    await producer.disconnect();
    await appendEvents(store, streams, 30);
    await waitUntil('others applied', async () => (await versionsApplied(table)) === 60);
    await waitUntil('two dead letters', async () => (await deadLetters(table)).length === 2);
    const parked = await deadLetters(table);
    expect(parked.find((d) => d.event_id === events[0].eventId)).toMatchObject({ stream_id: poisoned, type: 'Poison', attempts: 3 });
    expect(parked.find((d) => d.event_id === events[0].eventId).error).toContain('poison event');
    expect(parked.find((d) => d.event_id === null)).toMatchObject({ payload: 'not a cloud event', attempts: 1 });
    expect(parked.find((d) => d.event_id === null).error).toContain('InvalidCloudEvent');
    await expectEqualToRebuild(table, streams);
  });

  it('applies the batches one fetch brings from several partitions in one transaction, and commits their offsets by the time it stops', async () => {
    const calls: string[][] = [];
    const { prefix, table, projector, published } = await pipeline({
      projectorStarted: false,
      handler: (inner) => ({
        name: inner.name,
        async handle(events, tx) {
          calls.push(events.map((e) => e.streamId));
          await inner.handle(events, tx);
        },
      }),
    });
    const streams = streamsInEveryPartition(30); // two topics, three partitions each, none empty
    await appendEvents(store, streams, 30);
    await published();
    await projector.start();
    await waitUntil('read model caught up', async () => (await versionsApplied(table)) === 30);
    expect(calls).toHaveLength(1);
    expect(new Set(calls[0])).toEqual(new Set(streams));
    await expectEqualToRebuild(table, streams);

    await projector.stop();
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const topic of CATEGORIES.map((c) => topicForCategory(c, { prefix }))) {
        const [{ partitions }] = await admin.fetchOffsets({ groupId: projector.groupId, topics: [topic] });
        const ends = await admin.fetchTopicOffsets(topic);
        expect(partitions.map((p) => [p.partition, p.offset]).sort()).toEqual(ends.map((e) => [e.partition, e.high]).sort());
      }
    } finally {
      await admin.disconnect();
    }
  });

  it('a batch that fails the transaction it shares holds back none of the others: they are applied, it is parked', async () => {
    const { table, projector, published } = await pipeline({ maxAttempts: 2, projectorStarted: false });
    const streams = newStreams(30);
    await appendEvents(store, streams, 30);
    const { events } = await store.append(`key-project-${randomUUID()}`, 'no-stream', [{ type: 'Poison', data: {} }]);
    await appendEvents(store, streams, 30);
    await published();
    await projector.start();
    await waitUntil('others applied', async () => (await versionsApplied(table)) === 60); // 30 streams at version 2
    await waitUntil('poison parked', async () => (await deadLetters(table)).length === 1);
    expect((await deadLetters(table))[0]).toMatchObject({ event_id: events[0].eventId, attempts: 2 });
    await expectEqualToRebuild(table, streams);
  });

  it('fills a version missing on Kafka from the log instead of applying out of order', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}`;
    const table = `rm_${prefix}`;
    await createReadModelTable(db.pool, table);
    const stream = `rectification-order-${randomUUID()}`;
    await appendEvents(store, [stream], 3);
    const [, , third] = await store.readStream(stream);
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic: topicFor(stream, { prefix }),
      messages: [{ key: stream, value: JSON.stringify(toCloudEvent(third, { source: '/t' })) }],
    });
    await producer.disconnect();
    const projector = new KafkaProjector(db.pool, kafka, orderedReadModel(table), { topicPrefix: prefix, categories: CATEGORIES, store });
    running.push(projector);
    await projector.start();
    await waitUntil('stream applied', async () => (await versionsApplied(table)) === 3);
    await expectEqualToRebuild(table, [stream]);
  });
});

describe('KafkaProjector of several handlers', () => {
  /**
   * Two read models on one consumer: `all` of both topics, `projects` of key projects only, each
   * recording the transaction every call of it ran in; `projects` fails on events whose data is sour.
   */
  async function shared(options: { maxAttempts?: number } = {}) {
    const prefix = `t${randomUUID().slice(0, 8)}`;
    const all = `rm_${prefix}_all`;
    const projects = `rm_${prefix}_projects`;
    await Promise.all([createReadModelTable(db.pool, all), createReadModelTable(db.pool, projects)]);
    const checkpoints = new CheckpointStore(db.pool);
    const name = `relay-${prefix}`;
    await checkpoints.compareAndSet(name, 0n, await store.headPosition());
    const calls: Array<{ handler: string; tx: string; streams: string[] }> = [];
    const recorded = (inner: SubscriptionHandler, categories?: string[], refuseSour = false): SubscriptionHandler => ({
      name: inner.name,
      categories,
      async handle(events, tx) {
        const { rows } = await tx.query<{ tx: string }>('SELECT txid_current()::text AS tx');
        calls.push({ handler: inner.name, tx: rows[0].tx, streams: events.map((e) => e.streamId) });
        const sour = refuseSour && events.find((e) => (e.data as { sour?: boolean }).sour);
        if (sour) throw new Error(`${inner.name} refuses ${sour.eventId}`);
        await inner.handle(events, tx);
      },
    });
    const relay = new OutboxRelay(db.pool, store, checkpoints, kafka, { topicPrefix: prefix, source: '/test', name, idleDelayMs: 20 });
    const projector = new KafkaProjector(
      db.pool,
      kafka,
      [recorded(orderedReadModel(all)), recorded(orderedReadModel(projects), ['key-project'], true)],
      { name: 'shared', topicPrefix: prefix, categories: CATEGORIES, store, retryDelayMs: 20, maxAttempts: options.maxAttempts ?? 3 },
    );
    running.push(relay, projector);
    const published = () =>
      waitUntil('relay published', async () => store.hasReached(await checkpoints.get(name), await store.headPosition()));
    relay.start();
    return { prefix, all, projects, projector, calls, published };
  }

  it('fetches each message once and applies it for every handler of its topic in one transaction', async () => {
    const { prefix, all, projects, projector, calls, published } = await shared();
    expect(projector.groupId).toBe(`${prefix}.projector.shared`);
    const streams = streamsInEveryPartition(30);
    await appendEvents(store, streams, 60);
    await published();
    await projector.start();
    await waitUntil(
      'both read models caught up',
      async () => (await versionsApplied(all)) === 60 && (await versionsApplied(projects)) === 30,
    );
    await expectEqualToRebuild(all, streams);
    const projectStreams = streams.filter((s) => s.startsWith('key-project-'));
    expect((await readModelRows(db.pool, projects)).map((r) => r.stream_id).sort()).toEqual(projectStreams.sort());
    expect(projector.appliedCount).toBe(90);
    // The first fetch brings every partition: one transaction, both handlers in it, each its own topics.
    const first = calls.filter((c) => c.tx === calls[0].tx);
    expect(first.map((c) => c.handler).sort()).toEqual([all, projects]);
    expect(first.find((c) => c.handler === projects)?.streams.every((s) => s.startsWith('key-project-'))).toBe(true);
    expect(
      calls.find((c) => c.handler === projects && c.tx !== calls[0].tx && !calls.some((a) => a.handler === all && a.tx === c.tx)),
    ).toBeUndefined();
    await waitUntil('offsets committed', async () => (await projector.handlerLags()).every((l) => l.events === 0));
    expect((await projector.handlerLags()).map((l) => l.name)).toEqual([all, projects]);
    expect(await deadLetters(all)).toEqual([]);
    expect(await deadLetters(projects)).toEqual([]);
  });

  it('a handler that keeps failing an event parks it for itself alone; the other handler applies it and nothing waits', async () => {
    const { all, projects, projector, published } = await shared({ maxAttempts: 2 });
    const streams = newStreams(10);
    await appendEvents(store, streams, 10);
    const sour = `key-project-${randomUUID()}`;
    const { events } = await store.append(sour, 'no-stream', [{ type: 'Opened', data: { sour: true } }]);
    await appendEvents(store, streams, 10);
    await published();
    await projector.start();
    await waitUntil('all caught up', async () => (await versionsApplied(all)) === 21); // 10 streams at 2, the sour stream at 1
    await waitUntil('sour event parked', async () => (await deadLetters(projects)).length === 1);
    await waitUntil('projects caught up', async () => (await versionsApplied(projects)) === 10); // 5 key projects at 2
    expect((await deadLetters(projects))[0]).toMatchObject({ event_id: events[0].eventId, stream_id: sour, attempts: 2 });
    expect((await deadLetters(projects))[0].error).toContain(`refuses ${events[0].eventId}`);
    expect(await deadLetters(all)).toEqual([]);
    expect((await readModelRows(db.pool, all)).find((r) => r.stream_id === sour)).toMatchObject({ version: 1 });
    expect((await readModelRows(db.pool, projects)).find((r) => r.stream_id === sour)).toBeUndefined();
  });

  it('refuses handlers that begin their transactions differently', () => {
    expect(
      () =>
        new KafkaProjector(db.pool, kafka, [orderedReadModel('a'), { ...orderedReadModel('b'), derivedOnly: true }], {
          name: 'mixed',
          topicPrefix: 'x',
          categories: CATEGORIES,
        }),
    ).toThrow('cannot share a consumer');
  });
});

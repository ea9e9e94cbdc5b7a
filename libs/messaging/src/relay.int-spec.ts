import { randomUUID } from 'node:crypto';
import {
  CheckpointConflict,
  CheckpointStore,
  CreateEventStore1764300000000,
  PostgresEventStore,
  type ReadAllOptions,
  type StoredEvent,
} from '@app/event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { testBroker } from '../../../test/kafka/broker';
import {
  appendEvents,
  checkDelivery,
  CATEGORIES,
  newStore,
  newStreams,
  readTopics,
  registry,
  waitUntil,
} from '../../../test/kafka/fixtures';
import { createKafka, topicForCategory, MESSAGING_MIGRATIONS, OutboxRelay, type OutboxRelayOptions } from './index';
import type { Kafka, Producer, ProducerBatch } from 'kafkajs';

jest.setTimeout(120_000);

let db: TestDatabase;
let store: PostgresEventStore;
let checkpoints: CheckpointStore;
let kafka: Kafka;
const relays: OutboxRelay[] = [];

beforeAll(async () => {
  const [database, broker] = await Promise.all([
    createTestDatabase([CreateEventStore1764300000000, ...MESSAGING_MIGRATIONS]),
    testBroker(),
  ]);
  db = database;
  store = newStore(db.pool);
  checkpoints = new CheckpointStore(db.pool);
  kafka = createKafka({ brokers: broker.brokers, clientId: 'relay-test', topicPrefix: 'unused', categories: CATEGORIES, partitions: 3 });
});
afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.stop()));
});
afterAll(() => db.drop());

/** Each test publishes under its own prefix and checkpoint name, so tests never see each other's messages. */
function scope() {
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const topics = CATEGORIES.map((c) => topicForCategory(c, { prefix }));
  return { prefix, topics, name: `relay-${prefix}` };
}

function relay(
  options: Partial<OutboxRelayOptions> & { topicPrefix: string },
  cp: CheckpointStore = checkpoints,
  deps: { store?: PostgresEventStore; kafka?: Kafka } = {},
): OutboxRelay {
  const r = new OutboxRelay(db.pool, deps.store ?? store, cp, deps.kafka ?? kafka, {
    source: '/relay-test',
    batchSize: 100,
    leaseTtlMs: 2000,
    ...options,
  });
  relays.push(r);
  return r;
}

async function logSince(from: bigint) {
  return store.readAll({ after: from, limit: 100_000 });
}

type SendFault = 'refused' | 'ack lost';

/**
 * Watches a relay over a backlog known in advance (`expected`, in log order): its producers' sends
 * (optionally failing the n-th send over all producers: refused before anything is written, or
 * written and then the ack lost; optionally delayed), its reads, and its checkpoint moves, each
 * checked when it happens: a move must continue from the previous one, go forward, and cover only
 * events the broker has acknowledged.
 */
function observe(expected: StoredEvent[], options: { fault?: (n: number) => SendFault | undefined; sendDelayMs?: number } = {}) {
  const index = new Map(expected.map((e, i) => [e.position, i]));
  const acked = new Set<string>();
  const violations: string[] = [];
  const stats = { sends: 0, inFlight: 0, maxInFlight: 0, readsDuringSend: 0, moves: 0 };
  let last: bigint | null = null;

  const watchedKafka = {
    producer: (...args: Parameters<Kafka['producer']>): Producer => {
      const real = kafka.producer(...args);
      const sendBatch = async (batch: ProducerBatch) => {
        const fault = options.fault?.(++stats.sends);
        stats.maxInFlight = Math.max(stats.maxInFlight, ++stats.inFlight);
        try {
          if (fault === 'refused') throw new Error(`send ${stats.sends} refused`);
          const result = await real.sendBatch(batch);
          if (options.sendDelayMs) await new Promise((r) => setTimeout(r, options.sendDelayMs));
          if (fault === 'ack lost') throw new Error(`send ${stats.sends}: ack lost`);
          for (const { messages } of batch.topicMessages ?? [])
            for (const m of messages) acked.add((JSON.parse(String(m.value)) as { id: string }).id);
          return result;
        } finally {
          stats.inFlight--;
        }
      };
      return { ...real, sendBatch };
    },
  } as unknown as Kafka;

  const watchedStore = new (class extends PostgresEventStore {
    override async readAll(o?: ReadAllOptions): Promise<StoredEvent[]> {
      if (stats.inFlight > 0) stats.readsDuringSend++;
      return super.readAll(o);
    }
  })(db.pool, registry);

  const watchedCheckpoints = new (class extends CheckpointStore {
    override async compareAndSet(name: string, from: bigint, to: bigint): Promise<void> {
      const i = index.get(to) ?? -1;
      if (last !== null && from !== last) violations.push(`move ${from} → ${to} does not continue from ${last}`);
      if (i < (last === null ? 0 : (index.get(last) ?? -1))) violations.push(`move ${from} → ${to} goes back or out of the log`);
      const unacked = expected.slice(0, i + 1).filter((e) => !acked.has(e.eventId));
      if (unacked.length) violations.push(`move to ${to} passes ${unacked.length} unacknowledged events`);
      await super.compareAndSet(name, from, to);
      stats.moves++;
      last = to;
    }
  })(db.pool);

  return { kafka: watchedKafka, store: watchedStore, checkpoints: watchedCheckpoints, acked, violations, stats };
}

describe('OutboxRelay', () => {
  it('publishes every event as CloudEvents to its aggregate topic, keyed by stream id, and moves the checkpoint', async () => {
    const { prefix, topics, name } = scope();
    const start = await store.headPosition();
    await checkpoints.compareAndSet(name, 0n, start);
    await appendEvents(store, newStreams(20), 300);
    const expected = await logSince(start);
    relay({ topicPrefix: prefix, name }).start();
    await waitUntil('relay checkpoint at head', async () => (await checkpoints.get(name)) === expected[expected.length - 1].position);

    const received = await readTopics(kafka, topics, (all) => all.length >= expected.length);
    expect(checkDelivery(received, expected)).toEqual({ missing: 0, duplicates: 0, problems: [], unique: expected.length });
    const sample = received.find((r) => r.ce.id === expected[5].eventId)!;
    expect(sample.topic).toBe(
      topicForCategory(expected[5].streamId.startsWith('key-project') ? 'key-project' : 'rectification-order', { prefix }),
    );
    expect(sample.key).toBe(expected[5].streamId);
    expect(sample.ce).toMatchObject({
      specversion: '1.0',
      id: expected[5].eventId,
      type: expected[5].type,
      source: '/relay-test',
      subject: expected[5].streamId,
      streamversion: expected[5].version,
      position: expected[5].position.toString(),
      actor: 'test-user',
      correlationid: expected[5].metadata.correlationId,
    });
  });

  it('re-sends a batch whose checkpoint move was lost after the ack, with the same CloudEvents ids', async () => {
    const { prefix, topics, name } = scope();
    const start = await store.headPosition();
    await checkpoints.compareAndSet(name, 0n, start);
    await appendEvents(store, newStreams(6), 60);
    const expected = await logSince(start);
    // The process "dies" between the broker's ack and the checkpoint write, once.
    let failures = 1;
    const flaky = new (class extends CheckpointStore {
      override async compareAndSet(...args: Parameters<CheckpointStore['compareAndSet']>): Promise<void> {
        if (failures-- > 0) throw new Error('crash after ack');
        return super.compareAndSet(...args);
      }
    })(db.pool);
    const r = relay({ topicPrefix: prefix, name, batchSize: 1000 }, flaky);
    r.start();
    await waitUntil('relay checkpoint at head', async () => (await checkpoints.get(name)) === expected[expected.length - 1].position);
    expect(r.publishedCount).toBe(2 * expected.length);

    const received = await readTopics(kafka, topics, (all) => all.length >= 2 * expected.length);
    expect(checkDelivery(received, expected)).toEqual({ missing: 0, duplicates: expected.length, problems: [], unique: expected.length });
  });

  it('two relays started at once: one is active, per-key order holds and nothing is lost; the standby takes over', async () => {
    const { prefix, topics, name } = scope();
    const start = await store.headPosition();
    await checkpoints.compareAndSet(name, 0n, start);
    const streams = newStreams(10);
    const a = relay({ topicPrefix: prefix, name, batchSize: 20 });
    const b = relay({ topicPrefix: prefix, name, batchSize: 20 });
    a.start();
    b.start();
    const writing = appendEvents(store, streams, 400, 4);
    await waitUntil('one relay active', async () => a.isActive || b.isActive);
    const [active, standby] = a.isActive ? [a, b] : [b, a];
    await writing;
    await waitUntil('some events published', async () => active.publishedCount > 0);
    expect(standby.isActive).toBe(false);
    await active.stop();
    await appendEvents(store, streams, 100, 4);
    const expected = await logSince(start);
    await waitUntil('relay checkpoint at head', async () => (await checkpoints.get(name)) === expected[expected.length - 1].position);
    expect(standby.isActive).toBe(true);
    expect(standby.publishedCount).toBeGreaterThan(0);

    const received = await readTopics(kafka, topics, (all) => checkDelivery(all, expected).missing === 0);
    const check = checkDelivery(received, expected);
    expect(check).toMatchObject({ missing: 0, problems: [], unique: expected.length });
  });

  it('pipelined: reads while a send is in flight, one send at a time; failed sends mid-run lose nothing and the checkpoint never passes an unacknowledged event', async () => {
    const { prefix, topics, name } = scope();
    const start = await store.headPosition();
    await checkpoints.compareAndSet(name, 0n, start);
    await appendEvents(store, newStreams(20), 1000);
    const expected = await logSince(start);
    // 20 batches of 50: the 4th send is refused, the 9th is written but its ack lost, the 10th refused.
    const faults: Record<number, SendFault> = { 4: 'refused', 9: 'ack lost', 10: 'refused' };
    const w = observe(expected, { fault: (n) => faults[n] });
    const r = relay({ topicPrefix: prefix, name, batchSize: 50, maxBackoffMs: 200 }, w.checkpoints, w);
    r.start();
    await waitUntil('relay checkpoint at head', async () => (await checkpoints.get(name)) === expected[expected.length - 1].position);
    await r.stop();

    expect(w.violations).toEqual([]);
    expect(w.stats.maxInFlight).toBe(1);
    expect(w.stats.readsDuringSend).toBeGreaterThan(10);
    expect(w.stats.sends).toBe(expected.length / 50 + 3); // each failed send is repeated once, nothing else
    expect(w.acked.size).toBe(expected.length);
    const received = await readTopics(kafka, topics, (all) => checkDelivery(all, expected).missing === 0);
    const check = checkDelivery(received, expected);
    expect(check).toMatchObject({ missing: 0, problems: [], unique: expected.length });
    expect(check.duplicates).toBeGreaterThanOrEqual(50); // the batch whose ack was lost, at least
  });

  it('a checkpoint conflict mid-pipeline: the relay re-reads the checkpoint and goes on from there, losing nothing', async () => {
    const { prefix, topics, name } = scope();
    const start = await store.headPosition();
    await checkpoints.compareAndSet(name, 0n, start);
    await appendEvents(store, newStreams(10), 500);
    const expected = await logSince(start);
    const w = observe(expected);
    // The 3rd move finds the checkpoint moved by someone else (here: not moved at all, which the relay cannot tell apart).
    let moves = 0;
    const conflicting = new (class extends CheckpointStore {
      override async compareAndSet(n: string, from: bigint, to: bigint): Promise<void> {
        if (++moves === 3) throw new CheckpointConflict(n, from, null);
        return w.checkpoints.compareAndSet(n, from, to);
      }
    })(db.pool);
    const r = relay({ topicPrefix: prefix, name, batchSize: 50 }, conflicting, w);
    r.start();
    await waitUntil('relay checkpoint at head', async () => (await checkpoints.get(name)) === expected[expected.length - 1].position);
    await r.stop();

    expect(w.violations).toEqual([]);
    expect(w.stats.maxInFlight).toBe(1);
    const received = await readTopics(kafka, topics, (all) => checkDelivery(all, expected).missing === 0);
    const check = checkDelivery(received, expected);
    expect(check).toMatchObject({ missing: 0, problems: [], unique: expected.length });
    expect(check.duplicates).toBeGreaterThanOrEqual(50); // the batch that was not checkpointed went again
  });

  it('stop() mid-backlog waits for the batch in flight and checkpoints it: the next relay goes on without a duplicate', async () => {
    const { prefix, topics, name } = scope();
    const start = await store.headPosition();
    await checkpoints.compareAndSet(name, 0n, start);
    await appendEvents(store, newStreams(20), 2000);
    const expected = await logSince(start);
    const w = observe(expected, { sendDelayMs: 30 });
    const first = relay({ topicPrefix: prefix, name, batchSize: 50 }, w.checkpoints, w);
    first.start();
    await waitUntil('first relay part-way', async () => first.publishedCount >= 300, 60_000, 5);
    await first.stop();
    expect(w.stats.inFlight).toBe(0);
    const atStop = await checkpoints.get(name);
    expect(expected.findIndex((e) => e.position === atStop) + 1).toBe(w.acked.size);
    expect(w.acked.size).toBe(first.publishedCount);
    expect(w.acked.size).toBeLessThan(expected.length);

    relay({ topicPrefix: prefix, name, batchSize: 50 }, w.checkpoints, w).start();
    await waitUntil(
      'second relay checkpoint at head',
      async () => (await checkpoints.get(name)) === expected[expected.length - 1].position,
    );
    expect(w.violations).toEqual([]);
    const received = await readTopics(kafka, topics, (all) => all.length >= expected.length);
    expect(checkDelivery(received, expected)).toEqual({ missing: 0, duplicates: 0, problems: [], unique: expected.length });
  });
});

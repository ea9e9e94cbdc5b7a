import { randomUUID } from 'node:crypto';
import { CheckpointStore, CreateEventStore1764300000000, type PostgresEventStore } from '@app/event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { testBroker } from '../../../test/kafka/broker';
import { holdingStore } from '../../../test/support/holding-store';
import { appendEvents, checkDelivery, CATEGORIES, newStore, newStreams, readTopics, waitUntil } from '../../../test/kafka/fixtures';
import { createKafka, ensureTopics, topicForCategory, MESSAGING_MIGRATIONS, OutboxRelay, type OutboxRelayOptions } from './index';
import type { Kafka } from 'kafkajs';

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

function relay(options: Partial<OutboxRelayOptions> & { topicPrefix: string }, cp: CheckpointStore = checkpoints): OutboxRelay {
  const r = new OutboxRelay(db.pool, store, cp, kafka, { source: '/relay-test', batchSize: 100, leaseTtlMs: 2000, ...options });
  relays.push(r);
  return r;
}

async function logSince(from: bigint) {
  return store.readAll({ after: from, limit: 100_000 });
}

describe('OutboxRelay', () => {
  it('publishes every event as CloudEvents to its aggregate topic, keyed by stream id, and moves the checkpoint', async () => {
    const { prefix, topics, name } = scope();
    await ensureTopics(kafka, topics, 3); // exact copies are counted below: no first send may meet NOT_LEADER
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

  it('a poke that arrives while a read is finding nothing is not lost: the relay reads again instead of idling', async () => {
    const { prefix, name } = scope();
    await checkpoints.compareAndSet(name, 0n, await store.headPosition());
    const slow = holdingStore(store, 'readAllJson');
    // Idles for a minute between polls: only a poke can make it read again within this test's time.
    const r = new OutboxRelay(db.pool, slow.store, checkpoints, kafka, {
      source: '/relay-test',
      topicPrefix: prefix,
      name,
      idleDelayMs: 60_000,
    });
    relays.push(r);
    r.start();
    await slow.held;
    await appendEvents(store, newStreams(1), 1); // committed while that read is on its way back
    r.poke();
    const before = slow.reads();
    slow.release();
    // It reads again at once (whether that read sees the event yet depends on other transactions in
    // flight on the server: the log is read gap-safely, so the test counts reads).
    await waitUntil('another read', async () => slow.reads() > before, 10_000, 10);
  });

  it('re-sends a batch whose checkpoint move was lost after the ack, with the same CloudEvents ids', async () => {
    const { prefix, topics, name } = scope();
    await ensureTopics(kafka, topics, 3); // exact copies are counted below: no first send may meet NOT_LEADER
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
    // The product's lease ttl (10 s), not the 2 s of the other tests: this test is about the hand-over
    // at stop (release, at once). With 2 s, a loaded machine that delays one renewal past the ttl lets
    // the standby take the row by design (the ttl fallback), and "the standby is idle" no longer holds.
    const a = relay({ topicPrefix: prefix, name, batchSize: 20, leaseTtlMs: 10_000 });
    const b = relay({ topicPrefix: prefix, name, batchSize: 20, leaseTtlMs: 10_000 });
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
});

/*
 * Two figures of the Kafka backbone on this machine, against the real broker and PostgreSQL:
 *   1. relay throughput: events/s from the log to Kafka (acks = all), for a 20,000-event backlog;
 *   2. append → read model: delay from an append's return until a KafkaProjector handler has the
 *      event (just before its transaction commits), p50/p99 over paced single-event appends.
 *
 *   node -r ./test/kafka/register.js libs/messaging/bench/relay.bench.ts
 *
 * Uses DATABASE_URL when set, else an embedded PostgreSQL in .data/bench-pg; KAFKA_BROKERS when set,
 * else the test broker of deploy/kafka on 127.0.0.1:19092.
 */
import { randomUUID } from 'node:crypto';
import { CheckpointStore, CreateEventStore1764300000000 } from '@app/event-store';
import { EmbeddedPostgres } from '@app/platform';
import { createKafka, KafkaProjector, MESSAGING_MIGRATIONS, OutboxRelay } from '@app/messaging';
import { testBroker } from '../../../test/kafka/broker';
import { createTestDatabase } from '../../../test/support/database';
import { appendEvents, CATEGORIES, newStore, newStreams, waitUntil } from '../../../test/kafka/fixtures';

const BACKLOG = Number(process.env.BENCH_EVENTS ?? 20_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 500);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  let embedded: EmbeddedPostgres | null = null;
  if (!process.env.DATABASE_URL) {
    embedded = new EmbeddedPostgres({ dataDir: '.data/bench-pg', port: 54338, database: 'bench' });
    process.env.DATABASE_URL = await embedded.start();
  }
  const [db, broker] = await Promise.all([createTestDatabase([CreateEventStore1764300000000, ...MESSAGING_MIGRATIONS], 30), testBroker()]);
  const kafka = createKafka({ brokers: broker.brokers, clientId: 'bench', topicPrefix: 'unused', categories: CATEGORIES, partitions: 3 });
  const store = newStore(db.pool);
  const checkpoints = new CheckpointStore(db.pool);
  try {
    // 1. Throughput over a backlog.
    const prefix = `bench${randomUUID().slice(0, 8)}`;
    await appendEvents(store, newStreams(200), BACKLOG, 16);
    const relay = new OutboxRelay(db.pool, store, checkpoints, kafka, {
      topicPrefix: prefix,
      source: '/bench',
      name: 'bench-relay',
      batchSize: 500,
    });
    const head = await store.headPosition();
    const t0 = performance.now();
    relay.start();
    await waitUntil('relay at head', async () => (await checkpoints.get('bench-relay')) === head, 300_000, 5);
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `relay: ${BACKLOG} events log → Kafka in ${seconds.toFixed(2)} s = ${Math.round(BACKLOG / seconds)} events/s (batch 500, acks all, idempotent)`,
    );

    // 2. Latency, paced appends; the app pokes the relay after each append (CommandExecutor → SubscriptionHost.poke).
    const seen = new Map<string, number>();
    const projector = new KafkaProjector(
      db.pool,
      kafka,
      {
        name: 'bench-latency',
        async handle(events) {
          const now = performance.now();
          for (const e of events) seen.set(e.eventId, now);
        },
      },
      { topicPrefix: prefix, categories: CATEGORIES, store },
    );
    await projector.start();
    await waitUntil('projector drained the backlog', async () => projector.appliedCount >= BACKLOG, 300_000);
    const streams = newStreams(50);
    const delays: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const eventId = randomUUID();
      await store.append(streams[i % streams.length], 'any', [{ type: 'Progressed', eventId, data: { i } }]);
      const appended = performance.now();
      relay.poke();
      await waitUntil('event in read model', async () => seen.has(eventId), 30_000, 1);
      delays.push(seen.get(eventId)! - appended);
      await new Promise((r) => setTimeout(r, 10));
    }
    delays.sort((a, b) => a - b);
    console.log(
      `append → read model via Kafka (${SAMPLES} paced appends): p50 ${percentile(delays, 50).toFixed(1)} ms, p99 ${percentile(delays, 99).toFixed(1)} ms, max ${delays[delays.length - 1].toFixed(1)} ms`,
    );
    await Promise.all([relay.stop(), projector.stop()]);
  } finally {
    await db.drop();
    await embedded?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

import { Pool } from 'pg';
import { CheckpointStore } from '@app/event-store';
import { createKafka, OutboxRelay } from '@app/messaging';
import { CATEGORIES, stderrLogger, newStore } from './fixtures';

/** A relay in its own process, for the SIGKILL and failover tests; prints its status as JSON lines. */
const env = process.env as Record<string, string>;
const pool = new Pool({ connectionString: env.DATABASE_URL, max: 4 });
const kafka = createKafka({
  brokers: env.KAFKA_BROKERS,
  clientId: 'relay-child',
  topicPrefix: env.TOPIC_PREFIX,
  categories: CATEGORIES,
  partitions: 3,
  logger: stderrLogger,
});
const relay = new OutboxRelay(pool, newStore(pool), new CheckpointStore(pool), kafka, {
  topicPrefix: env.TOPIC_PREFIX,
  source: '/relay-child',
  name: env.RELAY_NAME,
  batchSize: Number(env.BATCH_SIZE ?? 100),
  leaseTtlMs: Number(env.LEASE_TTL_MS ?? 2000),
  idleDelayMs: 20,
  logger: stderrLogger,
});
relay.start();
const startedAfterMs = Math.round(process.uptime() * 1000);
const report = setInterval(
  () => console.log(JSON.stringify({ active: relay.isActive, published: relay.publishedCount, startedAfterMs })),
  20,
);
process.on('SIGTERM', () => {
  clearInterval(report);
  void relay
    .stop()
    .then(() => pool.end())
    .then(() => process.exit(0));
});

import { Pool } from 'pg';
import { createKafka, KafkaProjector } from '@app/messaging';
import { CATEGORIES, stderrLogger, newStore, orderedReadModel } from './fixtures';

/** A Kafka projector in its own process, for the SIGKILL test; prints its status as JSON lines. */
const env = process.env as Record<string, string>;
const pool = new Pool({ connectionString: env.DATABASE_URL, max: 4 });
const kafka = createKafka({
  brokers: env.KAFKA_BROKERS,
  clientId: 'projector-child',
  topicPrefix: env.TOPIC_PREFIX,
  categories: CATEGORIES,
  partitions: 3,
  logger: stderrLogger,
});
const projector = new KafkaProjector(pool, kafka, orderedReadModel(env.TABLE, env.TABLE, { delayMs: Number(env.DELAY_MS ?? 0) }), {
  topicPrefix: env.TOPIC_PREFIX,
  categories: CATEGORIES,
  store: newStore(pool),
  logger: stderrLogger,
});
const report = setInterval(() => console.log(JSON.stringify({ applied: projector.appliedCount })), 20);
void projector.start().then(() => console.log(JSON.stringify({ started: true })));
process.on('SIGTERM', () => {
  clearInterval(report);
  void projector
    .stop()
    .then(() => pool.end())
    .then(() => process.exit(0));
});

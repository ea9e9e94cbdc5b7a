import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import {
  CheckpointStore,
  EventTypeRegistry,
  PostgresEventStore,
  SubscriptionRunner,
  type PgPool,
  type Queryable,
  type SubscriptionHandler,
} from '@app/event-store';
import { fromCloudEvent, type CloudEvent, type MessagingLogger } from '@app/messaging';

export const registry = new EventTypeRegistry().register('Opened', 'Progressed', 'Poison');

export const CATEGORIES = ['key-project', 'rectification-order'];

/**
 * A read model that notices order: one row per stream whose version must grow by exactly one per
 * event (it throws otherwise), and the list of event ids in the order they were applied.
 */
export function orderedReadModel(table: string, name = table, options: { delayMs?: number } = {}): SubscriptionHandler {
  return {
    name,
    async handle(events, tx) {
      for (const e of events) {
        if (e.type === 'Poison') throw new Error(`poison event ${e.eventId}`);
        if (options.delayMs) await tx.query(`SELECT pg_sleep($1)`, [options.delayMs / 1000]);
        const { rowCount } =
          e.version === 1
            ? await tx.query(
                `INSERT INTO ${table} (stream_id, version, event_ids) VALUES ($1, 1, ARRAY[$2::uuid]) ON CONFLICT DO NOTHING`,
                [e.streamId, e.eventId],
              )
            : await tx.query(
                `UPDATE ${table} SET version = $2, event_ids = event_ids || $3::uuid WHERE stream_id = $1 AND version = $2 - 1`,
                [e.streamId, e.version, e.eventId],
              );
        if (rowCount !== 1) throw new Error(`${name}: ${e.streamId} v${e.version} applied out of order`);
      }
    },
  };
}

export async function createReadModelTable(db: Queryable, table: string): Promise<void> {
  await db.query(`CREATE TABLE IF NOT EXISTS ${table} (stream_id text PRIMARY KEY, version int NOT NULL, event_ids uuid[] NOT NULL)`);
}

export async function readModelRows(
  db: Queryable,
  table: string,
): Promise<Array<{ stream_id: string; version: number; event_ids: string[] }>> {
  return (await db.query(`SELECT stream_id, version, event_ids FROM ${table} ORDER BY stream_id`)).rows;
}

/** The same read model rebuilt straight from the log (gap-safe readAll), for comparison. */
export async function rebuildFromLog(pool: PgPool, store: PostgresEventStore, table: string): Promise<void> {
  await createReadModelTable(pool, table);
  await pool.query(`TRUNCATE ${table}`);
  const name = `rebuild-${table}-${randomUUID().slice(0, 8)}`;
  const handler = orderedReadModel(table, name);
  // Poison events are parked by the Kafka projector, so the reference skips them.
  const runner = new SubscriptionRunner(pool, store, new CheckpointStore(pool), {
    name,
    categories: CATEGORIES,
    handle: (events, tx) =>
      handler.handle(
        events.filter((e) => e.type !== 'Poison'),
        tx,
      ),
  });
  await runner.catchUp();
}

export function newStreams(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${CATEGORIES[i % 2]}-${randomUUID()}`);
}

/** Appends `count` events round-robin over `streams` (a "command" each), `concurrency` at a time. */
export async function appendEvents(store: PostgresEventStore, streams: string[], count: number, concurrency = 8): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const stream = streams[i % streams.length];
      await store.append(stream, 'any', [{ type: i < streams.length ? 'Opened' : 'Progressed', data: { i } }], {
        actor: { userId: 'test-user', displayName: '测试' },
        correlationId: randomUUID(),
      });
    }
  };
  // 'any' keeps each stream's versions contiguous while streams are written concurrently.
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export interface Received {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  ce: CloudEvent;
}

/**
 * Everything on `topics` from the beginning, read by a throw-away consumer group until `done`
 * holds or the deadline passes (then the caller's assertions say what is missing).
 */
export async function readTopics(
  kafka: Kafka,
  topics: string[],
  done: (all: Received[]) => boolean,
  timeoutMs = 60_000,
): Promise<Received[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}`, maxWaitTimeInMs: 200 });
  const received: Received[] = [];
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  const timer = setTimeout(finish, timeoutMs);
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          received.push({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key?.toString() ?? '',
            ce: JSON.parse(m.value?.toString() ?? 'null') as CloudEvent,
          });
        }
        if (done(received)) finish();
      },
    });
    if (done(received)) finish();
    await finished;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return received;
}

/**
 * What the tests demand of a topic's content: every event of the log is there; per key, the first
 * copy of each version comes in stream order; a repeated copy carries the same CloudEvents id.
 */
export function checkDelivery(received: Received[], expected: Array<{ eventId: string; streamId: string; version: number }>) {
  const firstSeen = new Map<string, Received>();
  const idOf = new Map<string, string>();
  const problems: string[] = [];
  const byPartition = new Map<string, Received[]>();
  for (const r of received) {
    const k = `${r.topic}/${r.partition}`;
    if (!byPartition.has(k)) byPartition.set(k, []);
    byPartition.get(k)!.push(r);
  }
  const lastVersion = new Map<string, number>();
  let duplicates = 0;
  for (const list of byPartition.values()) {
    list.sort((a, b) => Number(BigInt(a.offset) - BigInt(b.offset)));
    for (const r of list) {
      const e = fromCloudEvent(JSON.stringify(r.ce));
      if (r.key !== e.streamId) problems.push(`key ${r.key} != subject ${e.streamId}`);
      const slot = `${e.streamId}@${e.version}`;
      if (idOf.has(slot)) {
        duplicates++;
        if (idOf.get(slot) !== e.eventId) problems.push(`${slot} delivered with two ids`);
        continue;
      }
      idOf.set(slot, e.eventId);
      firstSeen.set(e.eventId, r);
      const prev = lastVersion.get(e.streamId) ?? 0;
      if (e.version !== prev + 1) problems.push(`${e.streamId}: v${e.version} first seen after v${prev}`);
      lastVersion.set(e.streamId, Math.max(prev, e.version));
    }
  }
  const missing = expected.filter((e) => !firstSeen.has(e.eventId)).length;
  return { missing, duplicates, problems: problems.slice(0, 10), unique: firstSeen.size };
}

export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 60_000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function newStore(pool: PgPool): PostgresEventStore {
  return new PostgresEventStore(pool, registry);
}

/** For child processes: one line per entry on stderr, which the parent prints when a test fails. */
export const stderrLogger: MessagingLogger = {
  log: (message, context) => process.stderr.write(`${new Date().toISOString()} INFO ${message} ${JSON.stringify(context ?? {})}\n`),
  warn: (message, context) => process.stderr.write(`${new Date().toISOString()} WARN ${message} ${JSON.stringify(context ?? {})}\n`),
  error: (message, context) => process.stderr.write(`${new Date().toISOString()} ERROR ${message} ${JSON.stringify(context ?? {})}\n`),
};

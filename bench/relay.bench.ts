import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { promisify } from 'node:util';
import type { Admin, Kafka } from 'kafkajs';
import { signToken } from '@app/auth';
import {
  CheckpointStore,
  CreateEventStore1764300000000,
  PostgresEventStore,
  SubscriptionRegistry,
  type PgPool,
  type StoredEventJson,
  type SubscriptionHandler,
} from '@app/event-store';
import {
  createKafka,
  DEFAULT_CATEGORIES,
  ensureTopics,
  MESSAGING_MIGRATIONS,
  OutboxRelay,
  projectorGroups,
  RELAY_PRODUCER_CONFIG,
  relayMessagesJson,
  topicForCategory,
} from '@app/messaging';
import { createApp } from '../apps/api/src/bootstrap';
import { MIGRATIONS } from '../apps/api/src/migrations';
import { generateOrders, orderRegistry } from './fixtures';
import type { FreshnessJob, FreshnessResult } from './freshness-load';
import { startBenchBroker } from './kafka';
import { median, openBenchDatabase, percentile, printTable, startWorkerProcess, type Sample } from './lib';

/**
 * Issue 6, part 4: the relay to Kafka, each figure beside its baseline in the same run.
 *   1. Throughput: the OutboxRelay draining a backlog from the log to Kafka against raw kafkajs
 *      sending the very same messages (built by the relay's own code, sent with the relay's producer
 *      settings and batch size, each batch awaited). Target 0.8 ×.
 *   2. Freshness: command acknowledged over HTTP → read model row committed, at a steady open-loop
 *      rate, with the app in Kafka mode (relay → Kafka → KafkaProjector) against the same app in log
 *      mode (in-process SubscriptionRunner). Target p99 < 1 s in Kafka mode.
 * Alternating rounds, medians. The broker is a dedicated deploy/kafka one unless KAFKA_BROKERS is set.
 */
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const PARTS = (process.env.BENCH_PARTS ?? 'throughput,freshness').split(',');
/**
 * Freshness sides, the first being the baseline: `log` (one process, the read models fed from the
 * log, as `npm start` runs), `kafka` (one process, relay → Kafka → consumer groups), `kafka-split`
 * (the production layout: the API here with RUN_WORKER=false, `start:worker` in a second process).
 */
const SIDES = (process.env.BENCH_SIDES ?? 'log,kafka,kafka-split').split(',') as SideName[];
type SideName = 'log' | 'kafka' | 'kafka-split';
const SIDE_SETUP: Record<SideName, { mode: Mode; split: boolean; label: string }> = {
  log: { mode: 'log', split: false, label: 'log mode, one process (in-process runners)' },
  kafka: { mode: 'kafka', split: false, label: 'Kafka mode, one process' },
  'kafka-split': { mode: 'kafka', split: true, label: 'Kafka mode, API + worker processes' },
};
const ROUNDS = env('BENCH_ROUNDS', 3);
const EVENTS = env('BENCH_RELAY_EVENTS', 20_000);
const STREAMS = env('BENCH_RELAY_STREAMS', 200);
const BATCH = env('BENCH_RELAY_BATCH', 500);
const RATE = env('BENCH_RATE', 500);
const SECONDS = env('BENCH_SECONDS', 30);
const WARMUP_SECONDS = env('BENCH_WARMUP_SECONDS', 3);
const ORDERS = env('BENCH_ORDERS', 500);
const PARTITIONS = 3;
const SOURCE = '/mdj-eco-workflow';
const SECRET = 'bench-secret-bench-secret-bench-secret-000000';
const CATEGORY = 'rectification-order';

const exec = promisify(execFile);
const now = () => performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tag = () => randomUUID().slice(0, 8);

async function main(): Promise<void> {
  // The app is created once per freshness round: print each process warning once, not once per app.
  const warned = new Set<string>();
  process.removeAllListeners('warning');
  process.on('warning', (w: Error & { code?: string }) => {
    const key = w.code ?? w.message;
    if (!warned.has(key)) console.warn(`(warning) ${w.name}: ${w.message}`);
    warned.add(key);
  });
  const broker = await startBenchBroker();
  const server = process.env.DATABASE_URL;
  try {
    console.log(
      `machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
        `load average ${loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}; Node.js ${process.version}`,
    );
    console.log(
      `Kafka: ${broker.brokers} (${broker.managed ? `${broker.version}, started for this run` : 'KAFKA_BROKERS'}), ${PARTITIONS} partitions`,
    );
    const kafka = createKafka({
      brokers: broker.brokers,
      clientId: 'bench',
      topicPrefix: 'unused',
      categories: [CATEGORY],
      partitions: PARTITIONS,
    });
    if (PARTS.includes('throughput')) await relayThroughput(kafka);
    if (PARTS.includes('freshness')) await freshness(kafka, broker.brokers);
  } finally {
    if (server === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = server;
    await broker.stop();
  }
}

async function serverVersion(pool: PgPool): Promise<string> {
  const { rows } = await pool.query<{ server_version: string }>('SHOW server_version');
  return `PostgreSQL ${rows[0].server_version} (${process.env.DATABASE_URL ? 'server of DATABASE_URL' : 'embedded'})`;
}

// ---------------------------------------------------------------------------------------------
// 1. Throughput

async function relayThroughput(kafka: Kafka): Promise<void> {
  const db = await openBenchDatabase([CreateEventStore1764300000000, ...MESSAGING_MIGRATIONS], 10);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const reports = Math.max(0, Math.round(EVENTS / STREAMS) - 3);
    const written = await generateOrders(db.pool, STREAMS, reports);
    console.log(await serverVersion(db.pool));
    const store = new PostgresEventStore(db.pool, orderRegistry());
    const checkpoints = new CheckpointStore(db.pool);
    // The relay's batches, read as the relay reads them: it too reads BATCH events at a time after its checkpoint.
    const batches: StoredEventJson[][] = [];
    for (let after = 0n; ;) {
      const batch = await store.readAllJson({ after, limit: BATCH });
      if (batch.length === 0) break;
      batches.push(batch);
      after = BigInt(batch[batch.length - 1].position);
    }

    const topicOf = (prefix: string) => topicForCategory(CATEGORY, { prefix });
    /** Runs one side into fresh topics; checks that exactly `written` messages landed, then deletes them. */
    const inFreshTopic = async (side: 'raw' | 'relay', run: (prefix: string) => Promise<Sample>): Promise<Sample> => {
      const prefix = `bench-${side}-${tag()}`;
      await ensureTopics(kafka, [topicOf(prefix)], PARTITIONS); // returns once every leader answers
      const sample = await run(prefix);
      const landed = (await admin.fetchTopicOffsets(topicOf(prefix))).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
      if (landed !== written) throw new Error(`${side}: ${landed} messages on ${topicOf(prefix)}, expected ${written}`);
      await admin.deleteTopics({ topics: [topicOf(prefix)] });
      return sample;
    };

    const raw = () =>
      inFreshTopic('raw', async (prefix) => {
        const messages = batches.map((b) => relayMessagesJson(b, { topicPrefix: prefix, source: SOURCE }));
        const perBatch: number[] = [];
        const t0 = now();
        const producer = kafka.producer(RELAY_PRODUCER_CONFIG);
        await producer.connect();
        for (const topicMessages of messages) {
          const t = now();
          await producer.sendBatch({ topicMessages, acks: -1 });
          perBatch.push(now() - t);
        }
        const seconds = (now() - t0) / 1000;
        await producer.disconnect();
        return sampleOf(written, seconds, perBatch);
      });

    // The relay's own batch step (what its loop runs back to back while there is a backlog).
    const relay = () =>
      inFreshTopic('relay', async (prefix) => {
        const outbox = new OutboxRelay(db.pool, store, checkpoints, kafka, {
          topicPrefix: prefix,
          source: SOURCE,
          name: `bench-relay-${prefix}`,
          batchSize: BATCH,
        });
        const perBatch: number[] = [];
        const t0 = now();
        for (;;) {
          const t = now();
          if ((await outbox.runOnce()) === 0) break;
          perBatch.push(now() - t);
        }
        // Up to the call that found nothing more: it waits for the last batch's checkpoint move.
        const t1 = now();
        await outbox.stop();
        if (outbox.publishedCount !== written) throw new Error(`relay published ${outbox.publishedCount} of ${written}`);
        return sampleOf(written, (t1 - t0) / 1000, perBatch);
      });

    console.log(
      `\nrelay throughput: ${written} events (${STREAMS} orders, avg ${Math.round(
        batches.flat().reduce((n, e) => n + JSON.stringify(JSON.parse(e.dataJson)).length, 0) / written,
      )} B of data each) log → Kafka, batches of ${BATCH}, acks all, 1 in flight, no in-send retry, no compression; ` +
        `1 warm-up + ${ROUNDS} rounds alternating the side that goes first`,
    );
    await raw();
    await relay();
    const samples = { raw: [] as Sample[], relay: [] as Sample[] };
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? (['raw', 'relay'] as const) : (['relay', 'raw'] as const);
      for (const side of order) {
        const s = side === 'raw' ? await raw() : await relay();
        samples[side].push(s);
        console.log(`  round ${r + 1} ${side.padEnd(5)} ${s.perSecond.toFixed(0).padStart(7)} events/s`);
      }
    }
    printTable(`relay throughput (p50/p99 = one batch of ${BATCH}: read + send + checkpoint for the relay, send for raw)`, 'events/s', [
      { name: 'baseline: raw kafkajs sendBatch, same messages', samples: samples.raw },
      { name: 'OutboxRelay (readAllJson → sendBatch → checkpoint)', samples: samples.relay },
    ]);
    console.log(`target: relay ≥ 0.8 × raw kafkajs`);
  } finally {
    await admin.disconnect();
    await db.drop();
  }
}

function sampleOf(events: number, seconds: number, perBatch: number[]): Sample {
  const sorted = [...perBatch].sort((a, b) => a - b);
  return { perSecond: events / seconds, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

// ---------------------------------------------------------------------------------------------
// 2. Freshness

type Mode = 'log' | 'kafka';

/** Every commit of an order's read-model row, as `id:version` on channel bench_fresh (bench database only). */
const FRESHNESS_TRIGGER = `
  CREATE FUNCTION public.bench_fresh_notify() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_notify('bench_fresh', NEW.id::text || ':' || NEW.version);
    RETURN NULL;
  END $$;
  CREATE TRIGGER bench_fresh AFTER INSERT OR UPDATE ON read_models.rectification_orders
    FOR EACH ROW EXECUTE FUNCTION public.bench_fresh_notify();`;

/** Orders whose read-model row is missing or behind their stream. */
const ORDERS_BEHIND = `
  SELECT count(*)::int AS behind
  FROM (SELECT stream_id, max(version) AS v FROM event_store.events WHERE stream_id LIKE 'rectification-order-%' GROUP BY stream_id) e
  LEFT JOIN read_models.rectification_orders r ON e.stream_id = 'rectification-order-' || r.id
  WHERE r.version IS NULL OR r.version < e.v`;

async function freshness(kafka: Kafka, brokers: string): Promise<void> {
  const db = await openBenchDatabase(MIGRATIONS, 40);
  await db.pool.query(FRESHNESS_TRIGGER);
  if (!PARTS.includes('throughput')) console.log(await serverVersion(db.pool));
  const topicPrefix = `benchfresh-${tag()}`; // consumer groups and topics of earlier runs must not apply
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    JWT_SECRET: SECRET,
    PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    SEED_PLAN: 'false',
    SEED_SAMPLES: 'false',
    LOG_LEVEL: 'error',
    DB_POOL_SIZE: '40',
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_TOPIC_PARTITIONS: String(PARTITIONS),
    // 500 commands a second from one user: the API's rate limits (600 a minute) would answer 429.
    RATE_LIMIT_USER_PER_MINUTE: '0',
    RATE_LIMIT_IP_PER_MINUTE: '0',
  });
  const office = await signToken(SECRET, {
    userId: 'bench-office',
    displayName: '督察整改办',
    roles: ['supervision-office'],
    department: 'supervision-office',
  });
  const lead = await signToken(SECRET, {
    userId: 'bench-lead',
    displayName: '市生态环境局',
    roles: ['project-lead'],
    department: 'city-eco-env-bureau',
  });
  const admin = kafka.admin();
  await admin.connect();
  const sides = SIDES.map((name) => ({ name, ...SIDE_SETUP[name], results: [] as FreshnessResult[] }));
  console.log(
    `\nfreshness: "report progress" acknowledged over HTTP → read_models.rectification_orders row committed at that version; ` +
      `open loop at ${RATE} commands/s for ${SECONDS} s (first ${WARMUP_SECONDS} s not counted) over ${ORDERS} orders seeded for the round, ` +
      `load generator and LISTEN client in a child process; ${ROUNDS} rounds, the sides' order rotating`,
  );
  try {
    for (let r = 0; r < ROUNDS; r++) {
      for (let i = 0; i < sides.length; i++) {
        const side = sides[(i + r) % sides.length];
        if (side.mode === 'kafka') process.env.KAFKA_BROKERS = brokers;
        else delete process.env.KAFKA_BROKERS;
        process.env.RUN_WORKER = String(!side.split);
        const worker = side.split ? await startWorkerProcess() : null;
        const app = await createApp({ quiet: true });
        try {
          await app.listen({ port: 0, host: '127.0.0.1' });
          const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
          // Fresh orders per round: an order's state (and its read-model row) grows with every report.
          const orderIds = await seedOrders(url, office, lead, `R${r + 1}-${side.name}`);
          const handlers = app.get(SubscriptionRegistry).all();
          await waitCaughtUp(db.pool, side.mode === 'kafka' ? { admin, topicPrefix, handlers } : null);
          const job: FreshnessJob = {
            url,
            token: lead,
            orderIds,
            body: JSON.stringify({ summary: '已完成污水管网铺设 3.2 公里，处理站主体完工。', percentComplete: 60 }),
            rate: RATE,
            seconds: SECONDS,
            warmupSeconds: WARMUP_SECONDS,
            databaseUrl: db.url,
            graceMs: 15_000,
            maxSockets: 256,
          };
          const busy = performance.eventLoopUtilization();
          const { stdout } = await exec(process.execPath, [`${__dirname}/freshness-load.js`, JSON.stringify(job)], { maxBuffer: 1 << 24 });
          const loop = performance.eventLoopUtilization(busy).utilization;
          const result = JSON.parse(stdout) as FreshnessResult;
          side.results.push(result);
          console.log(
            `  round ${r + 1} ${side.name.padEnd(11)} sent ${result.sentPerSecond.toFixed(0)}/s, acked ${result.acked}, failed ${result.failed}, ` +
              `fresh p50 ${result.freshP50.toFixed(1)} ms p99 ${result.freshP99.toFixed(1)} ms max ${result.freshMax.toFixed(1)} ms, ` +
              `missing ${result.missing}; this process's event loop ${(loop * 100).toFixed(0)} % busy` +
              `${result.firstFailure ? `; first failure: ${result.firstFailure}` : ''}`,
          );
        } finally {
          await app.close();
          await worker?.stop();
          delete process.env.RUN_WORKER;
        }
      }
    }
  } finally {
    await dropKafkaState(admin, topicPrefix);
    await admin.disconnect();
    await db.drop();
  }
  printFreshness(sides.map((side) => ({ name: side.label, rs: side.results })));
  console.log(`target: Kafka mode p99 < 100 ms at ${RATE} commands/s (issue 18), missing 0`);
}

/** Issues, assigns and starts ORDERS orders over HTTP, 8 at a time; returns their ids. */
async function seedOrders(base: string, office: string, lead: string, label: string): Promise<string[]> {
  const post = async (path: string, token: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = next++; i < ORDERS; i = next++) {
        const { id } = await post('/api/v1/rectification-orders', office, {
          code: `BENCH-${label}-${i}`,
          source: 'CENTRAL_INSPECTION',
          batch: '基准测试',
          finding: '镜泊湖周边生活污水直排',
          target: '完成截污纳管',
          deadlineKind: 'BY_DATE',
          deadline: '2030-12-31',
          measures: [{ measureId: randomUUID(), description: '铺设截污管网', dueDate: '2030-06-30' }],
        });
        await post(`/api/v1/rectification-orders/${id}/assign`, office, {
          leadDepartment: 'city-eco-env-bureau',
          cooperatingDepartments: [],
          acceptanceDepartment: 'city-eco-env-bureau',
        });
        await post(`/api/v1/rectification-orders/${id}/start`, lead, {});
        ids.push(id);
      }
    }),
  );
  return ids;
}

/**
 * Until the orders ledger has every order at its stream's version and, in Kafka mode, every
 * projector's consumer group is stable with no lag: a round starts from a quiet system.
 */
async function waitCaughtUp(pool: PgPool, kafka: KafkaSide | null): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const behind = (await pool.query<{ behind: number }>(ORDERS_BEHIND)).rows[0].behind;
    if (behind === 0 && (!kafka || (await kafkaQuiet(kafka)))) return;
    if (Date.now() > deadline) throw new Error(`not caught up after 180 s (${behind} orders behind in the read model)`);
    await sleep(250);
  }
}

/** Deletes the topics and consumer groups of this run's prefix, so the broker's data does not pile up. */
async function dropKafkaState(admin: Admin, topicPrefix: string): Promise<void> {
  const ours = (name: string) => name.startsWith(`${topicPrefix}.`);
  try {
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter(ours);
    if (groups.length) await admin.deleteGroups(groups);
    const topics = (await admin.listTopics()).filter(ours);
    if (topics.length) await admin.deleteTopics({ topics });
  } catch (error) {
    console.warn(`could not delete Kafka topics/groups of ${topicPrefix}: ${String(error)}`);
  }
}

interface KafkaSide {
  admin: Admin;
  topicPrefix: string;
  handlers: SubscriptionHandler[];
}

async function kafkaQuiet({ admin, topicPrefix, handlers }: KafkaSide): Promise<boolean> {
  const consumers = projectorGroups(handlers, { topicPrefix, categories: DEFAULT_CATEGORIES });
  const { groups } = await admin.describeGroups(consumers.map((c) => c.groupId));
  if (groups.some((g) => g.state !== 'Stable')) return false;
  for (const { groupId, topics } of consumers) {
    const committed = await admin.fetchOffsets({ groupId, topics });
    for (const { topic, partitions } of committed) {
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
      for (const p of partitions) if (Math.max(0, Number(p.offset)) < (ends.get(p.partition) ?? 0)) return false;
    }
  }
  return true;
}

function printFreshness(sides: Array<{ name: string; rs: FreshnessResult[] }>): void {
  const m = (rs: FreshnessResult[], f: (r: FreshnessResult) => number) => median(rs.map(f));
  const base = m(sides[0].rs, (r) => r.freshP99);
  const cols = ['sent/s', 'http p50', 'http p99', 'fresh p50', 'fresh p99', 'fresh max', 'failed', 'missing', 'p99 ×'];
  console.log(`\nfreshness (ms; medians of ${sides[0].rs.length} rounds; failed and missing summed over rounds)`);
  console.log(`${'side'.padEnd(52)} ${cols.map((c) => c.padStart(9)).join(' ')}`);
  for (const { name, rs } of sides) {
    const values = [
      m(rs, (r) => r.sentPerSecond).toFixed(0),
      m(rs, (r) => r.httpP50).toFixed(1),
      m(rs, (r) => r.httpP99).toFixed(1),
      m(rs, (r) => r.freshP50).toFixed(1),
      m(rs, (r) => r.freshP99).toFixed(1),
      m(rs, (r) => r.freshMax).toFixed(1),
      String(rs.reduce((n, r) => n + r.failed, 0)),
      String(rs.reduce((n, r) => n + r.missing, 0)),
      (m(rs, (r) => r.freshP99) / base).toFixed(2),
    ];
    console.log(`${name.padEnd(52)} ${values.map((v) => v.padStart(9)).join(' ')}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { CreateEventStore1764300000000, EventTypeRegistry, PostgresEventStore } from '@app/event-store';
import { EmbeddedPostgres, openDatabase, poolOf } from '@app/platform';

/**
 * Append throughput: one event per command with an expected version, WRITERS concurrent writers over
 * STREAMS streams, against the ceiling (raw `pg` single-row INSERT into an equivalent table with the
 * same unique constraint) on the same PostgreSQL, in alternating rounds. Prints events/s, p50, p99
 * and the ratio. `npm run bench:append` (DATABASE_URL, else an embedded PostgreSQL).
 */
const WRITERS = Number(process.env.BENCH_WRITERS ?? 16);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 2000);
const PER_ROUND = Number(process.env.BENCH_EVENTS ?? 8000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

type Side = (streamIndex: number, version: number) => Promise<void>;

async function run(side: Side): Promise<{ perSecond: number; p50: number; p99: number }> {
  const versions = new Array<number>(STREAMS).fill(0);
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (;;) {
        const i = next++;
        if (i >= PER_ROUND) return;
        // Each writer owns the streams congruent to its index, so expected versions never collide.
        const s = (w + WRITERS * (i % Math.floor(STREAMS / WRITERS))) % STREAMS;
        const t0 = process.hrtime.bigint();
        await side(s, versions[s]);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        versions[s]++;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: PER_ROUND / seconds,
    p50: latencies[Math.floor(latencies.length * 0.5)],
    p99: latencies[Math.floor(latencies.length * 0.99)],
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  let embedded: EmbeddedPostgres | null = null;
  let server = process.env.DATABASE_URL;
  if (!server) {
    embedded = new EmbeddedPostgres({ dataDir: '.data/bench-pg', port: 54331, database: 'bench' });
    server = await embedded.start();
  }
  const dbName = `bench_${Date.now()}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(server);
  url.pathname = `/${dbName}`;
  const dataSource = await openDatabase({ url: url.toString(), migrations: [CreateEventStore1764300000000], poolSize: WRITERS + 4 });
  const pool = poolOf(dataSource);
  const store = new PostgresEventStore(pool, new EventTypeRegistry().register('ProgressReported'));
  await pool.query(`CREATE TABLE ceiling (position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id text NOT NULL,
    version int NOT NULL, event_id uuid NOT NULL UNIQUE, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(), UNIQUE (stream_id, version))`);
  const raw = new Pool({ connectionString: url.toString(), max: WRITERS + 4 });
  const data = { reportId: '', percentComplete: 40, narrative: '镜泊湖入湖河流综合整治：完成截污管网 3.2 公里' };
  const meta = { actor: { userId: 'bench', roles: ['project-lead'] } };

  let round = 0;
  const ours: Side = (s, v) =>
    store
      .append(
        `key-project-r${round}-${s}`,
        v === 0 ? 'no-stream' : v,
        [{ type: 'ProgressReported', data: { ...data, reportId: randomUUID() } }],
        meta,
      )
      .then(() => undefined);
  const ceiling: Side = (s, v) =>
    raw
      .query({
        name: 'ceiling',
        text: `INSERT INTO ceiling (stream_id, version, event_id, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)`,
        values: [
          `key-project-r${round}-${s}`,
          v + 1,
          randomUUID(),
          'ProgressReported',
          JSON.stringify({ ...data, reportId: randomUUID() }),
          JSON.stringify(meta),
        ],
      })
      .then(() => undefined);

  const results = { ours: [] as Array<Awaited<ReturnType<typeof run>>>, ceiling: [] as Array<Awaited<ReturnType<typeof run>>> };
  await run(ceiling); // warm-up, round 0 of each side
  await run(ours);
  for (round = 1; round <= ROUNDS; round++) {
    results.ceiling.push(await run(ceiling));
    results.ours.push(await run(ours));
  }
  const row = (name: string, rs: typeof results.ours) =>
    `${name.padEnd(34)} ${median(rs.map((r) => r.perSecond))
      .toFixed(0)
      .padStart(9)} ${median(rs.map((r) => r.p50))
      .toFixed(2)
      .padStart(8)} ${median(rs.map((r) => r.p99))
      .toFixed(2)
      .padStart(8)}`;
  console.log(
    `append, 1 event/command, ${WRITERS} writers, ${STREAMS} streams, ${PER_ROUND} events x ${ROUNDS} alternating rounds (medians)`,
  );
  console.log(`${'side'.padEnd(34)} ${'events/s'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
  console.log(row('event store append (expected ver.)', results.ours));
  console.log(row('ceiling: raw pg single-row INSERT', results.ceiling));
  console.log(
    `ratio to ceiling: ${(median(results.ours.map((r) => r.perSecond)) / median(results.ceiling.map((r) => r.perSecond))).toFixed(2)}`,
  );

  await raw.end();
  await dataSource.destroy();
  await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
  await admin.end();
  await embedded?.stop();
}

void main();

import { randomUUID } from 'node:crypto';
import { CreateEventStore1764300000000, EventTypeRegistry, PostgresEventStore, type PgPool } from '@app/event-store';
import { measure, openBenchDatabase, printTable, type Sample } from './lib';

/**
 * Issue 6, part 7: append latency as the log grows: single-event appends with an expected version,
 * 16 writers, with 0, 1,000,000 and 5,000,000 events already stored (filler loaded in bulk with
 * generate_series). Flat is the goal. `npm run bench:growth` (BENCH_SIZES=0,1000000,5000000).
 */
const SIZES = (process.env.BENCH_SIZES ?? '0,1000000,5000000').split(',').map(Number);
const WRITERS = 16;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 6000);

/**
 * The profile beside the figures: buffer traffic of the event table and each of its indexes
 * (pg_statio_user_*: `read` = not in shared_buffers, fetched from the OS) and WAL written
 * (pg_stat_wal, cluster-wide: bytes and full-page images), per 1,000 appends of the measured run.
 */
type Counters = Map<string, number>;
/** Idle backends flush their pending statistics within 10 s (PGSTAT_IDLE_INTERVAL); wait that out. */
const settleStats = () => new Promise((r) => setTimeout(r, 11_000));
async function counters(pool: PgPool): Promise<Counters> {
  const { rows } = await pool.query<{ k: string; v: string }>(`
    SELECT 'table events: read' AS k, heap_blks_read AS v FROM pg_statio_user_tables WHERE relname = 'events'
    UNION ALL SELECT 'table events: hit', heap_blks_hit FROM pg_statio_user_tables WHERE relname = 'events'
    UNION ALL SELECT 'index ' || indexrelname || ': read', idx_blks_read FROM pg_statio_user_indexes WHERE relname = 'events'
    UNION ALL SELECT 'index ' || indexrelname || ': hit', idx_blks_hit FROM pg_statio_user_indexes WHERE relname = 'events'
    UNION ALL SELECT 'WAL bytes', wal_bytes FROM pg_stat_wal
    UNION ALL SELECT 'WAL full-page images', wal_fpi FROM pg_stat_wal`);
  return new Map(rows.map((r) => [r.k, Number(r.v)]));
}

async function main(): Promise<void> {
  const db = await openBenchDatabase([CreateEventStore1764300000000], WRITERS + 4);
  const store = new PostgresEventStore(db.pool, new EventTypeRegistry().register('ProgressReported'));
  let stored = 0;
  await measure(1000, WRITERS, (i, w) =>
    store.append(`key-project-warm-${w}-${i}`, 'no-stream', [{ type: 'ProgressReported', data: { i } }]).then(() => undefined),
  );
  const rows: Array<{ name: string; samples: Sample[] }> = [];
  const profiles: Array<{ size: number; delta: Counters; indexes: Array<{ name: string; mb: string }> }> = [];
  for (const size of SIZES) {
    for (let from = stored; from < size; from += 500_000) {
      const to = Math.min(size, from + 500_000) - 1;
      await db.pool.query(
        `INSERT INTO event_store.events (stream_id, version, event_id, type, data, metadata)
         SELECT 'filler-' || (g / 10), (g % 10) + 1, gen_random_uuid(), 'ProgressReported',
                jsonb_build_object('n', g, 'narrative', '历史进展报告'), '{}'::jsonb
         FROM generate_series($1::bigint, $2::bigint) g`,
        [from, to],
      );
    }
    stored = Math.max(stored, size);
    await db.pool.query('VACUUM ANALYZE event_store.events');
    const runId = randomUUID().slice(0, 8);
    const versions = new Map<string, number>();
    await settleStats();
    const before = await counters(db.pool);
    const sample = await measure(EVENTS, WRITERS, async (i, w) => {
      const stream = `key-project-${runId}-${w}-${i % 50}`;
      const v = versions.get(stream) ?? 0;
      await store.append(stream, v === 0 ? 'no-stream' : v, [{ type: 'ProgressReported', data: { i } }]);
      versions.set(stream, v + 1);
    });
    await settleStats();
    const after = await counters(db.pool);
    const indexes = await db.pool.query<{ name: string; mb: string }>(
      `SELECT indexrelname AS name, round(pg_relation_size(indexrelid) / 1048576.0) AS mb FROM pg_stat_user_indexes WHERE relname = 'events'`,
    );
    rows.push({ name: `${size.toLocaleString('en')} events stored`, samples: [sample] });
    profiles.push({
      size,
      delta: new Map([...after].map(([k, v]) => [k, ((v - (before.get(k) ?? 0)) * 1000) / EVENTS])),
      indexes: indexes.rows,
    });
  }
  printTable(`append latency as the log grows (${WRITERS} writers, ${EVENTS} appends each)`, 'events/s', rows);
  const shared = (await db.pool.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows[0].shared_buffers;
  console.log(`\nprofile per 1,000 appends (blocks of 8 kB; shared_buffers ${shared})`);
  const keys = [...profiles[0].delta.keys()];
  console.log(`${'counter'.padEnd(44)} ${profiles.map((p) => `${p.size.toLocaleString('en')}`.padStart(12)).join('')}`);
  for (const k of keys) {
    console.log(`${k.padEnd(44)} ${profiles.map((p) => (p.delta.get(k) ?? 0).toFixed(0).padStart(12)).join('')}`);
  }
  for (const p of profiles) {
    console.log(`index sizes at ${p.size.toLocaleString('en')}: ${p.indexes.map((i) => `${i.name} ${i.mb} MB`).join(', ')}`);
  }
  await db.drop();
}

void main();

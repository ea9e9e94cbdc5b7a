import { randomUUID } from 'node:crypto';
import { CreateEventStore1764300000000, EventTypeRegistry, PostgresEventStore } from '@app/event-store';
import { measure, openBenchDatabase, printTable, type Sample } from './lib';

/**
 * Issue 6, part 7: append latency as the log grows: single-event appends with an expected version,
 * 16 writers, with 0, 1,000,000 and 5,000,000 events already stored (filler loaded in bulk with
 * generate_series). Flat is the goal. `npm run bench:growth` (BENCH_SIZES=0,1000000,5000000).
 */
const SIZES = (process.env.BENCH_SIZES ?? '0,1000000,5000000').split(',').map(Number);
const WRITERS = 16;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 6000);

async function main(): Promise<void> {
  const db = await openBenchDatabase([CreateEventStore1764300000000], WRITERS + 4);
  const store = new PostgresEventStore(db.pool, new EventTypeRegistry().register('ProgressReported'));
  let stored = 0;
  await measure(1000, WRITERS, (i, w) =>
    store.append(`key-project-warm-${w}-${i}`, 'no-stream', [{ type: 'ProgressReported', data: { i } }]).then(() => undefined),
  );
  const rows: Array<{ name: string; samples: Sample[] }> = [];
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
    const sample = await measure(EVENTS, WRITERS, async (i, w) => {
      const stream = `key-project-${runId}-${w}-${i % 50}`;
      const v = versions.get(stream) ?? 0;
      await store.append(stream, v === 0 ? 'no-stream' : v, [{ type: 'ProgressReported', data: { i } }]);
      versions.set(stream, v + 1);
    });
    rows.push({ name: `${size.toLocaleString('en')} events stored`, samples: [sample] });
  }
  printTable(`append latency as the log grows (${WRITERS} writers, ${EVENTS} appends each)`, 'events/s', rows);
  await db.drop();
}

void main();

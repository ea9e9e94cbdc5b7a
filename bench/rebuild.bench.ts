import { CheckpointStore, PostgresEventStore, SubscriptionRunner } from '@app/event-store';
import { RectificationOrderProjection } from '@app/read-models';
import { MIGRATIONS } from '../apps/api/src/migrations';
import { generateOrders, orderRegistry } from './fixtures';
import { openBenchDatabase, printTable, type Sample } from './lib';

/**
 * Issue 6, part 5: rebuild the orders ledger read model from ORDERS orders (3 + REPORTS events each,
 * 1,000,000 by default) through the real subscription runner and projection, against a raw
 * sequential read of the same rows in pages of the same size. `npm run bench:rebuild`.
 */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 7);
const PAGE = Number(process.env.BENCH_PAGE ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

async function main(): Promise<void> {
  const db = await openBenchDatabase(MIGRATIONS, 20);
  const t0 = Date.now();
  const total = await generateOrders(db.pool, ORDERS, REPORTS);
  console.log(`generated ${total} events for ${ORDERS} orders in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await db.pool.query('VACUUM ANALYZE event_store.events');
  const store = new PostgresEventStore(db.pool, orderRegistry());
  const checkpoints = new CheckpointStore(db.pool);

  const rawRead = async (): Promise<Sample> => {
    const started = process.hrtime.bigint();
    let after = 0n;
    let n = 0;
    for (;;) {
      const { rows } = await db.pool.query<{ position: string }>({
        name: 'raw_page',
        text: `SELECT position, stream_id, version, event_id, type, schema_version, data, metadata, recorded_at
               FROM event_store.events WHERE position > $1 ORDER BY position LIMIT $2`,
        values: [after.toString(), PAGE],
      });
      if (rows.length === 0) break;
      n += rows.length;
      after = BigInt(rows[rows.length - 1].position);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { perSecond: n / seconds, p50: NaN, p99: NaN };
  };

  const rebuild = async (round: number): Promise<Sample> => {
    await db.pool.query('TRUNCATE read_models.rectification_orders');
    const handler = new RectificationOrderProjection();
    const named = Object.assign(Object.create(handler) as RectificationOrderProjection, { name: `bench-rebuild-${round}` });
    const runner = new SubscriptionRunner(db.pool, store, checkpoints, named, { batchSize: PAGE });
    const started = process.hrtime.bigint();
    await runner.catchUp();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rows = Number((await db.pool.query('SELECT count(*) FROM read_models.rectification_orders')).rows[0].count);
    if (rows !== ORDERS) throw new Error(`rebuild produced ${rows} rows, expected ${ORDERS}`);
    return { perSecond: total / seconds, p50: NaN, p99: NaN };
  };

  const results = [
    { name: 'baseline: raw sequential read (pages of 1000)', samples: [] as Sample[] },
    { name: 'rebuild: runner + orders ledger projection', samples: [] as Sample[] },
  ];
  for (let round = 1; round <= ROUNDS; round++) {
    results[0].samples.push(await rawRead());
    results[1].samples.push(await rebuild(round));
  }
  printTable(`rebuild of the orders ledger from ${total} events (${ORDERS} orders), ${ROUNDS} rounds`, 'events/s', results);
  await db.drop();
}

void main();

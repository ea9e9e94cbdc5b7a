import { randomUUID } from 'node:crypto';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { Pool } from 'pg';
import {
  APPEND_AFTER_KNOWN_SQL,
  APPEND_ONE_SQL,
  CreateEventStore1764300000000,
  EventTypeRegistry,
  PostgresEventStore,
  type PgPool,
} from '@app/event-store';
import { measure, median, openBenchDatabase, printTable, type Sample } from './lib';

/**
 * Issue 6, parts 1 and 2. Append: one event per command with an expected version, WRITERS concurrent
 * writers over STREAMS streams, against the ceiling (raw `pg` single-row INSERT into an equivalent
 * table with the same unique constraint) and the peer Emmett (`appendToStream` with an expected
 * version). Breakdown sides between them attribute the gap, each the store's exact SQL run bare through
 * `pg` against a copy of the real event table: the ceiling's INSERT there (its extra index and
 * defaults); the INSERT the store sends after a version it has seen (RETURNING the position); and, for
 * comparison, the guarded INSERT it sends when it knows no head (a head lookup first). What remains up to
 * the store is its own Node-side work. Batch append: 100 events per
 * transaction against a multi-row INSERT. Sides alternate round by round on the same PostgreSQL;
 * medians of ROUNDS rounds.
 */
const WRITERS = Number(process.env.BENCH_WRITERS ?? 16);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 2000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 8000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BATCH = 100;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 200);

async function main(): Promise<void> {
  const db = await openBenchDatabase([CreateEventStore1764300000000], WRITERS + 4);
  const store = new PostgresEventStore(db.pool, new EventTypeRegistry().register('ProgressReported'));
  await db.pool.query(`CREATE TABLE ceiling (position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id text NOT NULL,
    version int NOT NULL, event_id uuid NOT NULL UNIQUE, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(), UNIQUE (stream_id, version))`);
  // For the breakdown: the event table's own shape (its (tx_id, position) index, tx_id and clock defaults),
  // without its append-only triggers (UPDATE/DELETE/TRUNCATE only, so no cost on INSERT anyway).
  await db.pool.query(`CREATE TABLE ceiling_events (LIKE event_store.events INCLUDING ALL)`);
  const guardedSql = APPEND_ONE_SQL.replaceAll('event_store.events', 'ceiling_events');
  const afterKnownSql = APPEND_AFTER_KNOWN_SQL.replaceAll('event_store.events', 'ceiling_events');
  const raw = new Pool({ connectionString: db.url, max: WRITERS + 4 });
  const emmettPool = new Pool({ connectionString: db.url, max: WRITERS + 4 });
  for (const p of [raw, emmettPool]) p.on('error', () => undefined);
  const emmett = getPostgreSQLEventStore(db.url, { connectionOptions: { pooled: true, pool: emmettPool } });
  await emmett.schema.migrate();

  const data = () => ({ reportId: randomUUID(), percentComplete: 40, narrative: '镜泊湖入湖河流综合整治：完成截污管网 3.2 公里' });
  const meta = { actor: { userId: 'bench', roles: ['project-lead'] } };

  // Each writer owns the streams congruent to its index, so its expected versions are always right.
  const perWriter = Math.floor(STREAMS / WRITERS);
  // Streams are named per side and round: two sides writing the same table never share a stream.
  let sideCount = 0;
  const single = (append: (stream: string, version: number) => Promise<unknown>) => {
    const side = sideCount++;
    return (round: number) => {
      const versions = new Map<string, number>();
      return measure(EVENTS, WRITERS, async (i, w) => {
        const stream = `key-project-s${side}-r${round}-${w + WRITERS * (i % perWriter)}`;
        const v = versions.get(stream) ?? 0;
        await append(stream, v);
        versions.set(stream, v + 1);
      });
    };
  };
  const sides: Array<{ name: string; run: (round: number) => Promise<Sample> }> = [
    {
      name: 'ceiling: raw pg single-row INSERT',
      run: single((stream, v) =>
        raw.query({
          name: 'ceiling',
          text: `INSERT INTO ceiling (stream_id, version, event_id, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)`,
          values: [stream, v + 1, randomUUID(), 'ProgressReported', JSON.stringify(data()), JSON.stringify(meta)],
        }),
      ),
    },
    {
      name: 'breakdown: + the event table (tx_id index)',
      run: single((stream, v) =>
        raw.query({
          name: 'ceiling_events',
          text: `INSERT INTO ceiling_events (stream_id, version, event_id, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)`,
          values: [stream, v + 1, randomUUID(), 'ProgressReported', JSON.stringify(data()), JSON.stringify(meta)],
        }),
      ),
    },
    {
      name: 'breakdown: + RETURNING position (same SQL)',
      run: single(async (stream, v) => {
        const { rowCount } = await raw.query({
          name: 'ceiling_after_known',
          text: afterKnownSql,
          values: [stream, v, randomUUID(), 'ProgressReported', 1, JSON.stringify(data()), JSON.stringify(meta)],
        });
        if (rowCount !== 1) throw new Error(`insert into ${stream} at version ${v + 1} wrote nothing`);
      }),
    },
    {
      name: 'breakdown: head lookup instead (same SQL)',
      run: single(async (stream, v) => {
        const { rowCount } = await raw.query({
          name: 'ceiling_guarded',
          text: guardedSql,
          values: [stream, v, randomUUID(), 'ProgressReported', 1, JSON.stringify(data()), JSON.stringify(meta)],
        });
        if (rowCount !== 1) throw new Error(`guarded insert into ${stream} at version ${v} wrote nothing`);
      }),
    },
    {
      name: 'event store append (expected version)',
      run: single((stream, v) => store.append(stream, v === 0 ? 'no-stream' : v, [{ type: 'ProgressReported', data: data() }], meta)),
    },
    {
      name: 'peer: emmett-postgresql appendToStream',
      run: single((stream, v) =>
        emmett.appendToStream(stream, [{ type: 'ProgressReported', data: data() }], {
          expectedStreamVersion: v === 0 ? 'STREAM_DOES_NOT_EXIST' : BigInt(v),
        }),
      ),
    },
  ];
  const batchSides: Array<{ name: string; run: (round: number) => Promise<Sample> }> = [
    {
      name: 'ceiling: raw pg multi-row INSERT (100 rows)',
      run: (round) =>
        measure(BATCHES, WRITERS, async (i) => {
          const values: unknown[] = [];
          const rows: string[] = [];
          for (let k = 0; k < BATCH; k++) {
            const o = k * 6;
            rows.push(`($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6})`);
            values.push(`batch-r${round}-${i}`, k + 1, randomUUID(), 'ProgressReported', JSON.stringify(data()), JSON.stringify(meta));
          }
          await raw.query(`INSERT INTO ceiling (stream_id, version, event_id, type, data, metadata) VALUES ${rows.join(', ')}`, values);
        }),
    },
    {
      name: 'event store append (100 events, no-stream)',
      run: (round) =>
        measure(BATCHES, WRITERS, async (i) => {
          await store.append(
            `batch-r${round}-${i}`,
            'no-stream',
            Array.from({ length: BATCH }, () => ({ type: 'ProgressReported', data: data() })),
            meta,
          );
        }),
    },
  ];

  for (const group of [sides, batchSides]) for (const side of group) await side.run(0); // warm-up
  const results = sides.map((s) => ({ name: s.name, samples: [] as Sample[] }));
  const batchResults = batchSides.map((s) => ({ name: s.name, samples: [] as Sample[] }));
  for (let round = 1; round <= ROUNDS; round++) {
    // Each round starts with a different side, so no side always runs after the same others.
    for (let j = 0; j < sides.length; j++) {
      const k = (j + round) % sides.length;
      results[k].samples.push(await sides[k].run(round));
    }
    for (let j = 0; j < batchSides.length; j++) {
      const k = (j + round) % batchSides.length;
      batchResults[k].samples.push(await batchSides[k].run(round));
    }
  }
  printTable(
    `append: 1 event per command, ${WRITERS} writers, ${STREAMS} streams, ${EVENTS} events x ${ROUNDS} rounds`,
    'events/s',
    results,
  );
  // The Node side's CPU per append (pg's round trip included): what the store adds to the bare statement.
  console.log(
    `this process's CPU per append, µs (medians of the rounds): ${results
      .map((r) => `${r.name.replace(/ \(.*\)$/, '')} ${median(r.samples.map((x) => x.cpuMicros ?? 0)).toFixed(1)}`)
      .join('; ')}`,
  );
  const perEvent = batchResults.map((r) => ({ name: r.name, samples: r.samples.map((s) => ({ ...s, perSecond: s.perSecond * BATCH })) }));
  printTable(
    `batch append: ${BATCH} events per transaction, ${WRITERS} writers, ${BATCHES} batches x ${ROUNDS} rounds`,
    'events/s',
    perEvent,
  );

  // The store's own JavaScript per append, without PostgreSQL: the same call on a pool that answers at
  // once, against the bare query call (its statement object and JSON) on the same pool.
  const instant = {
    query: async () => ({ rows: [{ position: '1' }], rowCount: 1 }),
  } as unknown as PgPool;
  const offline = new PostgresEventStore(instant, new EventTypeRegistry().register('ProgressReported'));
  const perCall = async (n: number, call: (i: number) => Promise<unknown>) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await call(i);
    return Number(process.hrtime.bigint() - t0) / n / 1000;
  };
  const js = { bare: [] as number[], store: [] as number[] };
  for (let round = 0; round < 4; round++) {
    const bare = await perCall(100_000, (i) =>
      instant.query({
        name: 'event_store_append_after_known',
        text: APPEND_AFTER_KNOWN_SQL,
        values: [`s${i % STREAMS}`, 1, randomUUID(), 'ProgressReported', 1, JSON.stringify(data()), JSON.stringify(meta)],
      }),
    );
    const store = await perCall(100_000, (i) =>
      offline.append(`key-project-offline-${i}`, 'no-stream', [{ type: 'ProgressReported', data: data() }], meta),
    );
    if (round === 0) continue; // the first round warms up
    js.bare.push(bare);
    js.store.push(store);
  }
  console.log(
    `the store's own JavaScript per append, on a pool that answers at once (medians of 3 rounds of 100,000): ` +
      `store ${median(js.store).toFixed(2)} µs, the bare call ${median(js.bare).toFixed(2)} µs`,
  );

  await emmett.close().catch(() => undefined);
  await raw.end();
  await db.drop();
}

void main();

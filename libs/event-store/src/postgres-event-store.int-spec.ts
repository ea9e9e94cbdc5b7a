import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import {
  CreateEventStore1764300000000,
  EventTypeRegistry,
  InvalidStreamId,
  NonSerializablePayload,
  PostgresEventStore,
  UnknownEventType,
  UnknownPosition,
  WrongExpectedVersion,
} from './index';

const registry = new EventTypeRegistry().register('Happened', 'Noted', {
  type: 'MilestonePlanned',
  schemaVersion: 2,
  // v1 carried `due` as a bare string; v2 names it `baselineDue` and keeps the original.
  upcasters: { 1: (d) => ({ name: d.name, baselineDue: d.due, weight: d.weight ?? 1 }) },
});

let db: TestDatabase;
/** Another database on the same server, like another application's or another test file's. */
let other: TestDatabase;
let store: PostgresEventStore;
const stream = () => `test-${randomUUID()}`;
const countAll = async () => Number((await db.pool.query('SELECT count(*) FROM event_store.events')).rows[0].count);

beforeAll(async () => {
  [db, other] = await Promise.all([createTestDatabase([CreateEventStore1764300000000], 60), createTestDatabase([], 4)]);
  store = new PostgresEventStore(db.pool, registry);
  await other.pool.query(`CREATE TABLE busy (n int)`);
});
afterAll(() => Promise.all([db.drop(), other.drop()]));

describe('append', () => {
  it('numbers a new stream from 1 and returns version and global position', async () => {
    const s = stream();
    const r = await store.append(
      s,
      'no-stream',
      [
        { type: 'Happened', data: { n: 1 } },
        { type: 'Happened', data: { n: 2 } },
      ],
      {
        actor: { userId: 'u1' },
      },
    );
    expect(r.version).toBe(2);
    expect(r.events.map((e) => e.version)).toEqual([1, 2]);
    expect(r.events[1].position).toBeGreaterThan(r.events[0].position);
    const read = await store.readStream(s);
    expect(read.map((e) => [e.version, e.data.n, e.metadata.actor?.userId])).toEqual([
      [1, 1, 'u1'],
      [2, 2, 'u1'],
    ]);
  });

  it('rejects a stale or too-high expected version without writing', async () => {
    const s = stream();
    await store.append(s, 'no-stream', [{ type: 'Happened', data: {} }]);
    const before = await countAll();
    await expect(store.append(s, 'no-stream', [{ type: 'Happened', data: {} }])).rejects.toMatchObject({ actual: 1 });
    await expect(store.append(s, 0, [{ type: 'Happened', data: {} }])).rejects.toBeInstanceOf(WrongExpectedVersion);
    await expect(store.append(s, 5, [{ type: 'Happened', data: {} }])).rejects.toBeInstanceOf(WrongExpectedVersion);
    expect(await countAll()).toBe(before);
    await expect(store.append(s, 1, [{ type: 'Happened', data: {} }])).resolves.toMatchObject({ version: 2 });
    await expect(store.append(s, 'any', [{ type: 'Happened', data: {} }])).resolves.toMatchObject({ version: 3 });
  });

  it('skips the head lookup only after a version it has seen committed, and still refuses stale and too-high expectations', async () => {
    const sent: string[] = [];
    const counting = new PostgresEventStore(
      {
        query: ((config: unknown, values?: unknown) => {
          sent.push((config as { name?: string }).name ?? 'query');
          return db.pool.query(config as string, values as unknown[]);
        }) as typeof db.pool.query,
      },
      registry,
    );
    const elsewhere = new PostgresEventStore(db.pool, registry); // another process
    const s = stream();
    await counting.append(s, 'no-stream', [{ type: 'Happened', data: { n: 1 } }]);
    await counting.append(s, 1, [{ type: 'Happened', data: { n: 2 } }]);
    await elsewhere.append(s, 2, [{ type: 'Happened', data: { n: 3 } }]); // this store still knows version 2
    expect(sent).toEqual(['event_store_append_after_known', 'event_store_append_after_known']);

    sent.length = 0;
    const before = await countAll();
    await expect(counting.append(s, 1, [{ type: 'Happened', data: {} }])).rejects.toMatchObject({ actual: 3 }); // stale
    await expect(counting.append(s, 2, [{ type: 'Happened', data: {} }])).rejects.toMatchObject({ actual: 3 }); // stale
    await expect(counting.append(s, 5, [{ type: 'Happened', data: {} }])).rejects.toMatchObject({ actual: 3 }); // too high: looked up
    expect(await countAll()).toBe(before);
    expect(sent.filter((n) => n.startsWith('event_store_append'))).toEqual([
      'event_store_append_after_known',
      'event_store_append_after_known',
      'event_store_append_one',
    ]);

    sent.length = 0;
    await expect(counting.append(s, 3, [{ type: 'Happened', data: { n: 4 } }])).resolves.toMatchObject({ version: 4 }); // 3 unseen: guarded
    expect((await counting.readStream(s, { fromVersion: 4 })).map((e) => e.version)).toEqual([4]);
    await elsewhere.append(s, 4, [{ type: 'Happened', data: { n: 5 } }]);
    expect((await counting.readStream(s, { fromVersion: 5 })).map((e) => e.version)).toEqual([5]); // read: version 5 seen
    await expect(counting.append(s, 5, [{ type: 'Happened', data: { n: 6 } }])).resolves.toMatchObject({ version: 6 });
    expect(sent).toEqual([
      'event_store_append_one',
      'event_store_read_stream',
      'event_store_read_stream',
      'event_store_append_after_known',
    ]);
    expect((await store.readStream(s)).map((e) => e.data.n)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('learns nothing from what it wrote inside a transaction, which may roll back', async () => {
    const s = stream();
    const client = await db.pool.connect();
    try {
      const inTransaction = new PostgresEventStore(client, registry);
      await client.query('BEGIN');
      await inTransaction.append(s, 'no-stream', [{ type: 'Happened', data: {} }]);
      await inTransaction.append(s, 1, [{ type: 'Happened', data: {} }]);
      await client.query('ROLLBACK');
      // Had it remembered version 2, this would go in as version 3 after a gap.
      await expect(inTransaction.append(s, 2, [{ type: 'Happened', data: {} }])).rejects.toMatchObject({ actual: 0 });
    } finally {
      client.release();
    }
    expect(await store.readStream(s)).toEqual([]);
  });

  it('lets exactly one of 50 concurrent appends with the same expected version win', async () => {
    const s = stream();
    await store.append(s, 'no-stream', [{ type: 'Happened', data: { n: 0 } }]);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => store.append(s, 1, [{ type: 'Happened', data: { n: i + 1 } }])),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const l of lost) expect(l.reason).toBeInstanceOf(WrongExpectedVersion);
    const versions = (await store.readStream(s)).map((e) => e.version);
    expect(versions).toEqual([1, 2]);
  });

  it('serialises 30 concurrent "any" appends into one gap-free stream', async () => {
    const s = stream();
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.append(s, 'any', [{ type: 'Happened', data: { i } }])));
    const versions = (await store.readStream(s)).map((e) => e.version);
    expect(versions).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it.each([
    ['empty', ''],
    ['upper case', 'Key-Project-1'],
    ['no category', 'abc'],
    ['sql', "x-1'; drop table event_store.events; --"],
    ['too long', `x-${'a'.repeat(300)}`],
  ])('refuses a malformed stream id (%s) and writes nothing', async (_, id) => {
    const before = await countAll();
    await expect(store.append(id, 'any', [{ type: 'Happened', data: {} }])).rejects.toBeInstanceOf(InvalidStreamId);
    expect(await countAll()).toBe(before);
  });

  it('refuses unknown event types and non-serialisable payloads, writing nothing of the batch', async () => {
    const s = stream();
    const before = await countAll();
    await expect(
      store.append(s, 'any', [
        { type: 'Happened', data: {} },
        { type: 'Invented', data: {} },
      ]),
    ).rejects.toBeInstanceOf(UnknownEventType);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    for (const data of [{ big: 1n }, { fn: () => 1 }, { n: Number.NaN }, circular, { s: 'a\u0000b' }]) {
      await expect(store.append(s, 'any', [{ type: 'Happened', data }])).rejects.toBeInstanceOf(NonSerializablePayload);
    }
    await expect(store.append(s, 'any', [{ type: 'Happened', data: [] as unknown as Record<string, unknown> }])).rejects.toBeInstanceOf(
      NonSerializablePayload,
    );
    expect(await countAll()).toBe(before);
    expect(await store.streamVersion(s)).toBe(0);
  });
});

describe('appendBatch', () => {
  it('appends to several streams in one statement, continuing each stream from its head', async () => {
    const [a, b] = [stream(), stream()];
    await store.append(a, 'no-stream', [{ type: 'Happened', data: { n: 0 } }]);
    const results = await store.appendBatch([
      { streamId: a, expected: 1, events: [{ type: 'Noted', data: { n: 1 } }], metadata: { requestId: 'r1' } },
      {
        streamId: b,
        expected: 'no-stream',
        events: [
          { type: 'Happened', data: { n: 1 } },
          { type: 'Noted', data: { n: 2 }, metadata: { command: 'Second' } },
        ],
        metadata: { requestId: 'r1', command: 'First' },
      },
    ]);
    expect(results.map((r) => r.version)).toEqual([2, 2]);
    expect(results[1].events.map((e) => e.version)).toEqual([1, 2]);
    expect(results[1].position).toBeGreaterThan(results[0].position);
    expect((await store.readStream(a)).map((e) => [e.version, e.type, e.metadata.requestId])).toEqual([
      [1, 'Happened', undefined],
      [2, 'Noted', 'r1'],
    ]);
    expect((await store.readStream(b)).map((e) => [e.version, e.data.n, e.metadata.command])).toEqual([
      [1, 1, 'First'],
      [2, 2, 'Second'],
    ]);
  });

  it('writes nothing when one stream is not at its expected version, and names that stream', async () => {
    const [fresh, taken] = [stream(), stream()];
    await store.append(taken, 'no-stream', [{ type: 'Happened', data: {} }]);
    const before = await countAll();
    const refused = store.appendBatch([
      { streamId: fresh, expected: 'no-stream', events: [{ type: 'Happened', data: {} }] },
      { streamId: taken, expected: 'no-stream', events: [{ type: 'Happened', data: {} }] },
    ]);
    await expect(refused).rejects.toBeInstanceOf(WrongExpectedVersion);
    await expect(refused).rejects.toMatchObject({ streamId: taken, actual: 1 });
    expect(await countAll()).toBe(before);
  });

  it('lets one of two concurrent batches on the same new stream win, whole', async () => {
    const [shared, left, right] = [stream(), stream(), stream()];
    const batch = (own: string) =>
      store.appendBatch([
        { streamId: own, expected: 'no-stream', events: [{ type: 'Happened', data: {} }] },
        { streamId: shared, expected: 'no-stream', events: [{ type: 'Happened', data: {} }] },
      ]);
    const outcomes = await Promise.allSettled([batch(left), batch(right)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersion);
    expect((await store.readStream(left)).length + (await store.readStream(right)).length).toBe(1);
    expect(await store.readStream(shared)).toHaveLength(1);
  });
});

describe('readAll is gap-safe', () => {
  it('does not move a reader past a transaction that took a lower position and is still open', async () => {
    const start = await store.headPosition();
    const slow = await db.pool.connect();
    try {
      await slow.query('BEGIN');
      const slowStore = new PostgresEventStore(slow, registry);
      const first = await slowStore.append(stream(), 'no-stream', [{ type: 'Happened', data: { who: 'slow' } }]);
      const second = await store.append(stream(), 'no-stream', [{ type: 'Happened', data: { who: 'fast' } }]);
      expect(second.position).toBeGreaterThan(first.position);

      // The later event is committed, but reading it now would let a reader skip the open one.
      const whileOpen = await store.readAll({ after: start });
      expect(whileOpen.map((e) => e.data.who)).toEqual([]);

      await slow.query('COMMIT');
      const afterCommit = await store.readAll({ after: start });
      expect(afterCommit.map((e) => e.data.who)).toEqual(['slow', 'fast']);
      expect(afterCommit.map((e) => e.position)).toEqual([first.position, second.position]);
    } finally {
      slow.release();
    }
  });

  it('resumes after a position and honours limit and categories', async () => {
    const start = await store.headPosition();
    const a = `alpha-${randomUUID()}`;
    const b = `beta-${randomUUID()}`;
    await store.append(a, 'no-stream', [{ type: 'Happened', data: { i: 1 } }]);
    await store.append(b, 'no-stream', [{ type: 'Happened', data: { i: 2 } }]);
    await store.append(a, 1, [{ type: 'Happened', data: { i: 3 } }]);
    const page1 = await store.readAll({ after: start, limit: 2 });
    expect(page1.map((e) => e.data.i)).toEqual([1, 2]);
    const page2 = await store.readAll({ after: page1[1].position, limit: 2 });
    expect(page2.map((e) => e.data.i)).toEqual([3]);
    const alphas = await store.readAll({ after: start, categories: ['alpha'] });
    expect(alphas.map((e) => e.data.i)).toEqual([1, 3]);
    expect(await store.hasReached(page1[1].position, page1[0].position)).toBe(true);
    expect(await store.hasReached(page1[0].position, page2[0].position)).toBe(false);
  });

  it('readAllJson reads the same page as readAll, with the data as JSON text (upcast when behind) and the time in ms', async () => {
    const start = await store.headPosition();
    const s = `gamma-${randomUUID()}`;
    await db.pool.query(
      `INSERT INTO event_store.events (stream_id, version, event_id, type, schema_version, data, metadata, recorded_at)
       VALUES ($1, 1, $2, 'MilestonePlanned', 1, '{"name":"封场","due":"2024-10-31"}', '{"actor":{"userId":"u"}}', '2025-01-02 03:04:05.999999+00')`,
      [s, randomUUID()],
    );
    await store.append(
      s,
      1,
      [{ type: 'Noted', data: { text: 'a "quoted", b: c', list: [1.5, -2e-7, null, { 空: '\u2028' }], big: 1234567890123 } }],
      { correlationId: 'k', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    );
    const parsed = await store.readAll({ after: start, categories: ['gamma'] });
    const json = await store.readAllJson({ after: start, categories: ['gamma'] });
    expect(json).toHaveLength(2);
    expect(
      json.map((e) => ({
        position: BigInt(e.position),
        streamId: e.streamId,
        version: e.version,
        eventId: e.eventId,
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: JSON.parse(e.dataJson),
        metadata: e.metadata,
        recordedAt: new Date(e.recordedAtMs),
      })),
    ).toEqual(parsed);
    expect(json[0]).toMatchObject({ schemaVersion: 2, recordedAtMs: Date.parse('2025-01-02T03:04:05.999Z') });
    const page = await store.readAllJson({ after: BigInt(json[0].position), limit: 1, categories: ['gamma'] });
    expect(page.map((e) => e.eventId)).toEqual([json[1].eventId]);
    await expect(store.readAllJson({ after: 999_999_999n })).rejects.toBeInstanceOf(UnknownPosition);
  });

  it('reads every event of this database while a writer of another database stays open, and skips none', async () => {
    const foreign = await other.pool.connect();
    const start = await store.headPosition();
    try {
      await foreign.query('BEGIN');
      const { xid } = (await foreign.query(`INSERT INTO busy VALUES (1) RETURNING pg_current_xact_id()::text AS xid`)).rows[0];

      // Writers here commit out of position order, and some roll back, while a reader follows the log.
      const committed: string[] = [];
      let writing = true;
      const writer = async (w: number) => {
        for (let i = 0; i < 40; i++) {
          const client = await db.pool.connect();
          try {
            await client.query('BEGIN');
            const { events } = await new PostgresEventStore(client, registry).append(stream(), 'no-stream', [
              { type: 'Happened', data: { w, i } },
            ]);
            if ((w + i) % 3 === 0) await client.query('SELECT pg_sleep(0.005)');
            if ((w * 7 + i) % 11 === 0) {
              await client.query('ROLLBACK');
            } else {
              await client.query('COMMIT');
              committed.push(events[0].eventId);
            }
          } finally {
            client.release();
          }
        }
      };
      const seen: string[] = [];
      let cursor = start;
      const follow = async () => {
        const deadline = Date.now() + 10_000;
        while (writing || seen.length < committed.length) {
          if (Date.now() > deadline) return;
          const page = await store.readAll({ after: cursor, limit: 50 });
          for (const e of page) seen.push(e.eventId);
          if (page.length) cursor = page[page.length - 1].position;
          else await new Promise((r) => setImmediate(r));
        }
      };
      const reader = follow();
      await Promise.all(Array.from({ length: 6 }, (_, w) => writer(w)));
      writing = false;
      await reader;

      expect(seen).toHaveLength(committed.length);
      expect(new Set(seen)).toEqual(new Set(committed));
      expect(await store.headPosition()).toBe(cursor);
      // The other database's transaction was open throughout and older than every event here: a
      // reader bounded by the server-wide xmin would have read none of them.
      const { rows } = await db.pool.query(
        `SELECT pg_xact_status($1::xid8) AS status, pg_snapshot_xmin(pg_current_snapshot()) <= $1::xid8 AS holds_server_xmin`,
        [xid],
      );
      expect(rows[0]).toEqual({ status: 'in progress', holds_server_xmin: true });
    } finally {
      await foreign.query('ROLLBACK');
      foreign.release();
    }
  }, 30_000);

  it('still waits for an open writer of this database while another database also has one open', async () => {
    const foreign = await other.pool.connect();
    const slow = await db.pool.connect();
    const start = await store.headPosition();
    try {
      await foreign.query('BEGIN');
      await foreign.query(`INSERT INTO busy VALUES (2)`);
      await slow.query('BEGIN');
      const first = await new PostgresEventStore(slow, registry).append(stream(), 'no-stream', [
        { type: 'Happened', data: { who: 'slow' } },
      ]);
      const second = await store.append(stream(), 'no-stream', [{ type: 'Happened', data: { who: 'fast' } }]);
      expect(second.position).toBeGreaterThan(first.position);
      expect(await store.readAll({ after: start })).toEqual([]);
      expect(await store.headPosition()).toBe(start);

      await slow.query('COMMIT');
      expect((await store.readAll({ after: start })).map((e) => e.data.who)).toEqual(['slow', 'fast']);
    } finally {
      await slow.query('ROLLBACK').catch(() => undefined);
      slow.release();
      await foreign.query('ROLLBACK');
      foreign.release();
    }
  });

  it('refuses a cursor that names no event', async () => {
    await expect(store.readAll({ after: 999_999_999n })).rejects.toBeInstanceOf(UnknownPosition);
  });

  it('looks a cursor up only when its page is empty and no read has ended at it, and shares identical reads under way', async () => {
    const sent: string[] = [];
    const counting = new PostgresEventStore(
      {
        query: ((config: unknown, values?: unknown) => {
          sent.push(typeof config === 'string' ? config : ((config as { name?: string }).name ?? 'query'));
          return db.pool.query(config as string, values as unknown[]);
        }) as typeof db.pool.query,
      },
      registry,
    );
    await counting.append(stream(), 'no-stream', [{ type: 'Happened', data: { n: 1 } }]);
    const head = await counting.headPosition();
    const page = await counting.readAll({ after: head - 1n });
    expect(page.map((e) => e.position)).toEqual([head]);

    sent.length = 0;
    expect(await counting.readAllJson({ after: head })).toEqual([]); // a read ended at head: nothing to look up
    expect(await counting.readAll({ after: head })).toEqual([]);
    expect(sent).toEqual(['event_store_read_all_json', 'event_store_read_all']);

    sent.length = 0;
    const together = await Promise.all([0, 1, 2].map(() => counting.readAll({ after: head - 1n })));
    expect(sent).toEqual(['event_store_read_all']); // three identical reads under way at once: one query
    expect(together.map((p) => p.map((e) => e.position))).toEqual([[head], [head], [head]]);
    expect(new Set(together).size).toBe(3); // each caller has an array of its own
    await counting.append(stream(), 'no-stream', [{ type: 'Happened', data: { n: 2 } }]);
    expect((await counting.readAll({ after: head - 1n })).length).toBe(2); // a later read is a new query, not a cached page
    expect(sent).toEqual(['event_store_read_all', 'event_store_append_after_known', 'event_store_read_all']);

    const fresh = new PostgresEventStore(db.pool, registry); // has read nothing: looks the cursor up
    const last = await fresh.headPosition();
    expect(await fresh.readAll({ after: last })).toEqual([]);
    await expect(fresh.readAll({ after: last + 1_000_000n })).rejects.toBeInstanceOf(UnknownPosition);
  });
});

describe('readStream', () => {
  it('upcasts old schema versions on read without rewriting the row', async () => {
    const s = stream();
    await db.pool.query(
      `INSERT INTO event_store.events (stream_id, version, event_id, type, schema_version, data)
       VALUES ($1, 1, $2, 'MilestonePlanned', 1, '{"name":"封场","due":"2024-10-31"}')`,
      [s, randomUUID()],
    );
    await store.append(s, 1, [{ type: 'MilestonePlanned', data: { name: '飞灰处置', baselineDue: '2025-06-30', weight: 2 } }]);
    const events = await store.readStream(s);
    expect(events.map((e) => [e.schemaVersion, e.data])).toEqual([
      [2, { name: '封场', baselineDue: '2024-10-31', weight: 1 }],
      [2, { name: '飞灰处置', baselineDue: '2025-06-30', weight: 2 }],
    ]);
    const raw = await db.pool.query(`SELECT schema_version, data FROM event_store.events WHERE stream_id = $1 ORDER BY version`, [s]);
    expect(raw.rows.map((r) => r.schema_version)).toEqual([1, 2]);
  });

  it('reads the stream as it stood at a past instant (asOf) and from a version', async () => {
    const s = stream();
    await store.append(s, 'no-stream', [{ type: 'Noted', data: { step: 1 } }]);
    await store.append(s, 1, [{ type: 'Noted', data: { step: 2 } }]);
    const [{ recorded_at: recorded }] = (
      await db.pool.query(`SELECT recorded_at FROM event_store.events WHERE stream_id = $1 AND version = 2`, [s])
    ).rows;
    const cut = new Date(recorded.getTime() + 1); // Date has ms precision, recorded_at µs
    await new Promise((r) => setTimeout(r, 20));
    await store.append(s, 2, [{ type: 'Noted', data: { step: 3 } }]);
    expect((await store.readStream(s, { asOf: cut })).map((e) => e.data.step)).toEqual([1, 2]);
    expect((await store.readStream(s, { asOf: new Date('2000-01-01') })).length).toBe(0);
    expect((await store.readStream(s, { fromVersion: 2 })).map((e) => e.data.step)).toEqual([2, 3]);
  });

  it('reads several streams in one call, each from its own version, upcast, and leaves out streams with nothing to read', async () => {
    const [long, short, empty, none] = [stream(), stream(), stream(), stream()];
    await store.append(
      long,
      'no-stream',
      [1, 2, 3].map((step) => ({ type: 'Noted', data: { step } })),
    );
    await store.append(short, 'no-stream', [{ type: 'Noted', data: { step: 1 } }]);
    await db.pool.query(
      `INSERT INTO event_store.events (stream_id, version, event_id, type, schema_version, data)
       VALUES ($1, 2, $2, 'MilestonePlanned', 1, '{"name":"封场","due":"2024-10-31"}')`,
      [short, randomUUID()],
    );
    await store.append(empty, 'no-stream', [{ type: 'Noted', data: { step: 1 } }]);
    const read = await store.readStreams([
      { streamId: none },
      { streamId: short },
      { streamId: long, fromVersion: 2 },
      { streamId: empty, fromVersion: 2 },
    ]);
    expect([...read.keys()]).toEqual([short, long]);
    expect(read.get(long)!.map((e) => [e.streamId, e.version, e.data.step])).toEqual([
      [long, 2, 2],
      [long, 3, 3],
    ]);
    expect(read.get(short)!.map((e) => [e.version, e.schemaVersion, e.data])).toEqual([
      [1, 1, { step: 1 }],
      [2, 2, { name: '封场', baselineDue: '2024-10-31', weight: 1 }],
    ]);
    expect((await store.readStreams([])).size).toBe(0);
    await expect(store.readStreams([{ streamId: 'Not A Stream' }])).rejects.toBeInstanceOf(InvalidStreamId);
    await expect(store.readStreams([{ streamId: long }, { streamId: long, fromVersion: 2 }])).rejects.toThrow(/twice/);
  });

  it('keeps the log append-only', async () => {
    await expect(db.pool.query(`UPDATE event_store.events SET data = '{}'`)).rejects.toThrow(/append-only/);
    await expect(db.pool.query(`DELETE FROM event_store.events`)).rejects.toThrow(/append-only/);
  });
});

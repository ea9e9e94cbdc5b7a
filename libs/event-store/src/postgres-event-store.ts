import { LRUCache } from 'lru-cache';
import { v7 as timeOrderedUuid } from 'uuid';
import type { DatabaseError } from 'pg';
import {
  InvalidAppend,
  InvalidStreamId,
  NonSerializablePayload,
  UnknownPosition,
  WrongExpectedVersion,
  type ExpectedVersion,
} from './event-store.errors';
import type {
  AppendResult,
  EventMetadata,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  StoredEventJson,
  StreamAppend,
  StreamRead,
} from './event-store.types';
import type { EventTypeRegistry } from './event-type-registry';
import type { Queryable } from './pg.types';
import { currentTraceCarrier, inSpan } from './tracing';
import { SpanKind } from '@opentelemetry/api';

const STREAM_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;
const MAX_STREAM_ID = 200;
const MAX_EVENTS_PER_APPEND = 10_000;
const ANY_RETRIES = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/*
 * One statement, one round trip: read the stream's head, check the expectation, insert the batch.
 * A concurrent writer that read the same head loses on UNIQUE (stream_id, version), so a stale
 * expectation can never overwrite (no lost update). `$2 < 0` means "any version".
 */
const APPEND_SQL = `
WITH head AS (
  SELECT coalesce((SELECT version FROM event_store.events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1), 0) AS v
)
INSERT INTO event_store.events (stream_id, version, event_id, type, schema_version, data, metadata)
SELECT $1, head.v + e.ord, e.event_id, e.type, e.schema_version, e.data, e.metadata
FROM head, unnest($3::uuid[], $4::text[], $5::smallint[], $6::jsonb[], $7::jsonb[])
     WITH ORDINALITY AS e(event_id, type, schema_version, data, metadata, ord)
WHERE $2::int < 0 OR head.v = $2::int
ORDER BY e.ord
RETURNING event_id, version, position`;

/* The common case, one event: the same guard without array parameters and unnest. Exported for the
 * append benchmark, which runs it bare against a copy of the table to split the cost (bench/append.bench.ts). */
export const APPEND_ONE_SQL = `
INSERT INTO event_store.events (stream_id, version, event_id, type, schema_version, data, metadata)
SELECT $1, head.v + 1, $3, $4, $5, $6, $7
FROM (SELECT coalesce((SELECT version FROM event_store.events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1), 0) AS v) head
WHERE $2::int < 0 OR head.v = $2::int
RETURNING event_id, version, position`;

/*
 * One event after a version known to exist: the expected version itself when it is 0 (a new stream), or
 * at most a head this store has seen committed. The log is append-only, so a version seen once is still
 * there and the next one cannot leave a gap; UNIQUE (stream_id, version) refuses a stale expectation.
 * So no head lookup: the bare INSERT, returning only what the caller cannot know (the position).
 * Exported for the append benchmark's breakdown.
 */
export const APPEND_AFTER_KNOWN_SQL = `
INSERT INTO event_store.events (stream_id, version, event_id, type, schema_version, data, metadata)
VALUES ($1, $2::int + 1, $3, $4, $5, $6, $7)
RETURNING position`;

/** How many streams' heads a store remembers (the least recently used is forgotten first). */
const KNOWN_HEADS = 50_000;

/*
 * Several streams in one statement, so all or nothing without a transaction of our own: every
 * stream's head is checked against its expectation and, if any differs, nothing is inserted (the
 * caller then learns which one). A concurrent writer that takes a version first fails the whole
 * statement on UNIQUE (stream_id, version). Versions continue each stream's head in input order.
 */
const APPEND_BATCH_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::int[], $3::uuid[], $4::text[], $5::smallint[], $6::jsonb[], $7::jsonb[])
       WITH ORDINALITY AS e(stream_id, expected, event_id, type, schema_version, data, metadata, ord)
), heads AS (
  SELECT s.stream_id, s.expected,
         coalesce((SELECT version FROM event_store.events h WHERE h.stream_id = s.stream_id ORDER BY version DESC LIMIT 1), 0) AS v
  FROM (SELECT DISTINCT stream_id, expected FROM input) s
)
INSERT INTO event_store.events (stream_id, version, event_id, type, schema_version, data, metadata)
SELECT i.stream_id, h.v + row_number() OVER (PARTITION BY i.stream_id ORDER BY i.ord), i.event_id, i.type, i.schema_version, i.data, i.metadata
FROM input i JOIN heads h ON h.stream_id = i.stream_id
WHERE NOT EXISTS (SELECT 1 FROM heads WHERE heads.expected >= 0 AND heads.v <> heads.expected)
ORDER BY i.ord
RETURNING stream_id, event_id, version, position`;

const COLUMNS = `position, stream_id, version, event_id, type, schema_version, data, metadata, recorded_at`;

/* Several streams' tails in one round trip: one index range scan on (stream_id, version) per stream. */
const READ_STREAMS_SQL = `
SELECT e.position, e.stream_id, e.version, e.event_id, e.type, e.schema_version, e.data, e.metadata, e.recorded_at
FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS r(stream_id, from_version, ord)
CROSS JOIN LATERAL (
  SELECT * FROM event_store.events x WHERE x.stream_id = r.stream_id AND x.version >= r.from_version ORDER BY x.version
) e
ORDER BY r.ord, e.version`;

/*
 * Gap safety: positions are taken when a transaction inserts but become visible when it commits, so
 * concurrent appends appear out of position order. Readers therefore (a) only see rows written by
 * transactions older than the oldest one still in flight that could write this log (the read
 * horizon below), and (b) walk the log in (tx_id, position) order, resuming after the
 * (tx_id, position) of the last event they processed. A transaction that is still open holds the
 * horizon down, so nothing it or any later transaction wrote is passed over; when it commits, its
 * events are read in their turn. Same idea as Marten/Emmett, but the cursor is the pair, not the
 * bare position, because xid order and position order can disagree.
 */
/*
 * The read horizon: the oldest transaction id in the statement's snapshot that may still write this
 * database, or the snapshot's xmax when there is none. `pg_snapshot_xmin` alone would be the oldest
 * in-flight transaction of the whole server, so a writer in another database (another application,
 * another test file) would hold every reader here back for as long as it stays open, although it can
 * never write these rows. An in-flight xid is passed over only when it is attributed to another
 * database: to a backend connected there (pg_stat_activity.backend_xid, a top-level xid like tx_id)
 * or to a transaction prepared there (pg_prepared_xacts). An xid seen in a backend of database D was
 * assigned by that backend, and a backend never changes database, so the attribution cannot be
 * wrong even when the activity view is older than the snapshot. An xid that cannot be attributed (its
 * backend ended meanwhile, or has no database) is waited for, like one of this database.
 */
export const READ_HORIZON_SQL = `(
  SELECT coalesce(
    (SELECT min(x) FROM pg_snapshot_xip(snap.s) AS x
     WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.backend_xid = x::xid AND a.datname <> current_database())
       AND NOT EXISTS (SELECT 1 FROM pg_prepared_xacts p WHERE p.transaction = x::xid AND p.database <> current_database())),
    pg_snapshot_xmax(snap.s))
  FROM (SELECT pg_current_snapshot() AS s) snap)`;

/* The cursor's tx_id and the horizon come from scalar subqueries (InitPlans), so the row comparison
 * is an index range condition on (tx_id, position): each page costs the rows it returns, not the log's size. */
const readAllSql = (columns: string) => `
SELECT ${columns}
FROM event_store.events e
WHERE (e.tx_id, e.position) > (coalesce((SELECT c.tx_id FROM event_store.events c WHERE c.position = $1::bigint), '0'::xid8), $1::bigint)
  AND ($1::bigint = 0 OR EXISTS (SELECT 1 FROM event_store.events c WHERE c.position = $1::bigint))
  AND e.tx_id < ${READ_HORIZON_SQL}
  AND ($3::text[] IS NULL OR e.stream_id LIKE ANY ($3::text[]))
ORDER BY e.tx_id, e.position
LIMIT $2`;
const READ_ALL_SQL = readAllSql(COLUMNS);
/* The same page for a publisher: data as the JSON text PostgreSQL holds (not parsed), the time as
 * epoch milliseconds, truncated as node-pg's Date of the timestamptz is. */
const READ_ALL_JSON_SQL = readAllSql(
  `position, stream_id, version, event_id, type, schema_version, data::text AS data, metadata::text AS metadata,
   floor(extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_at_ms`,
);

interface EventRow {
  position: string;
  stream_id: string;
  version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recorded_at: Date;
}

interface JsonEventRow extends Omit<EventRow, 'data' | 'metadata' | 'recorded_at'> {
  data: string;
  metadata: string;
  recorded_at_ms: number;
}

export class PostgresEventStore implements EventStore {
  /**
   * Positions this store has seen hold an event, the last of each page read: a reader's next cursor.
   * The log is append-only (a trigger refuses DELETE and TRUNCATE), so an empty page after one of them
   * needs no lookup to tell "nothing new" from "no such position".
   */
  private readonly knownPositions = new Set<string>();
  private readonly pagesInFlight = new Map<string, Promise<StoredEvent[]>>();
  /**
   * Each stream's highest version this store has seen committed (appended or read): an append that
   * expects at most that version skips the guard's head lookup (APPEND_AFTER_KNOWN_SQL). Learnt only
   * on a pool, where every statement is committed when it returns; a store on a client may be inside
   * a transaction that rolls back, and what it wrote would then not exist.
   */
  private readonly knownHeads = new LRUCache<string, number>({ max: KNOWN_HEADS });
  private readonly learnsHeads: boolean;

  constructor(
    private readonly db: Queryable,
    private readonly registry: EventTypeRegistry,
  ) {
    this.learnsHeads = !('release' in db);
  }

  /** Appends in a span of its own; the trace context goes into the events' metadata (traceparent). */
  async append(streamId: string, expected: ExpectedVersion, events: NewEvent[], metadata: EventMetadata = {}): Promise<AppendResult> {
    return inSpan(
      'event_store append',
      { kind: SpanKind.INTERNAL, attributes: { 'mdj.stream_id': streamId, 'mdj.events': events?.length } },
      () => this.appendTraced(streamId, expected, events, { ...metadata, ...currentTraceCarrier() }),
    );
  }

  private async appendTraced(
    streamId: string,
    expected: ExpectedVersion,
    events: NewEvent[],
    metadata: EventMetadata,
  ): Promise<AppendResult> {
    assertStreamId(streamId);
    const expectedParam = toExpectedParam(expected);
    if (!Array.isArray(events) || events.length === 0) throw new InvalidAppend('append needs at least one event');
    if (events.length > MAX_EVENTS_PER_APPEND) {
      throw new InvalidAppend(`at most ${MAX_EVENTS_PER_APPEND} events per append, got ${events.length}`);
    }
    const { ids, types, versions, datas, metas } = this.rows(events, metadata);

    if (ids.length === 1 && expectedParam >= 0 && (expectedParam === 0 || (this.knownHeads.get(streamId) ?? 0) >= expectedParam)) {
      return this.appendAfterKnown(streamId, expected, expectedParam, ids[0], [types[0], versions[0], datas[0], metas[0]]);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const { rows } = await this.db.query<{ event_id: string; version: number; position: string }>(
          ids.length === 1
            ? {
                name: 'event_store_append_one',
                text: APPEND_ONE_SQL,
                values: [streamId, expectedParam, ids[0], types[0], versions[0], datas[0], metas[0]],
              }
            : { name: 'event_store_append', text: APPEND_SQL, values: [streamId, expectedParam, ids, types, versions, datas, metas] },
        );
        if (rows.length === 0) {
          throw new WrongExpectedVersion(streamId, expected, await this.streamVersion(streamId));
        }
        const appended = rows
          .map((r) => ({ eventId: r.event_id, version: r.version, position: BigInt(r.position) }))
          .sort((a, b) => a.version - b.version);
        const last = appended[appended.length - 1];
        this.learnHead(streamId, last.version);
        return { version: last.version, position: last.position, events: appended };
      } catch (error) {
        // "any" has no expectation to be wrong about: a concurrent writer took the slot, so try the new head.
        if (expected === 'any' && attempt < ANY_RETRIES && isUniqueViolation(error, 'events_stream_version_uq')) {
          if (attempt > 2) await new Promise((r) => setTimeout(r, Math.random() * attempt));
          continue;
        }
        throw await this.appendRefusal(error, streamId, expected, ids);
      }
    }
  }

  /** One event after a version known to exist (see APPEND_AFTER_KNOWN_SQL); refused only by a stale expectation. */
  private async appendAfterKnown(
    streamId: string,
    expected: ExpectedVersion,
    after: number,
    eventId: string,
    [type, schemaVersion, data, metadata]: [string, number, string, string],
  ): Promise<AppendResult> {
    try {
      const { rows } = await this.db.query<{ position: string }>({
        name: 'event_store_append_after_known',
        text: APPEND_AFTER_KNOWN_SQL,
        values: [streamId, after, eventId, type, schemaVersion, data, metadata],
      });
      const appended = { eventId, version: after + 1, position: BigInt(rows[0].position) };
      this.learnHead(streamId, appended.version);
      return { version: appended.version, position: appended.position, events: [appended] };
    } catch (error) {
      throw await this.appendRefusal(error, streamId, expected, [eventId]);
    }
  }

  /** What a failed single-stream INSERT means to the caller: a stale expectation, a reused event id, or the error itself. */
  private async appendRefusal(error: unknown, streamId: string, expected: ExpectedVersion, ids: string[]): Promise<unknown> {
    if (isUniqueViolation(error, 'events_stream_version_uq')) {
      return new WrongExpectedVersion(streamId, expected, await this.streamVersion(streamId));
    }
    if (isUniqueViolation(error, 'events_event_id_uq'))
      return new InvalidAppend(`an event with one of these ids is already stored: ${ids.join(', ')}`);
    return error;
  }

  private learnHead(streamId: string, version: number): void {
    if (!this.learnsHeads) return;
    // peek, not get: a set marks the stream recently used; a head only confirmed needs no reordering.
    const known = this.knownHeads.peek(streamId);
    if (known === undefined || version > known) this.knownHeads.set(streamId, version);
  }

  async appendBatch(appends: StreamAppend[]): Promise<AppendResult[]> {
    if (appends.length === 0) return [];
    const streams = new Set<string>();
    const columns = { streams: [] as string[], expected: [] as number[], ids: [] as string[], types: [] as string[] };
    const payload = { versions: [] as number[], datas: [] as string[], metas: [] as string[] };
    for (const a of appends) {
      assertStreamId(a.streamId);
      if (streams.has(a.streamId)) throw new InvalidAppend(`stream ${a.streamId} appears twice in one batch; join its events`);
      streams.add(a.streamId);
      if (a.expected === 'any') throw new InvalidAppend('a batch append needs an expected version for every stream');
      const expected = toExpectedParam(a.expected);
      if (!Array.isArray(a.events) || a.events.length === 0) throw new InvalidAppend(`stream ${a.streamId}: no events to append`);
      const rows = this.rows(a.events, a.metadata ?? {});
      for (let i = 0; i < a.events.length; i++) {
        columns.streams.push(a.streamId);
        columns.expected.push(expected);
      }
      columns.ids.push(...rows.ids);
      columns.types.push(...rows.types);
      payload.versions.push(...rows.versions);
      payload.datas.push(...rows.datas);
      payload.metas.push(...rows.metas);
    }
    if (columns.ids.length > MAX_EVENTS_PER_APPEND) {
      throw new InvalidAppend(`at most ${MAX_EVENTS_PER_APPEND} events per append, got ${columns.ids.length}`);
    }
    let rows: Array<{ stream_id: string; event_id: string; version: number; position: string }>;
    try {
      ({ rows } = await this.db.query({
        name: 'event_store_append_batch',
        text: APPEND_BATCH_SQL,
        values: [columns.streams, columns.expected, columns.ids, columns.types, payload.versions, payload.datas, payload.metas],
      }));
    } catch (error) {
      if (isUniqueViolation(error, 'events_event_id_uq')) {
        throw new InvalidAppend(`an event with one of these ids is already stored: ${columns.ids.join(', ')}`);
      }
      if (!isUniqueViolation(error, 'events_stream_version_uq')) throw error;
      rows = [];
    }
    if (rows.length === 0) throw await this.firstWrongExpectation(appends);
    const byStream = new Map<string, AppendResult['events']>();
    for (const r of rows) {
      const list = byStream.get(r.stream_id) ?? [];
      list.push({ eventId: r.event_id, version: r.version, position: BigInt(r.position) });
      byStream.set(r.stream_id, list);
    }
    return appends.map((a) => {
      const events = (byStream.get(a.streamId) ?? []).sort((x, y) => x.version - y.version);
      const last = events[events.length - 1];
      this.learnHead(a.streamId, last.version);
      return { version: last.version, position: last.position, events };
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    assertStreamId(streamId);
    const { rows } = await this.db.query<EventRow>({
      name: 'event_store_read_stream',
      text: `SELECT ${COLUMNS} FROM event_store.events
             WHERE stream_id = $1 AND version >= $2 AND ($3::timestamptz IS NULL OR recorded_at <= $3)
             ORDER BY version`,
      values: [streamId, options.fromVersion ?? 1, options.asOf ?? null],
    });
    if (rows.length > 0) this.learnHead(streamId, rows[rows.length - 1].version);
    return rows.map((r) => this.toStored(r));
  }

  async readStreams(reads: StreamRead[]): Promise<Map<string, StoredEvent[]>> {
    const byStream = new Map<string, StoredEvent[]>();
    if (reads.length === 0) return byStream;
    const seen = new Set<string>();
    for (const read of reads) {
      assertStreamId(read.streamId);
      if (seen.has(read.streamId)) throw new RangeError(`stream ${read.streamId} appears twice in one read`);
      seen.add(read.streamId);
    }
    const { rows } = await this.db.query<EventRow>({
      name: 'event_store_read_streams',
      text: READ_STREAMS_SQL,
      values: [reads.map((r) => r.streamId), reads.map((r) => r.fromVersion ?? 1)],
    });
    for (const row of rows) {
      const event = this.toStored(row);
      const list = byStream.get(event.streamId);
      if (list) list.push(event);
      else byStream.set(event.streamId, [event]);
    }
    for (const [streamId, events] of byStream) this.learnHead(streamId, events[events.length - 1].version);
    return byStream;
  }

  /**
   * A gap-safe page of the log after `after`. Identical reads while one is under way share it (the
   * runners of a process are poked together and mostly stand at the same checkpoint): one query and
   * one parse instead of one per runner. Each caller gets its own array of the same event objects,
   * which are read-only.
   */
  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0n;
    const limit = options.limit ?? 500;
    const key = `${after}/${limit}/${options.categories?.join(',') ?? ''}`;
    let page = this.pagesInFlight.get(key);
    if (!page) {
      page = this.readPage(after, limit, options.categories).finally(() => this.pagesInFlight.delete(key));
      this.pagesInFlight.set(key, page);
    }
    return (await page).slice();
  }

  private async readPage(after: bigint, limit: number, categories: string[] | undefined): Promise<StoredEvent[]> {
    const { rows } = await this.db.query<EventRow>({
      name: 'event_store_read_all',
      text: READ_ALL_SQL,
      values: [after.toString(), limit, categories?.map((c) => `${c}-%`) ?? null],
    });
    await this.checkCursor(after, rows);
    return rows.map((r) => this.toStored(r));
  }

  /**
   * `readAll` for a publisher that passes the payload on as JSON: the same gap-safe page, with each
   * event's data left as JSON text (upcast, then re-serialised, only when its schema is behind), so
   * the rows cost no parse. Parsing `data` gives what `readAll` returns. Consecutive events with the
   * same metadata (one append's) share one metadata object: treat it as read-only.
   */
  async readAllJson(options: ReadAllOptions = {}): Promise<StoredEventJson[]> {
    const after = options.after ?? 0n;
    const limit = options.limit ?? 500;
    const patterns = options.categories?.map((c) => `${c}-%`) ?? null;
    const { rows } = await this.db.query<JsonEventRow>({
      name: 'event_store_read_all_json',
      text: READ_ALL_JSON_SQL,
      values: [after.toString(), limit, patterns],
    });
    await this.checkCursor(after, rows);
    const events: StoredEventJson[] = new Array(rows.length);
    // The events of one append share their metadata: parse it once per run of equal texts.
    let metadataText: string | null = null;
    let metadata: EventMetadata = {};
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (row.metadata !== metadataText) {
        metadataText = row.metadata;
        metadata = (JSON.parse(metadataText) as EventMetadata | null) ?? {};
      }
      let schemaVersion = row.schema_version;
      let dataJson = row.data;
      if (this.registry.isBehind(row.type, schemaVersion)) {
        const upcast = this.registry.upcast(row.type, schemaVersion, JSON.parse(dataJson) as Record<string, unknown>);
        schemaVersion = upcast.schemaVersion;
        dataJson = JSON.stringify(upcast.data);
      }
      events[i] = {
        position: row.position,
        streamId: row.stream_id,
        version: row.version,
        eventId: row.event_id,
        type: row.type,
        schemaVersion,
        dataJson,
        metadata,
        recordedAtMs: row.recorded_at_ms,
      };
    }
    return events;
  }

  async streamVersion(streamId: string): Promise<number> {
    const { rows } = await this.db.query<{ v: number }>({
      name: 'event_store_stream_version',
      text: `SELECT coalesce((SELECT version FROM event_store.events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1), 0) AS v`,
      values: [streamId],
    });
    return rows[0].v;
  }

  /**
   * True when a reader whose cursor is `checkpoint` has already passed `position` in commit order:
   * what "the read model has caught up with my write" means under gap-safe reads.
   */
  async hasReached(checkpoint: bigint, position: bigint): Promise<boolean> {
    if (position <= 0n) return true;
    if (checkpoint <= 0n) return false;
    if (checkpoint === position) return true;
    const { rows } = await this.db.query<{ reached: boolean | null }>({
      name: 'event_store_has_reached',
      text: `SELECT (SELECT (tx_id, position) FROM event_store.events WHERE position = $2)
                 <= (SELECT (tx_id, position) FROM event_store.events WHERE position = $1) AS reached`,
      values: [checkpoint.toString(), position.toString()],
    });
    return rows[0]?.reached === true;
  }

  /** The position of the newest event a gap-safe reader can see now (0 when none). */
  async headPosition(): Promise<bigint> {
    const { rows } = await this.db.query<{ position: string | null }>(
      `SELECT position FROM event_store.events WHERE tx_id < ${READ_HORIZON_SQL}
       ORDER BY tx_id DESC, position DESC LIMIT 1`,
    );
    return rows[0]?.position ? BigInt(rows[0].position) : 0n;
  }

  /** The columns of the rows to insert: ids, registered schema versions, serialised payloads and metadata. */
  private rows(events: NewEvent[], metadata: EventMetadata) {
    const ids: string[] = [];
    const types: string[] = [];
    const versions: number[] = [];
    const datas: string[] = [];
    const metas: string[] = [];
    const sharedMeta = serialize('metadata', metadata);
    for (const event of events) {
      versions.push(this.registry.currentVersion(event.type));
      if (event.eventId !== undefined && !UUID.test(event.eventId)) {
        throw new InvalidAppend(`eventId must be a UUID, got ${JSON.stringify(event.eventId)}`);
      }
      if (event.data === null || typeof event.data !== 'object' || Array.isArray(event.data)) {
        throw new NonSerializablePayload(event.type, 'data must be a JSON object');
      }
      // UUID v7 (time-ordered): the UNIQUE (event_id) index is appended at its right edge like the
      // others, instead of at random pages that stop fitting in shared_buffers as the log grows.
      ids.push(event.eventId ?? timeOrderedUuid());
      types.push(event.type);
      datas.push(serialize(event.type, event.data));
      metas.push(event.metadata ? serialize(event.type, { ...metadata, ...event.metadata }) : sharedMeta);
    }
    return { ids, types, versions, datas, metas };
  }

  /** After a refused batch: the first stream whose head is not what its append expected (or, after a race, the first). */
  private async firstWrongExpectation(appends: StreamAppend[]): Promise<WrongExpectedVersion> {
    for (const a of appends) {
      const actual = await this.streamVersion(a.streamId);
      const expected = toExpectedParam(a.expected);
      if (actual !== expected) return new WrongExpectedVersion(a.streamId, a.expected, actual);
    }
    const first = appends[0];
    return new WrongExpectedVersion(first.streamId, first.expected, await this.streamVersion(first.streamId));
  }

  /**
   * How far a reader whose cursor is `checkpoint` is behind the log: the committed events after it in
   * commit order (including those a long writer of this database still holds back), and the age of
   * the oldest of them (0 when caught up).
   */
  async lagBehind(checkpoint: bigint): Promise<{ events: number; seconds: number }> {
    const { rows } = await this.db.query<{ events: number; seconds: number | null }>({
      name: 'event_store_lag_behind',
      text: `SELECT count(*)::int AS events, extract(epoch FROM now() - min(e.recorded_at))::float8 AS seconds
             FROM event_store.events e
             WHERE (e.tx_id, e.position) > (coalesce((SELECT c.tx_id FROM event_store.events c WHERE c.position = $1::bigint), '0'::xid8), $1::bigint)`,
      values: [checkpoint.toString()],
    });
    return { events: rows[0].events, seconds: Math.max(0, rows[0].seconds ?? 0) };
  }

  /**
   * The oldest transaction of this database that holds an xid (a writer), or a prepared one: what
   * keeps gap-safe readers of this log waiting, by design. Null when there is none.
   */
  async oldestWriter(): Promise<{ pid: number | null; ageSeconds: number; query: string; applicationName: string | null } | null> {
    const { rows } = await this.db.query<{ pid: number | null; age: number; query: string; application_name: string | null }>(
      `SELECT pid, extract(epoch FROM now() - xact_start)::float8 AS age, left(query, 500) AS query, application_name
       FROM pg_stat_activity
       WHERE backend_xid IS NOT NULL AND datname = current_database() AND pid <> pg_backend_pid()
       UNION ALL
       SELECT NULL, extract(epoch FROM now() - prepared)::float8, 'PREPARED TRANSACTION ' || gid, NULL
       FROM pg_prepared_xacts WHERE database = current_database()
       ORDER BY age DESC LIMIT 1`,
    );
    const row = rows[0];
    return row ? { pid: row.pid, ageSeconds: Math.max(0, row.age), query: row.query, applicationName: row.application_name } : null;
  }

  /** An empty page after a position that holds no event is a bad cursor (UnknownPosition), not the log's end. */
  private async checkCursor(after: bigint, rows: Array<{ position: string }>): Promise<void> {
    if (rows.length) {
      if (this.knownPositions.size >= 1024) this.knownPositions.clear();
      this.knownPositions.add(rows[rows.length - 1].position);
      return;
    }
    if (after === 0n || this.knownPositions.has(after.toString())) return;
    const { rowCount } = await this.db.query(`SELECT 1 FROM event_store.events WHERE position = $1`, [after.toString()]);
    if (!rowCount) throw new UnknownPosition(after);
    this.knownPositions.add(after.toString());
  }

  private toStored(row: EventRow): StoredEvent {
    const { schemaVersion, data } = this.registry.upcast(row.type, row.schema_version, row.data);
    return {
      position: BigInt(row.position),
      streamId: row.stream_id,
      version: row.version,
      eventId: row.event_id,
      type: row.type,
      schemaVersion,
      data,
      metadata: row.metadata,
      recordedAt: row.recorded_at,
    };
  }
}

export function assertStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string' || streamId.length > MAX_STREAM_ID || !STREAM_ID.test(streamId)) {
    throw new InvalidStreamId(streamId);
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return (error as DatabaseError).code === '23505' && (error as DatabaseError).constraint === constraint;
}

function toExpectedParam(expected: ExpectedVersion): number {
  if (expected === 'any') return -1;
  if (expected === 'no-stream') return 0;
  if (Number.isInteger(expected) && expected >= 0) return expected;
  throw new InvalidAppend(`expected version must be a non-negative integer, "no-stream" or "any", got ${String(expected)}`);
}

/** JSON that PostgreSQL's jsonb will take back unchanged, or a typed error naming the problem. */
function serialize(eventType: string, value: unknown): string {
  try {
    return JSON.stringify(value, function (key, v: unknown) {
      switch (typeof v) {
        case 'bigint':
          throw new NonSerializablePayload(eventType, `"${key}" is a bigint; store it as a string`);
        case 'function':
        case 'symbol':
          throw new NonSerializablePayload(eventType, `"${key}" is a ${typeof v}`);
        case 'number':
          if (!Number.isFinite(v)) throw new NonSerializablePayload(eventType, `"${key}" is ${v}`);
          break;
        case 'string':
          if (v.includes('\u0000')) throw new NonSerializablePayload(eventType, `"${key}" contains a NUL character`);
          break;
      }
      return v;
    });
  } catch (error) {
    if (error instanceof NonSerializablePayload) throw error;
    throw new NonSerializablePayload(eventType, (error as Error).message);
  }
}

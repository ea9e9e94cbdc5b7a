import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { escapeLiteral, type QueryResult } from 'pg';
import {
  beginHandlerTransactionSql,
  type PgClient,
  type PgPool,
  type PostgresEventStore,
  type StoredEvent,
  type SubscriptionHandler,
  withTransaction,
} from '@app/event-store';
import { fromCloudEvent, topicForCategory } from './cloud-event';
import { traceEach } from './tracing';
import { SpanKind } from '@opentelemetry/api';
import { CLIENT_RETRY, createConsumer, ensureTopics, silentLogger, type MessagingLogger } from './kafka.config';

// Longer than a consumer group (re)join may legitimately block (rebalanceTimeout below), so the
// watchdog never kills a join in progress.
const WATCHDOG_MS = 45_000;
/** About five minutes of a missing broker at CLIENT_RETRY's 1 s cap. */
const CONSUMER_RETRIES = 300;
const PROBE_TIMEOUT_MS = 3_000;
const PROBE_INTERVAL_MS = 5_000;
/** How long a silent consumer gets to resume once the broker answers again, before it is replaced. */
const RETURN_GRACE_MS = 15_000;
/** Pause before replacing a crashed consumer: long enough not to spin, short for a broker that is back. */
const RESTART_DELAY_MS = 500;
/**
 * How long applied offsets wait before they are committed to Kafka, together in one request. The
 * high-water marks in PostgreSQL make a redelivery harmless, so committing each batch's offset before
 * fetching the next would only cost a broker round trip per batch.
 */
const OFFSET_FLUSH_MS = 250;
/**
 * Batches of several partitions share a transaction up to this many messages, so a catch-up still
 * commits in steps of about one batch (a batch bigger than this goes alone).
 */
const SHARED_TRANSACTION_EVENTS = 500;

export interface KafkaProjectorOptions {
  topicPrefix: string;
  /** Aggregate types to consume when the handler names none. */
  categories: string[];
  /** Defaults to `<prefix>.projector.<handler name>`. */
  groupId?: string;
  /** Failures of one event before it is parked in messaging.dead_letters and skipped. */
  maxAttempts?: number;
  retryDelayMs?: number;
  /**
   * Batches handed over at once (kafkajs's partitionsConsumedConcurrently); those waiting together are
   * applied in one transaction. Defaults to every partition of the projector's topics.
   */
  partitionsConsumedConcurrently?: number;
  /** Partitions of topics created here. */
  partitions?: number;
  /** Replication factor of topics created here (the broker's default when absent). */
  replicationFactor?: number;
  /** Source of missing stream versions, should a message ever be lost upstream. */
  store?: PostgresEventStore;
  logger?: MessagingLogger;
}

interface Parsed {
  message: KafkaMessage;
  event?: StoredEvent;
  error?: Error;
}

/** The messages of one partition's batch, as applied in a transaction. */
interface Slice {
  topic: string;
  partition: number;
  parsed: Parsed[];
}

/** A batch waiting for the shared transaction (see `together`). */
interface Waiting extends Slice {
  settle(error?: unknown): void;
}

/** The shared transaction failed: each of its batches is tried on its own. */
class SharedTransactionFailed extends Error {
  constructor(cause: unknown) {
    super(`transaction of several batches failed: ${String(cause)}`, { cause });
  }
}

/**
 * Feeds a SubscriptionHandler from Kafka as its own consumer group. The batches of one fetch are
 * applied in one PostgreSQL transaction together with the per-stream high-water marks
 * (messaging.stream_positions), so a redelivered message (relay re-send, uncommitted offset,
 * rebalance) changes nothing; offsets are committed only after that transaction has committed, every
 * OFFSET_FLUSH_MS. Kafka keeps one stream in one partition,
 * in order, which is the only order handlers may rely on here (the log runner gives global order).
 * An event that keeps failing is parked and its stream moves on, so it blocks nothing.
 */
export class KafkaProjector {
  readonly groupId: string;
  readonly topics: string[];
  private consumer: Consumer | null = null;
  private readonly attempts = new Map<string, number>();
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  private readonly logger: MessagingLogger;
  private applied = 0;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private lastActivity = Date.now();
  private readonly waiting: Waiting[] = [];
  private applying = false;
  /** Offsets applied in PostgreSQL and not yet committed to Kafka, by topic and partition. */
  private readonly toCommit = new Map<string, { topic: string; partition: number; offset: string }>();
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly pool: PgPool,
    private readonly kafka: Kafka,
    readonly handler: SubscriptionHandler,
    private readonly options: KafkaProjectorOptions,
  ) {
    this.groupId = options.groupId ?? `${options.topicPrefix}.projector.${handler.name}`;
    const categories = handler.categories?.length ? handler.categories : options.categories;
    this.topics = categories.map((c) => topicForCategory(c, { prefix: options.topicPrefix }));
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 100;
    this.logger = options.logger ?? silentLogger;
  }

  get name(): string {
    return this.handler.name;
  }

  /** Events handed to the handler by this instance (duplicates excluded). */
  get appliedCount(): number {
    return this.applied;
  }

  /**
   * Messages on this projector's topics that its group has not committed yet (null when the broker
   * does not answer within PROBE_TIMEOUT_MS): its lag, as any Kafka tool would report it.
   */
  async lag(): Promise<number | null> {
    const admin = this.kafka.admin();
    const measure = (async () => {
      await admin.connect();
      let total = 0;
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId: this.groupId, topics: this.topics })) {
        const ends = await admin.fetchTopicOffsets(topic);
        for (const { partition, offset } of partitions) {
          const end = ends.find((e) => e.partition === partition);
          if (!end) continue;
          const committed = Number(offset) < 0 ? Number(end.low) : Number(offset);
          total += Math.max(0, Number(end.high) - committed);
        }
      }
      return total;
    })();
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([measure, new Promise<null>((r) => (timer = setTimeout(() => r(null), PROBE_TIMEOUT_MS)))]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
      void measure.catch(() => undefined).finally(() => admin.disconnect().catch(() => undefined));
    }
  }

  async start(): Promise<void> {
    if (this.consumer) return;
    this.stopped = false;
    await ensureTopics(this.kafka, this.topics, this.options.partitions ?? 3, this.options.replicationFactor);
    const config = {
      groupId: this.groupId,
      // The broker's default minimum. A consumer that crashed while the broker was away stays a
      // member until this runs out, and its replacement's join waits for that (createConsumer keeps
      // the one crash seen in the drills, at a single broker's controlled shutdown, from happening).
      sessionTimeout: 6_000,
      rebalanceTimeout: 20_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 250,
      // Rides out a broker outage of minutes with its group membership: a consumer that crashed
      // instead would leave its member behind in the group, and the broker's return would then wait a
      // session timeout for that ghost before anyone could rejoin. Past that, we restart crashed
      // consumers ourselves, with a fresh client: kafkajs's in-place restart can keep a stale group
      // coordinator after a broker restart and stop consuming without a word.
      retry: { ...CLIENT_RETRY, retries: CONSUMER_RETRIES, restartOnFailure: async () => false },
    };
    // A single broker's controlled shutdown would otherwise crash the consumer (see createConsumer).
    const consumer: Consumer = createConsumer(this.kafka, config, () => this.stopped || this.consumer !== consumer, this.logger);
    consumer.on(consumer.events.CRASH, (e) => {
      this.logger.warn('consumer crashed', { subscription: this.name, error: String(e.payload.error) });
      if (this.consumer === consumer) this.restartLater(consumer);
    });
    const alive = () => (this.lastActivity = Date.now());
    for (const event of [consumer.events.FETCH_START, consumer.events.HEARTBEAT, consumer.events.GROUP_JOIN]) consumer.on(event, alive);
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      // A new assignment: offsets kept for partitions of the old one are not ours to commit (their
      // events are applied, so the new owner skips them as redeliveries).
      this.toCommit.clear();
      this.logger.log('projector joined its group', { subscription: this.name, memberId: e.payload.memberId, joinMs: e.payload.duration });
    });
    this.armWatchdog(consumer);
    this.consumer = consumer;
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: this.topics, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? this.topics.length * (this.options.partitions ?? 3),
        eachBatch: (payload) => this.onBatch(payload),
      });
    } catch (error) {
      this.consumer = null;
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.logger.log('projector consuming', { subscription: this.name, groupId: this.groupId, topics: this.topics });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    const consumer = this.consumer;
    if (consumer) await this.flushOffsets(consumer);
    this.consumer = null;
    await consumer?.disconnect();
  }

  /**
   * A consumer that neither fetches nor heartbeats for WATCHDOG_MS while the broker answers is wedged
   * (seen after broker restarts); replace it. One that is silent because the broker is away is left
   * alone: it keeps its group membership and resumes within a second of the broker's return, where a
   * replacement would wait a session timeout for the old member to expire. Offsets are committed only
   * after the PostgreSQL commit, so nothing is lost either way.
   */
  private armWatchdog(consumer: Consumer): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.lastActivity = Date.now();
    let probing = false;
    let graceGiven = false;
    this.watchdog = setInterval(() => {
      if (this.consumer !== consumer || this.stopped || probing) return;
      const silentMs = Date.now() - this.lastActivity;
      if (silentMs <= WATCHDOG_MS) {
        if (silentMs < WATCHDOG_MS - RETURN_GRACE_MS) graceGiven = false; // it spoke again
        return;
      }
      probing = true;
      const silentSince = this.lastActivity;
      void this.brokerAnswers()
        .then((answers) => {
          if (this.consumer !== consumer || this.stopped || this.lastActivity !== silentSince) return;
          if (!answers || !graceGiven) {
            // Away: look again soon. Just back: give the consumer time to resume on its own.
            this.lastActivity = Date.now() - WATCHDOG_MS + (answers ? RETURN_GRACE_MS : PROBE_INTERVAL_MS);
            graceGiven = answers;
            return;
          }
          this.logger.warn('consumer silent, replacing it', { subscription: this.name, silentMs });
          this.restartLater(consumer, 0);
        })
        .finally(() => (probing = false));
    }, 2_000);
    this.watchdog.unref();
  }

  /** Whether a broker answers a metadata request within PROBE_TIMEOUT_MS. */
  private async brokerAnswers(): Promise<boolean> {
    const admin = this.kafka.admin();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS)));
    const probe = admin
      .connect()
      .then(() => admin.describeCluster())
      .then(() => true)
      .catch(() => false);
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
      // Only once the probe has settled: a disconnect while its connect is still retrying (the broker
      // away) is overtaken by that connect when the broker returns, and the connection stays open.
      void probe.finally(() => admin.disconnect().catch(() => undefined));
    }
  }

  private restartLater(crashed: Consumer, delayMs = RESTART_DELAY_MS): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.consumer = null;
    this.restartTimer = setTimeout(() => {
      if (this.stopped) return;
      void crashed
        .disconnect()
        .catch(() => undefined)
        .then(() => this.start())
        .catch((error: unknown) => {
          this.logger.warn('projector restart failed, retrying', { subscription: this.name, error: String(error) });
          this.restartLater(crashed, RESTART_DELAY_MS);
        });
    }, delayMs);
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, isRunning, isStale } = payload;
    if (batch.messages.length === 0) return;
    this.lastActivity = Date.now();
    const slice: Slice = { topic: batch.topic, partition: batch.partition, parsed: batch.messages.map(parse) };
    let applied = false;
    const spans = traceEach(
      slice.parsed.flatMap((p) => (p.event ? [p.event] : [])),
      this.name,
      () => ({ name: `${batch.topic} process ${this.name}`, kind: SpanKind.CONSUMER }),
    );
    try {
      await spans.around(() => this.together(slice));
      applied = true;
    } catch (error) {
      if (!isRunning() || isStale()) return;
      let failure = error;
      if (error instanceof SharedTransactionFailed) {
        try {
          await spans.around(() => this.applyTransaction([slice]));
          applied = true;
        } catch (alone) {
          failure = alone;
        }
      }
      if (!applied)
        this.logger.warn('batch failed, applying one by one', {
          subscription: this.name,
          size: slice.parsed.length,
          error: String(failure),
        });
    }
    if (applied) return this.commit(payload, batch.messages[batch.messages.length - 1].offset);
    for (const one of slice.parsed) {
      if (!(await this.applyOne(payload, one))) return; // stopping or partition revoked: the rest is redelivered
      this.commit(payload, one.message.offset);
    }
  }

  /**
   * Applies a batch in one transaction with the batches of other partitions that arrive while one is
   * being applied (group commit): kafkajs hands over a fetch's batches at once, and one transaction
   * for them costs a third of three. Streams are disjoint across partitions, so their order does not
   * matter. If the shared transaction fails, each batch is told so and tried on its own.
   */
  private together(slice: Slice): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ...slice, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.applying) void this.applyWaiting();
    });
  }

  private async applyWaiting(): Promise<void> {
    this.applying = true;
    try {
      while (this.waiting.length) {
        // kafkajs hands a fetch's batches to its workers at once: let them all arrive first.
        await new Promise((resolve) => setImmediate(resolve));
        let size = 0;
        let count = 0;
        while (count < this.waiting.length && (count === 0 || size + this.waiting[count].parsed.length <= SHARED_TRANSACTION_EVENTS))
          size += this.waiting[count++].parsed.length;
        const taken = this.waiting.splice(0, count);
        try {
          await this.applyTransaction(taken);
          for (const w of taken) w.settle();
        } catch (error) {
          for (const w of taken) w.settle(taken.length > 1 ? new SharedTransactionFailed(error) : error);
        }
      }
    } finally {
      this.applying = false;
    }
  }

  /** Applies one message, retrying with backoff, parking it after maxAttempts; false when told to stop. */
  private async applyOne(payload: EachBatchPayload, one: Parsed): Promise<boolean> {
    const { batch, heartbeat, isRunning, isStale } = payload;
    const key = one.event?.eventId ?? `${batch.topic}/${batch.partition}/${one.message.offset}`;
    for (;;) {
      let failure: unknown;
      try {
        await this.applyTransaction([{ topic: batch.topic, partition: batch.partition, parsed: [one] }]);
        this.attempts.delete(key);
        return true;
      } catch (error) {
        failure = error;
      }
      // A database outage is not the event's fault: retry it without counting towards parking.
      const attempts = (this.attempts.get(key) ?? 0) + (isTransient(failure) ? 0 : 1);
      this.attempts.set(key, attempts);
      if (attempts >= this.maxAttempts) {
        try {
          await this.transaction((tx) => this.park(tx, batch.topic, batch.partition, one, failure, attempts));
          this.attempts.delete(key);
          return true;
        } catch (error) {
          failure = error;
        }
      }
      this.logger.warn('event failed', { subscription: this.name, event: key, attempts, error: String(failure) });
      await sleep(Math.min(this.retryDelayMs * 2 ** attempts, 5_000));
      await heartbeat().catch(() => undefined);
      if (!isRunning() || isStale()) return false;
    }
  }

  /** Marks `offset` applied; it reaches Kafka with the next flush (OFFSET_FLUSH_MS). */
  private commit(payload: EachBatchPayload, offset: string): void {
    const { topic, partition } = payload.batch;
    payload.resolveOffset(offset);
    this.toCommit.set(`${topic}\u0000${partition}`, { topic, partition, offset: (BigInt(offset) + 1n).toString() });
    if (!this.flushing && this.consumer) this.scheduleFlush(this.consumer);
  }

  private scheduleFlush(consumer: Consumer): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flushOffsets(consumer);
    }, OFFSET_FLUSH_MS);
  }

  /**
   * Commits the applied offsets in one request. A failure (a coordinator still loading after a broker
   * restart, a rebalance) keeps them for the next flush, unless newer ones have come meanwhile.
   */
  private async flushOffsets(consumer: Consumer): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    await this.flushing;
    if (this.toCommit.size === 0) return;
    const offsets = [...this.toCommit.entries()];
    this.toCommit.clear();
    this.flushing = consumer
      .commitOffsets(offsets.map(([, o]) => o))
      .catch((error: unknown) => {
        for (const [key, o] of offsets) if (!this.toCommit.has(key)) this.toCommit.set(key, o);
        this.logger.warn('offset commit failed, keeping it for the next', { subscription: this.name, error: String(error) });
      })
      .finally(() => {
        this.flushing = null;
        if (this.toCommit.size && this.consumer === consumer && !this.stopped) this.scheduleFlush(consumer);
      });
    await this.flushing;
  }

  /**
   * Applies `slices` in one transaction with two fixed round trips: BEGIN together with locking the
   * streams' high-water marks, and their update together with COMMIT; the handler's own statements
   * run between.
   */
  private async applyTransaction(slices: Slice[]): Promise<void> {
    const events = slices.flatMap((s) => s.parsed.flatMap((m) => (m.event ? [m.event] : [])));
    const streams = [...new Set(events.map((e) => e.streamId))];
    const begin = beginHandlerTransactionSql(this.handler);
    await withTransaction(
      this.pool,
      async (tx, begun) => this.apply(tx, slices, events, streams.length ? marksOf(begun[begun.length - 1]) : new Map()),
      {
        begin: streams.length ? `${begin}; ${lockSql(this.name, streams)}` : begin,
        beforeCommit: (moved) => (moved.size ? setMarksSql(this.name, moved) : null),
        onConnectionError: (error) => this.logger.warn('connection lost', { subscription: this.name, error: String(error) }),
        discardConnection: isTransient,
      },
    );
  }

  /** Hands the events past their streams' marks to the handler; returns the marks to move. */
  private async apply(tx: PgClient, slices: Slice[], events: StoredEvent[], marks: Map<string, number>): Promise<Map<string, number>> {
    const fresh: StoredEvent[] = [];
    const moved = new Map<string, number>();
    for (const event of events) {
      const mark = marks.get(event.streamId) ?? 0;
      if (event.version <= mark) continue; // already applied: a redelivery
      if (event.version > mark + 1) fresh.push(...(await this.missing(event, mark)));
      fresh.push(event);
      marks.set(event.streamId, event.version);
      moved.set(event.streamId, event.version);
    }
    if (fresh.length) await this.handler.handle(fresh, tx);
    for (const { topic, partition, parsed } of slices) {
      for (const bad of parsed.filter((m) => m.error)) {
        this.logger.error('unreadable message parked', {
          subscription: this.name,
          topic,
          partition,
          offset: bad.message.offset,
          error: String(bad.error),
        });
        await this.insertDeadLetter(tx, topic, partition, bad, bad.error, 1);
      }
    }
    this.applied += fresh.length;
    return moved;
  }

  /** Versions between the mark and `event` that never arrived: read from the log, the source of truth. */
  private async missing(event: StoredEvent, mark: number): Promise<StoredEvent[]> {
    this.logger.warn('stream gap on Kafka, filling from the log', {
      subscription: this.name,
      stream: event.streamId,
      after: mark,
      got: event.version,
    });
    if (!this.options.store)
      throw new Error(`stream ${event.streamId}: version ${event.version} arrived after ${mark}, and no event store to fill the gap`);
    const history = await this.options.store.readStream(event.streamId, { fromVersion: mark + 1 });
    return history.filter((e) => e.version < event.version);
  }

  private async park(tx: PgClient, topic: string, partition: number, one: Parsed, error: unknown, attempts: number): Promise<void> {
    const event = one.event;
    if (event) {
      const mark = marksOf(await tx.query(lockSql(this.name, [event.streamId]))).get(event.streamId) ?? 0;
      if (event.version <= mark) return;
      await tx.query(setMarksSql(this.name, new Map([[event.streamId, event.version]])));
    }
    this.logger.error('parking event after repeated failures', {
      subscription: this.name,
      event: event?.eventId,
      type: event?.type,
      attempts,
      error: String(error),
    });
    await this.insertDeadLetter(tx, topic, partition, one, error, attempts);
  }

  private async insertDeadLetter(
    tx: PgClient,
    topic: string,
    partition: number,
    one: Parsed,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    const e = one.event;
    await tx.query(
      `INSERT INTO messaging.dead_letters
         (subscription, topic, partition, kafka_offset, event_id, stream_id, version, position, type, error, attempts, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (subscription, event_id) WHERE event_id IS NOT NULL DO NOTHING`,
      [
        this.name,
        topic,
        partition,
        one.message.offset,
        e?.eventId ?? null,
        e?.streamId ?? null,
        e?.version ?? null,
        e?.position.toString() ?? null,
        e?.type ?? null,
        errorText(error),
        attempts,
        one.message.value?.toString('utf8') ?? '',
      ],
    );
  }

  private transaction(work: (tx: PgClient) => Promise<void>): Promise<void> {
    return withTransaction(this.pool, work, {
      begin: beginHandlerTransactionSql(this.handler),
      onConnectionError: (error) => this.logger.warn('connection lost', { subscription: this.name, error: String(error) }),
      discardConnection: isTransient,
    });
  }
}

/**
 * Locks the streams' high-water marks (messaging.stream_positions) in a fixed order, so two
 * consumers never deadlock, creating the missing ones at 0, and returns them: a stale consumer still
 * working on a revoked partition waits here and then skips what the new owner applied. Literal values
 * (simple protocol), so it can share a round trip with BEGIN.
 */
function lockSql(subscription: string, streams: string[]): string {
  return `INSERT INTO messaging.stream_positions AS sp (subscription, stream_id, version)
          SELECT ${escapeLiteral(subscription)}, s, 0 FROM unnest(ARRAY[${streams.map(escapeLiteral).join(',')}]::text[]) AS s ORDER BY s
          ON CONFLICT (subscription, stream_id) DO UPDATE SET version = sp.version
          RETURNING stream_id, version`;
}

/** Moves the streams' high-water marks (locked by lockSql in the same transaction); literal values. */
function setMarksSql(subscription: string, marks: Map<string, number>): string {
  const versions = [...marks.values()].map((v) => {
    if (!Number.isSafeInteger(v)) throw new Error(`stream version ${String(v)} is not an integer`);
    return String(v);
  });
  return `UPDATE messaging.stream_positions sp SET version = v.version
          FROM unnest(ARRAY[${[...marks.keys()].map(escapeLiteral).join(',')}]::text[], ARRAY[${versions.join(',')}]::int[]) AS v(stream_id, version)
          WHERE sp.subscription = ${escapeLiteral(subscription)} AND sp.stream_id = v.stream_id`;
}

function marksOf(result: QueryResult): Map<string, number> {
  return new Map((result.rows as Array<{ stream_id: string; version: number }>).map((r) => [r.stream_id, r.version]));
}

function parse(message: KafkaMessage): Parsed {
  try {
    return { message, event: fromCloudEvent(message.value) };
  } catch (error) {
    return { message, error: error as Error };
  }
}

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '40001', '40P01', '55P03']);

function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (TRANSIENT_CODES.has(code) || /^(08|53|57P)/.test(code))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(String(error));
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}`.slice(0, 4000) : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

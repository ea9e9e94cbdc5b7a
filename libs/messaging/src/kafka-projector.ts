import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { escapeLiteral, type QueryResult } from 'pg';
import {
  beginHandlerTransactionSql,
  groupAlike,
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
  /**
   * What the projector is called in its group id, logs and traces: required for several handlers; one
   * handler's projector is called by the handler's name.
   */
  name?: string;
  /** Defaults to `<prefix>.projector.<name>`. */
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

/** A handler and the topics it consumes. */
interface Fed {
  handler: SubscriptionHandler;
  topics: Set<string>;
}

/** The shared transaction failed: each of its batches is tried on its own. */
class SharedTransactionFailed extends Error {
  constructor(cause: unknown) {
    super(`transaction of several batches failed: ${String(cause)}`, { cause });
  }
}

/**
 * Feeds one or several SubscriptionHandlers from Kafka as one consumer group. Each message is fetched
 * and decoded once, whatever the number of handlers. The batches of one fetch are applied in one
 * PostgreSQL transaction, every handler's events in it, together with the per-handler, per-stream
 * high-water marks (messaging.stream_positions), so a redelivered message (relay re-send, uncommitted
 * offset, rebalance) changes nothing; offsets are committed only after that transaction has committed,
 * every OFFSET_FLUSH_MS. Handlers that share a consumer must begin their transactions the same way
 * (schema, durability). Kafka keeps one stream in one partition, in order, which is the only order
 * handlers may rely on here (the log runner gives global order).
 *
 * A failing handler holds the others back only briefly: when the shared transaction fails, each
 * handler applies the batch in a transaction of its own, and the one that fails goes through it event
 * by event; an event that keeps failing is parked for that handler and its stream moves on, so it
 * blocks nothing.
 */
export class KafkaProjector {
  readonly groupId: string;
  readonly topics: string[];
  readonly name: string;
  readonly handlers: readonly SubscriptionHandler[];
  private readonly fed: Fed[];
  private readonly beginSql: string;
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
    handlers: SubscriptionHandler | readonly SubscriptionHandler[],
    private readonly options: KafkaProjectorOptions,
  ) {
    this.handlers = Array.isArray(handlers) ? handlers : [handlers as SubscriptionHandler];
    if (this.handlers.length === 0) throw new Error('a Kafka projector needs at least one handler');
    if (this.handlers.length > 1 && !options.name) throw new Error('a Kafka projector of several handlers needs a name');
    if (new Set(this.handlers.map((h) => h.name)).size !== this.handlers.length) throw new Error('handler names must differ');
    this.name = options.name ?? this.handlers[0].name;
    this.beginSql = beginHandlerTransactionSql(this.handlers[0]);
    const other = this.handlers.find((h) => beginHandlerTransactionSql(h) !== this.beginSql);
    if (other)
      throw new Error(`${other.name} begins its transactions differently from ${this.handlers[0].name}: they cannot share a consumer`);
    this.groupId = options.groupId ?? `${options.topicPrefix}.projector.${this.name}`;
    this.fed = this.handlers.map((handler) => {
      const categories = handler.categories?.length ? handler.categories : options.categories;
      return { handler, topics: new Set(categories.map((c) => topicForCategory(c, { prefix: options.topicPrefix }))) };
    });
    this.topics = [...new Set(this.fed.flatMap((f) => [...f.topics]))];
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 100;
    this.logger = options.logger ?? silentLogger;
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
    const byTopic = await this.lagByTopic();
    return byTopic && [...byTopic.values()].reduce((a, b) => a + b, 0);
  }

  /**
   * Each handler's lag: the group's uncommitted messages on the handler's topics (offsets move when
   * every handler has applied a message, so this is at most what the handler itself has still to do).
   */
  async handlerLags(): Promise<Array<{ name: string; events: number | null }>> {
    const byTopic = await this.lagByTopic();
    return this.fed.map(({ handler, topics }) => ({
      name: handler.name,
      events: byTopic && [...topics].reduce((sum, t) => sum + (byTopic.get(t) ?? 0), 0),
    }));
  }

  private async lagByTopic(): Promise<Map<string, number> | null> {
    const admin = this.kafka.admin();
    const measure = (async () => {
      await admin.connect();
      const lags = new Map<string, number>();
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId: this.groupId, topics: this.topics })) {
        const ends = await admin.fetchTopicOffsets(topic);
        let total = 0;
        for (const { partition, offset } of partitions) {
          const end = ends.find((e) => e.partition === partition);
          if (!end) continue;
          const committed = Number(offset) < 0 ? Number(end.low) : Number(offset);
          total += Math.max(0, Number(end.high) - committed);
        }
        lags.set(topic, total);
      }
      return lags;
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
    const spans = traceEach(
      slice.parsed.flatMap((p) => (p.event ? [p.event] : [])),
      this.name,
      () => ({ name: `${batch.topic} process ${this.name}`, kind: SpanKind.CONSUMER }),
    );
    // The handlers this batch still has to reach, and why the last attempt failed.
    let failed: Fed[] = [];
    let failure: unknown;
    try {
      await spans.around(() => this.together(slice));
    } catch (error) {
      if (!isRunning() || isStale()) return;
      failure = error;
      const own = this.fed.filter((f) => f.topics.has(slice.topic));
      if (error instanceof SharedTransactionFailed || own.length > 1) {
        // Another partition's batch or another handler may be the one failing: each handler on its own.
        for (const f of own) {
          try {
            await spans.around(() => this.applyTransaction([slice], [f]));
          } catch (alone) {
            failed.push(f);
            failure = alone;
          }
        }
      } else failed = own;
      if (failed.length)
        this.logger.warn('batch failed, applying one by one', {
          subscription: this.name,
          handlers: failed.map((f) => f.handler.name),
          size: slice.parsed.length,
          error: String(failure),
        });
    }
    if (failed.length === 0) return this.commit(payload, batch.messages[batch.messages.length - 1].offset);
    for (const one of slice.parsed) {
      for (const f of failed) if (!(await this.applyOne(payload, one, f))) return; // stopping or partition revoked: the rest is redelivered
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

  /**
   * Applies one message for one handler, retrying with backoff, parking it for that handler after
   * maxAttempts; false when told to stop.
   */
  private async applyOne(payload: EachBatchPayload, one: Parsed, fed: Fed): Promise<boolean> {
    const { batch, heartbeat, isRunning, isStale } = payload;
    const subscription = fed.handler.name;
    const key = `${subscription}\u0000${one.event?.eventId ?? `${batch.topic}/${batch.partition}/${one.message.offset}`}`;
    for (;;) {
      let failure: unknown;
      try {
        await this.applyTransaction([{ topic: batch.topic, partition: batch.partition, parsed: [one] }], [fed]);
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
          await this.transaction((tx) => this.park(tx, subscription, batch.topic, batch.partition, one, failure, attempts));
          this.attempts.delete(key);
          return true;
        } catch (error) {
          failure = error;
        }
      }
      this.logger.warn('event failed', { subscription, event: one.event?.eventId ?? key, attempts, error: String(failure) });
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
   * Applies `slices` for `fed` (every handler by default) in one transaction with two fixed round
   * trips: BEGIN together with locking the handlers' high-water marks of the streams, and their update
   * together with COMMIT; the handlers' own statements run between.
   */
  private async applyTransaction(slices: Slice[], fed: readonly Fed[] = this.fed): Promise<void> {
    const work = fed.map((f) => ({
      fed: f,
      slices: slices.filter((s) => f.topics.has(s.topic)),
      events: slices.flatMap((s) => (f.topics.has(s.topic) ? s.parsed.flatMap((m) => (m.event ? [m.event] : [])) : [])),
    }));
    const marked = work.flatMap((w) =>
      [...new Set(w.events.map((e) => e.streamId))].map((stream) => ({ subscription: w.fed.handler.name, stream })),
    );
    await withTransaction(
      this.pool,
      async (tx, begun) => {
        const marks = marked.length ? marksOf(begun[begun.length - 1]) : new Map<string, Mark>();
        const moved: Mark[] = [];
        for (const w of work) moved.push(...(await this.apply(tx, w.fed, w.slices, w.events, marks)));
        return moved;
      },
      {
        begin: marked.length ? `${this.beginSql}; ${lockSql(marked)}` : this.beginSql,
        beforeCommit: (moved) => (moved.length ? setMarksSql(moved) : null),
        onConnectionError: (error) => this.logger.warn('connection lost', { subscription: this.name, error: String(error) }),
        discardConnection: isTransient,
      },
    );
  }

  /** Hands one handler the events past its streams' marks; returns the marks to move. */
  private async apply(tx: PgClient, fed: Fed, slices: Slice[], events: StoredEvent[], marks: Map<string, Mark>): Promise<Mark[]> {
    const subscription = fed.handler.name;
    const fresh: StoredEvent[] = [];
    const moved = new Map<string, Mark>();
    for (const event of events) {
      const key = markKey(subscription, event.streamId);
      const mark = marks.get(key)?.version ?? 0;
      if (event.version <= mark) continue; // already applied: a redelivery
      if (event.version > mark + 1) fresh.push(...(await this.missing(subscription, event, mark)));
      fresh.push(event);
      const next = { subscription, stream: event.streamId, version: event.version };
      marks.set(key, next);
      moved.set(key, next);
    }
    if (fresh.length) await fed.handler.handle(fresh, tx);
    for (const { topic, partition, parsed } of slices) {
      for (const bad of parsed.filter((m) => m.error)) {
        this.logger.error('unreadable message parked', {
          subscription,
          topic,
          partition,
          offset: bad.message.offset,
          error: String(bad.error),
        });
        await this.insertDeadLetter(tx, subscription, topic, partition, bad, bad.error, 1);
      }
    }
    this.applied += fresh.length;
    return [...moved.values()];
  }

  /** Versions between the mark and `event` that never arrived: read from the log, the source of truth. */
  private async missing(subscription: string, event: StoredEvent, mark: number): Promise<StoredEvent[]> {
    this.logger.warn('stream gap on Kafka, filling from the log', {
      subscription,
      stream: event.streamId,
      after: mark,
      got: event.version,
    });
    if (!this.options.store)
      throw new Error(`stream ${event.streamId}: version ${event.version} arrived after ${mark}, and no event store to fill the gap`);
    const history = await this.options.store.readStream(event.streamId, { fromVersion: mark + 1 });
    return history.filter((e) => e.version < event.version);
  }

  private async park(
    tx: PgClient,
    subscription: string,
    topic: string,
    partition: number,
    one: Parsed,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    const event = one.event;
    if (event) {
      const mark = marksOf(await tx.query(lockSql([{ subscription, stream: event.streamId }]))).get(markKey(subscription, event.streamId));
      if (event.version <= (mark?.version ?? 0)) return;
      await tx.query(setMarksSql([{ subscription, stream: event.streamId, version: event.version }]));
    }
    this.logger.error('parking event after repeated failures', {
      subscription,
      event: event?.eventId,
      type: event?.type,
      attempts,
      error: String(error),
    });
    await this.insertDeadLetter(tx, subscription, topic, partition, one, error, attempts);
  }

  private async insertDeadLetter(
    tx: PgClient,
    subscription: string,
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
        subscription,
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
      begin: this.beginSql,
      onConnectionError: (error) => this.logger.warn('connection lost', { subscription: this.name, error: String(error) }),
      discardConnection: isTransient,
    });
  }
}

/** A consumer group of projectors: its name, id, handlers and topics. */
export interface ProjectorGroup {
  name: string;
  groupId: string;
  handlers: SubscriptionHandler[];
  topics: string[];
}

/**
 * How a process's handlers share consumer groups: all the handlers that begin their transactions alike
 * (the read models: one schema, derived data only) share one, `<prefix>.projector.<schema>`, so each
 * message is fetched and decoded once and applied for all of them in one transaction; a handler alone
 * in its kind (the webhook fan-out) keeps its own, `<prefix>.projector.<handler name>`.
 */
export function projectorGroups(
  handlers: readonly SubscriptionHandler[],
  options: Pick<KafkaProjectorOptions, 'topicPrefix' | 'categories'>,
): ProjectorGroup[] {
  return groupAlike(handlers, (h) => h).map(({ name, members }) => {
    const categories = members.flatMap((h) => (h.categories?.length ? h.categories : options.categories));
    return {
      name,
      groupId: `${options.topicPrefix}.projector.${name}`,
      handlers: members,
      topics: [...new Set(categories)].map((c) => topicForCategory(c, { prefix: options.topicPrefix })),
    };
  });
}

/** A handler's high-water mark of one stream: the last version it applied. */
interface Mark {
  subscription: string;
  stream: string;
  version: number;
}

function markKey(subscription: string, stream: string): string {
  return `${subscription}\u0000${stream}`;
}

/**
 * Locks the handlers' high-water marks of the streams (messaging.stream_positions) in a fixed order, so
 * two consumers never deadlock, creating the missing ones at 0, and returns them: a stale consumer still
 * working on a revoked partition waits here and then skips what the new owner applied. Literal values
 * (simple protocol), so it can share a round trip with BEGIN.
 */
function lockSql(marks: Array<{ subscription: string; stream: string }>): string {
  return `INSERT INTO messaging.stream_positions AS sp (subscription, stream_id, version)
          SELECT v.subscription, v.stream_id, 0
          FROM unnest(ARRAY[${marks.map((m) => escapeLiteral(m.subscription)).join(',')}]::text[],
                      ARRAY[${marks.map((m) => escapeLiteral(m.stream)).join(',')}]::text[]) AS v(subscription, stream_id)
          ORDER BY v.subscription, v.stream_id
          ON CONFLICT (subscription, stream_id) DO UPDATE SET version = sp.version
          RETURNING subscription, stream_id, version`;
}

/** Moves the handlers' high-water marks (locked by lockSql in the same transaction); literal values. */
function setMarksSql(marks: Mark[]): string {
  const versions = marks.map(({ version }) => {
    if (!Number.isSafeInteger(version)) throw new Error(`stream version ${String(version)} is not an integer`);
    return String(version);
  });
  return `UPDATE messaging.stream_positions sp SET version = v.version
          FROM unnest(ARRAY[${marks.map((m) => escapeLiteral(m.subscription)).join(',')}]::text[],
                      ARRAY[${marks.map((m) => escapeLiteral(m.stream)).join(',')}]::text[],
                      ARRAY[${versions.join(',')}]::int[]) AS v(subscription, stream_id, version)
          WHERE sp.subscription = v.subscription AND sp.stream_id = v.stream_id`;
}

function marksOf(result: QueryResult): Map<string, Mark> {
  return new Map(
    (result.rows as Array<{ subscription: string; stream_id: string; version: number }>).map((r) => [
      markKey(r.subscription, r.stream_id),
      { subscription: r.subscription, stream: r.stream_id, version: r.version },
    ]),
  );
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

import { CheckpointConflict } from './event-store.errors';
import type { StoredEvent } from './event-store.types';
import { isCheckpointMoveFailure, type CheckpointStore } from './checkpoint-store';
import type { PostgresEventStore } from './postgres-event-store';
import type { PgClient, PgPool } from './pg.types';
import { withTransaction } from './transaction';
import { WakeableSleep } from './wakeable-sleep';

/** A read model or any other consumer of the log. Its writes go through `tx`, the runner's transaction. */
export interface SubscriptionHandler {
  readonly name: string;
  /** Stream categories to receive (e.g. ['rectification-order']); all when absent. */
  readonly categories?: string[];
  /**
   * Schema of the tables the handler writes with unqualified names (e.g. `read_models`): runners set
   * `search_path` to it in their transaction, so a rebuild can point the same SQL at a shadow schema.
   */
  readonly schema?: string;
  /** The tables (in `schema`) this handler alone owns: what `npm run projections:rebuild` rebuilds. */
  readonly tables?: string[];
  /**
   * The handler only writes data derived from the log (a read model), nothing another process acts on:
   * its transactions commit without waiting for the WAL flush (`synchronous_commit = off`). A crash
   * can then lose the last effects, but always together with the checkpoint move in the same
   * transaction, so the runner applies them again. It saves an fsync per batch, which the appends on
   * the same disk would otherwise queue behind. Never for a handler that appends events or calls out.
   */
  readonly derivedOnly?: boolean;
  handle(events: StoredEvent[], tx: PgClient): Promise<void>;
}

/** How a handler's transaction begins (one round trip): BEGIN, its schema, its durability. */
export function beginHandlerTransactionSql(handler: Pick<SubscriptionHandler, 'schema' | 'derivedOnly'>): string {
  return [
    'BEGIN',
    ...(handler.schema ? [searchPathSql(handler.schema)] : []),
    ...(handler.derivedOnly ? ['SET LOCAL synchronous_commit TO off'] : []),
  ].join('; ');
}

/**
 * How handlers share a group: those that begin their transactions alike (the read models: one schema,
 * derived data only) form one, named after the schema (`<schema>.durable` when its handlers are not
 * derived-only); a handler alone in its kind keeps its own name. The log runners (SubscriptionHost) and
 * the Kafka consumer groups (projectorGroups in libs/messaging) group and name by this one rule, so a
 * group is called the same in logs, checkpoints and consumer group ids whichever feeds it.
 */
export function groupAlike<T>(
  items: readonly T[],
  handlerOf: (item: T) => Pick<SubscriptionHandler, 'name' | 'schema' | 'derivedOnly'>,
  beginOf: (item: T) => string = (item) => beginHandlerTransactionSql(handlerOf(item)),
): Array<{ name: string; members: T[] }> {
  const kinds = new Map<string, T[]>();
  for (const item of items) {
    const kind = beginOf(item);
    kinds.set(kind, [...(kinds.get(kind) ?? []), item]);
  }
  return [...kinds.values()].map((members) => {
    const first = handlerOf(members[0]);
    return { name: members.length > 1 ? `${first.schema ?? 'public'}${first.derivedOnly ? '' : '.durable'}` : first.name, members };
  });
}

export interface RunnerLogger {
  log(message: string, context?: unknown): void;
  warn(message: string, context?: unknown): void;
  error(message: string, context?: unknown): void;
}

export interface SubscriptionRunnerOptions {
  batchSize?: number;
  /** Longest pause between polls when the log is quiet; `poke()` cuts it short. */
  idleDelayMs?: number;
  /**
   * Pause after a batch that was not full, before reading again (pokes do not cut it short): under a
   * steady stream of commands the next batch gathers what arrived meanwhile instead of every event
   * paying a transaction of its own. The first event after a quiet spell is still read at once.
   */
  lingerMs?: number;
  /** Failures of one event before it is parked in event_store.dead_letters and skipped. */
  maxAttempts?: number;
  /** Overrides the handler's `schema` (its unqualified table names resolve here), e.g. a rebuild's shadow schema. */
  schema?: string;
  logger?: RunnerLogger;
}

/** `SET LOCAL search_path` for a handler's transaction: its schema first, then public. */
export function searchPathSql(schema: string): string {
  return `SET LOCAL search_path TO "${schema.replace(/"/g, '""')}", public`;
}

const silent: RunnerLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The polling loop of a log consumer: runs batches while there are events, lingers after a batch
 * that was not full, sleeps when idle until poked, and backs off after a failure.
 */
export abstract class PollingLoop {
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly idle = new WakeableSleep();
  /** A poke arrived since the current read began (see poke()). */
  private poked = false;
  protected readonly batchSize: number;
  protected readonly idleDelayMs: number;
  protected readonly lingerMs: number;
  protected readonly logger: RunnerLogger;

  constructor(options: Pick<SubscriptionRunnerOptions, 'batchSize' | 'idleDelayMs' | 'lingerMs' | 'logger'>) {
    this.batchSize = options.batchSize ?? 500;
    this.idleDelayMs = options.idleDelayMs ?? 200;
    this.lingerMs = options.lingerMs ?? 10;
    this.logger = options.logger ?? silent;
  }

  abstract get name(): string;

  /** Processes at most one batch; returns how many events it moved past (0 when idle or beaten). */
  abstract runOnce(): Promise<number>;

  /** Runs batches until the log has nothing more for this consumer. */
  async catchUp(): Promise<void> {
    while ((await this.runOnce()) > 0) {
      /* keep going */
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.idle.wake();
    await this.loop;
    this.loop = null;
  }

  /**
   * Ends an idle wait early, e.g. right after the API appended an event in this process. A poke
   * that comes while a batch is being read or applied is remembered: that read may have missed the
   * new event, so the runner reads once more instead of idling.
   */
  poke(): void {
    this.poked = true;
    this.idle.wake();
  }

  private async run(): Promise<void> {
    let backoff = this.idleDelayMs;
    while (this.running) {
      try {
        this.poked = false;
        const n = await this.runOnce();
        backoff = this.idleDelayMs;
        if (n === 0 && !this.poked) await this.idle.sleep(this.idleDelayMs);
        else if (n < this.batchSize && this.lingerMs > 0) await new Promise((r) => setTimeout(r, this.lingerMs));
      } catch (error) {
        this.logger.error(`${this.name}: subscription failed, retrying in ${backoff} ms`, { error: String(error) });
        await this.idle.sleep(backoff);
        backoff = Math.min(backoff * 2, 10_000);
      }
    }
  }
}

/**
 * Catch-up subscription: reads the log gap-safely after the handler's checkpoint and commits the
 * handler's effect together with the checkpoint move in one transaction. A crash before COMMIT
 * leaves both untouched, so the batch is simply read again; a competing runner loses the
 * checkpoint compare-and-set and its effect rolls back with it. Delivery is effectively once.
 */
export class SubscriptionRunner extends PollingLoop {
  /** The checkpoint as this runner's last committed batch left it; null: read it again. */
  private cursor: bigint | null = null;
  private readonly attempts = new Map<string, number>();
  private lastPosition = 0n;
  private readonly maxAttempts: number;
  private readonly categoryFilter: RegExp | null;
  private readonly schema: string | undefined;
  private readonly beginSql: string;

  constructor(
    private readonly pool: PgPool,
    private readonly store: PostgresEventStore,
    private readonly checkpoints: CheckpointStore,
    readonly handler: SubscriptionHandler,
    options: SubscriptionRunnerOptions = {},
  ) {
    super(options);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.schema = options.schema ?? handler.schema;
    this.beginSql = beginHandlerTransactionSql({ schema: this.schema, derivedOnly: handler.derivedOnly });
    const categories = handler.categories?.map((c) => c.replace(/[^a-z0-9-]/g, ''));
    this.categoryFilter = categories?.length ? new RegExp(`^(?:${categories.join('|')})-`) : null;
  }

  override get name(): string {
    return this.handler.name;
  }

  /** The checkpoint this runner last committed or read. */
  get position(): bigint {
    return this.lastPosition;
  }

  /** The handler's transactions begin with this (BEGIN, its schema, its durability). */
  get transactionBegin(): string {
    return this.beginSql;
  }

  /** The events of `events` in the handler's categories. */
  select(events: StoredEvent[]): StoredEvent[] {
    return this.categoryFilter ? events.filter((e) => this.categoryFilter?.test(e.streamId)) : events;
  }

  /** Forgets where the checkpoint is, so the next batch reads it (it was moved by someone else). */
  forgetCursor(): void {
    this.cursor = null;
  }

  /**
   * Processes at most one batch, of events up to and including the one at position `until` when
   * given (a position further on in the log than this runner's checkpoint); returns how many events
   * it moved past (0 when idle or beaten).
   */
  override async runOnce(until?: bigint): Promise<number> {
    // After a batch it committed, the runner knows where its checkpoint is; otherwise (idle, any
    // failure, a conflict) it reads it again, so a checkpoint moved by someone else (a rebuild, a
    // reset, a competing runner) is seen. A stale cursor cannot do harm: its compare-and-set fails.
    const from = this.cursor ?? (await this.checkpoints.get(this.name));
    this.cursor = null;
    this.lastPosition = from;
    // Read everything, not just our categories, so the checkpoint keeps up with the log head and
    // "has this read model reached position P" (X-Min-Position) has an answer for any P.
    if (until !== undefined && from === until) return 0;
    const read = await this.store.readAll({ after: from, limit: this.batchSize });
    // Up to and including `until`: the log is in commit order, so that is a prefix of the page
    // (or all of it when `until` lies further on), never a filter on positions.
    const end = until === undefined ? -1 : read.findIndex((e) => e.position === until);
    const events = end < 0 ? read : read.slice(0, end + 1);
    if (events.length === 0) return 0;
    try {
      await this.commit(from, events);
      this.cursor = this.lastPosition;
      return events.length;
    } catch (error) {
      if (error instanceof CheckpointConflict) return 0;
      if (events.length === 1) return this.failOne(from, events[0], error);
      this.logger.warn(`${this.name}: batch of ${events.length} failed, isolating`, { error: String(error) });
      return this.oneByOne(from, events);
    }
  }

  private async oneByOne(from: bigint, events: StoredEvent[]): Promise<number> {
    let position = from;
    let moved = 0;
    for (const event of events) {
      try {
        await this.commit(position, [event]);
      } catch (error) {
        if (error instanceof CheckpointConflict) return moved;
        const parked = await this.failOne(position, event, error);
        if (parked === 0) return moved;
      }
      position = event.position;
      moved++;
    }
    return moved;
  }

  /** Counts a failure of one event; parks it once it has failed maxAttempts times. */
  private async failOne(from: bigint, event: StoredEvent, error: unknown): Promise<number> {
    const attempts = (this.attempts.get(event.eventId) ?? 0) + 1;
    this.attempts.set(event.eventId, attempts);
    if (attempts < this.maxAttempts) {
      throw error;
    }
    this.logger.error(`${this.name}: parking event ${event.eventId} (${event.type}) after ${attempts} failures`, {
      error: String(error),
    });
    await this.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO event_store.dead_letters (subscription, position, event_id, stream_id, type, error, attempts)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (subscription, event_id) DO NOTHING`,
        [this.name, event.position.toString(), event.eventId, event.streamId, event.type, errorText(error), attempts],
      );
      await this.checkpoints.compareAndSet(this.name, from, event.position, tx);
    });
    this.attempts.delete(event.eventId);
    this.lastPosition = event.position;
    return 1;
  }

  private async commit(from: bigint, events: StoredEvent[]): Promise<void> {
    const to = events[events.length - 1].position;
    const mine = this.select(events);
    if (mine.length === 0) {
      // Nothing for the handler: only the checkpoint moves, in one round trip.
      await this.checkpoints.compareAndSetAlone(this.name, from, to, this.beginSql);
    } else {
      // The checkpoint moves in the COMMIT's round trip, and fails the transaction if it had moved.
      const move = this.checkpoints.compareAndSetBeforeCommitSql(this.name, from, to);
      try {
        await this.transaction((tx) => this.handler.handle(mine, tx), move);
      } catch (error) {
        throw (await this.checkpoints.conflictOf(error, this.name, from)) ?? error;
      }
    }
    for (const e of events) this.attempts.delete(e.eventId);
    this.lastPosition = to;
  }

  private transaction(work: (tx: PgClient) => Promise<void>, beforeCommit?: string): Promise<void> {
    return withTransaction(this.pool, work, {
      begin: this.beginSql,
      beforeCommit: beforeCommit ? () => beforeCommit : undefined,
      // A connection that dies mid-transaction must fail this batch, not crash the process.
      onConnectionError: (error) => this.logger.warn(`${this.name}: connection lost`, { error: String(error) }),
      // A failed connection is destroyed rather than handed to the next batch.
      discardConnection: (failure) => !(failure instanceof CheckpointConflict || isCheckpointMoveFailure(failure)),
    });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}`.slice(0, 4000) : String(error);
}

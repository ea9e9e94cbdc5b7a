import type { Actor, Decider, DomainConfig, DomainEvent } from '@app/domain';
import {
  toDomainEvent,
  WrongExpectedVersion,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '@app/event-store';
import type { Clock } from '@app/platform';
import type { Aggregate, StreamReader } from './aggregates';
import { BatchRefused, ConcurrencyExhausted, StaleVersion, StreamAlreadyExists, StreamNotFound, type BatchFailure } from './command-errors';
import { KeyedMutex } from './keyed-mutex';
import { StateCache, type CachedState } from './state-cache';

/** Who sends a command and under which conditions; the same for HTTP, the scheduler, the importer and the seeders. */
export interface CommandMeta {
  actor: Actor;
  /** From If-Match: the version the sender last saw. Any other current version is 412, never a retry. */
  ifMatch?: number;
  requestId?: string;
  /** Defaults to the request id. */
  correlationId?: string;
  /**
   * The engine's own command (the escalation scheduler's), which no role may send: the role and
   * department checks are for people and do not apply. Never set from a request.
   */
  asSystem?: boolean;
}

export interface CommandResult {
  id: string;
  /** The stream's version after the command; send it back as If-Match to guard the next one. */
  version: number;
  /** Global position of the last event written; send it as X-Min-Position to read your own write. */
  position: string;
}

export interface BatchItem<C> {
  id: string;
  /** Decided in order, each on the state the previous ones left. */
  commands: C[];
}

export interface BatchResult {
  results: CommandResult[];
  /** Position of the last event written ('0' for a dry run or a batch that changed nothing). */
  position: string;
}

export interface RetryPolicy {
  /** Appends tried per command before a race lost to other processes is answered with 409. */
  attempts: number;
  /** Pause before the given attempt (2, 3, …): random, so writers that collided do not collide again in step. */
  delayMs(attempt: number): number;
}

/** Up to 5 appends, after pauses drawn from [0, 10·2^(n-2)) ms, capped at 200 ms. */
export const jitteredRetry: RetryPolicy = {
  attempts: 5,
  delayMs: (attempt) => Math.random() * Math.min(200, 10 * 2 ** (attempt - 2)),
};

export interface CommandExecutorOptions {
  store: EventStore;
  clock: Clock;
  domainConfig: DomainConfig;
  /** Called after every append, so the in-process read models catch up at once. */
  onAppended?: () => void;
  retry?: RetryPolicy;
  cachedStreams?: number;
}

interface Shared {
  readonly cache: StateCache;
  readonly locks: KeyedMutex;
}

interface Loaded<S> extends CachedState<S> {
  /** A cached fold used without reading the tail: possibly behind the log until an append proves it current. */
  unverified?: boolean;
}

/**
 * The one command path (docs/architecture.md, "A command's journey"): load the stream's state,
 * check If-Match, authorize, decide, append with the version that was read.
 *
 * - Commands on one stream in this process run one at a time (a keyed mutex), so they do not race
 *   each other for the next version.
 * - A race lost to another process, without If-Match, is decided again on the fresh state after a
 *   random pause, since the command may still be valid; with If-Match the sender asked for exactly
 *   that version, so 412.
 * - States are cached (LRU); a cached state may be behind the log but never wrong: the append's
 *   expected version rejects a decision made on a stale one, and a refusal on cached state is only
 *   answered after the tail has been read.
 */
export class CommandExecutor implements StreamReader {
  readonly domainConfig: DomainConfig;
  private readonly store: EventStore;
  private readonly clock: Clock;
  private readonly retry: RetryPolicy;
  private readonly onAppended: () => void;
  private readonly shared: Shared;

  constructor(
    private readonly options: CommandExecutorOptions,
    shared?: Shared,
  ) {
    this.store = options.store;
    this.clock = options.clock;
    this.domainConfig = options.domainConfig;
    this.retry = options.retry ?? jitteredRetry;
    this.onAppended = options.onAppended ?? (() => undefined);
    this.shared = shared ?? { cache: new StateCache(options.cachedStreams ?? 10_000), locks: new KeyedMutex() };
  }

  /** The same command path (cache, locks) deciding at another clock's time: the seeders' simulated days. */
  withClock(clock: Clock): CommandExecutor {
    return new CommandExecutor({ ...this.options, clock }, this.shared);
  }

  async execute<S, C extends { type: string }, E extends DomainEvent>(
    aggregate: Aggregate<S, C, E>,
    id: string,
    command: C,
    meta: CommandMeta,
  ): Promise<CommandResult> {
    const prepared = aggregate.prepare ? await aggregate.prepare(command, this) : command;
    const streamId = aggregate.streamId(id);
    return this.shared.locks.run(streamId, () => this.decideAndAppend(aggregate, id, streamId, prepared, meta));
  }

  /**
   * Several streams of one aggregate, all or nothing: every item is decided (each refusal is
   * collected, then BatchRefused names them all), and only when none is refused are all events
   * appended in one statement. A `dryRun` decides and reports without writing. A batch has no
   * If-Match (`meta.ifMatch` is not used): each stream is expected at the version just read.
   */
  async executeBatch<S, C extends { type: string }, E extends DomainEvent>(
    aggregate: Aggregate<S, C, E>,
    items: Array<BatchItem<C>>,
    meta: CommandMeta,
    options: { dryRun?: boolean } = {},
  ): Promise<BatchResult> {
    const streamIds = items.map((item) => aggregate.streamId(item.id));
    const sender: CommandMeta = { ...meta, ifMatch: undefined };
    return this.shared.locks.runAll(streamIds, async () => {
      for (let attempt = 1; ; attempt++) {
        const loaded = await this.currentAll(aggregate, streamIds);
        const now = this.clock.now();
        const failures: BatchFailure[] = [];
        const decided = items.map((item, index) => {
          let { state } = loaded[index];
          const events: NewEvent[] = [];
          try {
            for (const command of item.commands) {
              const next = this.decide(aggregate, item.id, command, sender, { ...loaded[index], state }, events.length, now);
              for (const event of next) state = aggregate.decider.evolve(state, event);
              events.push(...next.map((event) => ({ ...newEvent(event), metadata: { command: command.type } })));
            }
          } catch (error) {
            failures.push({ index, error });
          }
          return { state, events };
        });
        if (failures.length > 0) throw new BatchRefused(failures);
        const unchanged = (index: number) => ({ id: items[index].id, version: loaded[index].version, position: loaded[index].position });
        const writes = decided.map((d, index) => ({ ...d, index })).filter((d) => d.events.length > 0);
        if (options.dryRun || writes.length === 0) return { results: items.map((_, index) => unchanged(index)), position: '0' };
        let appended: AppendResult[];
        try {
          appended = await this.store.appendBatch(
            writes.map((w) => ({
              streamId: streamIds[w.index],
              expected: loaded[w.index].version === 0 ? 'no-stream' : loaded[w.index].version,
              events: w.events,
              metadata: eventMetadata(sender),
            })),
          );
        } catch (error) {
          if (!(error instanceof WrongExpectedVersion)) throw error;
          if (attempt >= this.retry.attempts) throw new ConcurrencyExhausted(aggregate.what, attempt, error.actual);
          await sleep(this.retry.delayMs(attempt + 1));
          continue;
        }
        const results = items.map((_, index) => unchanged(index));
        writes.forEach((w, i) => {
          const position = appended[i].position.toString();
          this.shared.cache.set(streamIds[w.index], { state: w.state, version: appended[i].version, position });
          results[w.index] = { id: items[w.index].id, version: appended[i].version, position };
        });
        this.onAppended();
        return { results, position: appended.reduce((max, a) => (a.position > max ? a.position : max), 0n).toString() };
      }
    });
  }

  /** The stream's current state (cache plus whatever was appended since). */
  async read<S, C extends { type: string }, E extends DomainEvent>(
    aggregate: Aggregate<S, C, E>,
    id: string,
  ): Promise<{ state: S; version: number; position: string }> {
    const { state, version, position } = await this.current(aggregate, aggregate.streamId(id), false);
    return { state, version, position };
  }

  /** State as of a past instant (or now), by replaying the stream: for ?asOf= and other reads of the aggregate. */
  async load<S, C extends { type: string }, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    streamId: string,
    asOf?: Date,
  ): Promise<{ state: S; version: number; events: StoredEvent[] }> {
    const events = await this.store.readStream(streamId, { asOf });
    const state = events.reduce((s, e) => decider.evolve(s, toDomainEvent<E>(e)), decider.initialState());
    return { state, version: events.length, events };
  }

  private async decideAndAppend<S, C extends { type: string }, E extends DomainEvent>(
    aggregate: Aggregate<S, C, E>,
    id: string,
    streamId: string,
    command: C,
    meta: CommandMeta,
  ): Promise<CommandResult> {
    // The first attempt trusts a cached fold without reading the stream's tail: the append's expected
    // version proves it current. Any other outcome is only answered after the tail proves it current.
    let trustCache = true;
    for (let attempt = 1; ;) {
      const loaded = await this.current(aggregate, streamId, trustCache);
      let events: E[];
      try {
        events = this.decide(aggregate, id, command, meta, loaded, 0, this.clock.now());
      } catch (error) {
        if (!loaded.unverified) throw error;
        trustCache = false; // refused on cached state: decide again on the stream as it is now
        continue;
      }
      if (events.length === 0) {
        if (!loaded.unverified) return { id, version: loaded.version, position: loaded.position };
        trustCache = false;
        continue;
      }
      try {
        const result = await this.store.append(
          streamId,
          loaded.version === 0 ? 'no-stream' : loaded.version,
          events.map(newEvent),
          eventMetadata(meta, command.type),
        );
        const position = result.position.toString();
        const state = events.reduce((s, e) => aggregate.decider.evolve(s, e), loaded.state);
        this.shared.cache.set(streamId, { state, version: result.version, position });
        this.onAppended();
        return { id, version: result.version, position };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        trustCache = false;
        if (loaded.unverified) continue; // the cache was behind another writer: not a race of this command
        if (meta.ifMatch !== undefined) throw new StaleVersion(meta.ifMatch, error.actual);
        if (attempt >= this.retry.attempts) throw new ConcurrencyExhausted(aggregate.what, attempt, error.actual);
        attempt++;
        await sleep(this.retry.delayMs(attempt));
      }
    }
  }

  /** The checks and the decision, on one loaded state; `pending` counts events already decided in the same batch item. */
  private decide<S, C extends { type: string }, E extends DomainEvent>(
    aggregate: Aggregate<S, C, E>,
    id: string,
    command: C,
    meta: CommandMeta,
    loaded: CachedState<S>,
    pending: number,
    now: Date,
  ): E[] {
    const exists = loaded.version + pending > 0;
    if (!aggregate.opensOrContinues?.(command)) {
      if (aggregate.creates(command) && exists) throw new StreamAlreadyExists(aggregate.what, id);
      if (!aggregate.creates(command) && !exists) throw new StreamNotFound(aggregate.what, id);
    }
    if (meta.ifMatch !== undefined && meta.ifMatch !== loaded.version) throw new StaleVersion(meta.ifMatch, loaded.version);
    if (!meta.asSystem) aggregate.authorize(command, loaded.state, meta.actor);
    return aggregate.decider.decide(command, loaded.state, { now, actor: meta.actor, config: this.domainConfig });
  }

  /**
   * The stream's state: the cached fold, and unless `trustCache`, whatever was appended since (usually
   * nothing: one indexed read).
   */
  private async current<S, C extends { type: string }, E extends DomainEvent>(
    aggregate: Aggregate<S, C, E>,
    streamId: string,
    trustCache: boolean,
  ): Promise<Loaded<S>> {
    const cached = this.shared.cache.get<S>(streamId);
    if (cached && trustCache) return { ...cached, unverified: true };
    const tail = await this.store.readStream(streamId, { fromVersion: (cached?.version ?? 0) + 1 });
    return this.caughtUp(aggregate, streamId, cached, tail);
  }

  /**
   * Several streams' states, as `current` without trusting the cache, in one read: each stream's tail
   * after its cached version (from its start when not cached), for every stream at once.
   */
  private async currentAll<S, C extends { type: string }, E extends DomainEvent>(
    aggregate: Aggregate<S, C, E>,
    streamIds: string[],
  ): Promise<Array<Loaded<S>>> {
    const cached = streamIds.map((streamId) => this.shared.cache.get<S>(streamId));
    const tails = await this.store.readStreams(streamIds.map((streamId, i) => ({ streamId, fromVersion: (cached[i]?.version ?? 0) + 1 })));
    return streamIds.map((streamId, i) => this.caughtUp(aggregate, streamId, cached[i], tails.get(streamId) ?? []));
  }

  /** A cached state (or the initial one) brought up to date with the events read after it, and cached. */
  private caughtUp<S, C extends { type: string }, E extends DomainEvent>(
    aggregate: Aggregate<S, C, E>,
    streamId: string,
    cached: CachedState<S> | undefined,
    tail: StoredEvent[],
  ): Loaded<S> {
    if (cached && tail.length === 0) return cached;
    const state = tail.reduce(
      (s, e) => aggregate.decider.evolve(s, toDomainEvent<E>(e, aggregate.eventTypes)),
      cached?.state ?? aggregate.decider.initialState(),
    );
    const last = tail[tail.length - 1];
    if (!last) return { state, version: 0, position: '0' };
    const current = { state, version: last.version, position: last.position.toString() };
    this.shared.cache.set(streamId, current);
    return current;
  }
}

function newEvent(event: DomainEvent): NewEvent {
  return { type: event.type, data: event.data };
}

function eventMetadata(meta: CommandMeta, command?: string): EventMetadata {
  return {
    actor: meta.actor,
    ...(command ? { command } : {}),
    requestId: meta.requestId,
    correlationId: meta.correlationId ?? meta.requestId,
  };
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

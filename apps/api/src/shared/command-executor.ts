import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Actor, CommandContext, Decider, DomainConfig, DomainEvent } from '@app/domain';
import { PostgresEventStore, SubscriptionHost, WrongExpectedVersion, type StoredEvent } from '@app/event-store';
import { AppConfig, Clock, ProblemException } from '@app/platform';

export interface CommandResult {
  id: string;
  /** The stream's version after the command; send it back as If-Match to guard the next one. */
  version: number;
  /** Global position of the last event written; send it as X-Min-Position to read your own write. */
  position: string;
}

export interface ExecuteOptions<S, C extends { type: string }, E extends DomainEvent> {
  decider: Decider<S, C, E>;
  streamId: string;
  id: string;
  command: C;
  actor: Actor;
  /** 'create' needs a new stream, 'update' an existing one. */
  mode: 'create' | 'update';
  /** From If-Match: the version the client last saw. A mismatch is 412, never a silent retry. */
  ifMatch?: number;
  /** Role and department checks against the current state (throws NotPermitted). */
  authorize: (command: C, state: S, actor: Actor) => void;
  /** Chinese name of the thing, for "not found" / "already exists" messages. */
  what: string;
  requestId?: string;
  correlationId?: string;
}

const RACE_RETRIES = 3;
const CACHED_STREAMS = 10_000;

interface CachedState<S> {
  state: S;
  version: number;
  position: string;
}

/** A small LRU of folded aggregate states, so a command on a long stream does not replay it. */
class StateCache {
  private readonly entries = new Map<string, CachedState<unknown>>();
  constructor(private readonly capacity: number) {}

  get(key: string): CachedState<unknown> | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CachedState<unknown>): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/**
 * The one command path (STYLE.md §2): load the stream, fold, authorize, decide, append with the
 * version that was read. A lost race without If-Match is retried on fresh state a few times, since
 * the command may still be valid; with If-Match the client asked for exactly that version, so 412.
 */
@Injectable()
export class CommandExecutor {
  private readonly cache = new StateCache(CACHED_STREAMS);

  constructor(
    private readonly store: PostgresEventStore,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Optional() @Inject(SubscriptionHost) private readonly subscriptions?: SubscriptionHost,
  ) {}

  get domainConfig(): DomainConfig {
    return {
      publicNoticeWorkingDays: this.config.PUBLIC_NOTICE_WORKING_DAYS,
      petitionReportDays: this.config.PETITION_REPORT_DAYS,
      ongoingReportIntervalMonths: this.config.ONGOING_REPORT_INTERVAL_MONTHS,
    };
  }

  async execute<S, C extends { type: string }, E extends DomainEvent>(options: ExecuteOptions<S, C, E>): Promise<CommandResult> {
    // The first attempt trusts a cached fold without reading the stream's tail: the append's expected
    // version proves it current. Any other outcome is only answered after the tail proves it current.
    let trustCache = true;
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.current(options.decider, options.streamId, trustCache);
      const { state, version, position } = loaded;
      let events: E[];
      try {
        if (options.mode === 'update' && version === 0) {
          throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该${options.what}（编号 ${options.id}），请检查编号`);
        }
        if (options.mode === 'create' && version > 0) {
          throw new ProblemException(409, 'ALREADY_EXISTS', 'Conflict', `该${options.what}（编号 ${options.id}）已存在，请勿重复登记`);
        }
        if (options.ifMatch !== undefined && options.ifMatch !== version) throw staleVersion(options.ifMatch, version);
        options.authorize(options.command, state, options.actor);
        const ctx: CommandContext = { now: this.clock.now(), actor: options.actor, config: this.domainConfig };
        events = options.decider.decide(options.command, state, ctx);
      } catch (error) {
        if (!loaded.unverified) throw error;
        trustCache = false; // refused on cached state: decide again on the stream as it is now
        attempt--;
        continue;
      }
      if (events.length === 0) {
        if (!loaded.unverified) return { id: options.id, version, position };
        trustCache = false;
        attempt--;
        continue;
      }
      try {
        const result = await this.store.append(
          options.streamId,
          version === 0 ? 'no-stream' : version,
          events.map((e) => ({ type: e.type, data: e.data as Record<string, unknown> })),
          {
            actor: options.actor,
            command: options.command.type,
            requestId: options.requestId,
            correlationId: options.correlationId ?? options.requestId,
          },
        );
        this.subscriptions?.poke();
        this.cache.set(options.streamId, {
          state: events.reduce((acc, e) => options.decider.evolve(acc, e), state),
          version: result.version,
          position: result.position.toString(),
        });
        return { id: options.id, version: result.version, position: result.position.toString() };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        trustCache = false;
        if (loaded.unverified) {
          attempt--; // the cache was behind another writer, not a race of this command
          continue;
        }
        if (options.ifMatch !== undefined) throw staleVersion(options.ifMatch, error.actual);
        if (attempt >= RACE_RETRIES) {
          throw new ProblemException(
            409,
            'CONCURRENT_MODIFICATION',
            'Conflict',
            `该${options.what}正在被他人同时修改，已重试 ${attempt} 次仍未成功，请刷新后重试`,
            { currentVersion: error.actual },
          );
        }
      }
    }
  }

  /**
   * The stream's state: the cached fold, and unless `trustCache`, whatever was appended since (usually
   * nothing, one indexed read). A cached fold is stale at worst, never wrong, and is `unverified`
   * until the tail has been read or an append with its version has succeeded.
   */
  private async current<S, C extends { type: string }, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    streamId: string,
    trustCache: boolean,
  ): Promise<CachedState<S> & { unverified?: boolean }> {
    const cached = this.cache.get(streamId) as CachedState<S> | undefined;
    if (cached && trustCache) return { ...cached, unverified: true };
    const tail = await this.store.readStream(streamId, { fromVersion: (cached?.version ?? 0) + 1 });
    if (cached && tail.length === 0) return cached;
    let state = cached?.state ?? decider.initialState();
    for (const e of tail) state = decider.evolve(state, { type: e.type, data: e.data } as unknown as E);
    const last = tail[tail.length - 1];
    const current = last ? { state, version: last.version, position: last.position.toString() } : { state, version: 0, position: '0' };
    if (last) this.cache.set(streamId, current);
    return current;
  }

  /** State as of a past instant (or now), by replay: for ?asOf= and for reads that need the aggregate. */
  async load<S, C extends { type: string }, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    streamId: string,
    asOf?: Date,
  ): Promise<{ state: S; version: number; events: StoredEvent[] }> {
    const events = await this.store.readStream(streamId, { asOf });
    return { state: fold(decider, events), version: events.length, events };
  }
}

export function fold<S, C extends { type: string }, E extends DomainEvent>(decider: Decider<S, C, E>, events: StoredEvent[]): S {
  return events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as unknown as E), decider.initialState());
}

function staleVersion(given: number, actual: number): ProblemException {
  return new ProblemException(
    412,
    'STALE_VERSION',
    'Precondition Failed',
    `您看到的是第 ${given} 版，记录已更新到第 ${actual} 版，请刷新后再提交`,
    { currentVersion: actual },
  );
}

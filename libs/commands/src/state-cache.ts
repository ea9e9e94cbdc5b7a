import { LRUCache } from 'lru-cache';

/** A folded aggregate state and the point of its stream it reflects. */
export interface CachedState<S> {
  state: S;
  version: number;
  /** Global position of the stream's last event ('0' for an empty stream). */
  position: string;
}

/**
 * A small LRU of folded states by stream id, so a command on a long stream reads only the tail
 * written since. An entry may be behind the log (another process appended) but never ahead of it
 * or different from it: it is only ever set from events that were read or appended.
 */
export class StateCache {
  /*
   * lru-cache, not a Map used as a queue: evicting a Map's first key makes V8 walk past every entry
   * deleted before it (a moved entry, deleted and set again, leaves one behind), so the cost grew with
   * the churn: 7–8 µs a lookup at 10,000 entries over 100,000 streams.
   */
  private readonly entries: LRUCache<string, CachedState<unknown>>;

  constructor(capacity: number) {
    this.entries = new LRUCache({ max: capacity });
  }

  get size(): number {
    return this.entries.size;
  }

  get<S>(streamId: string): CachedState<S> | undefined {
    return this.entries.get(streamId) as CachedState<S> | undefined;
  }

  set<S>(streamId: string, value: CachedState<S>): void {
    this.entries.set(streamId, value);
  }
}

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
  private readonly entries = new Map<string, CachedState<unknown>>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get<S>(streamId: string): CachedState<S> | undefined {
    const hit = this.entries.get(streamId);
    if (hit) {
      this.entries.delete(streamId);
      this.entries.set(streamId, hit);
    }
    return hit as CachedState<S> | undefined;
  }

  set<S>(streamId: string, value: CachedState<S>): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}

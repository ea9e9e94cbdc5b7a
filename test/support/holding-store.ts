import type { PostgresEventStore } from '@app/event-store';

export interface HoldingStore {
  /** Stands in for the store: the same, but for `method`. */
  store: PostgresEventStore;
  /** Reads begun so far. */
  reads(): number;
  /** Resolves once the first read that found nothing is being held. */
  held: Promise<void>;
  /** Lets that read return. */
  release(): void;
}

/**
 * A store whose reads through `method` are counted, and whose first read that finds nothing is held
 * until released: for tests of what a reader does with a poke that comes while it is reading.
 */
export function holdingStore(store: PostgresEventStore, method: 'readAll' | 'readAllJson'): HoldingStore {
  let reads = 0;
  let holding = true;
  let reached = () => undefined as void;
  let release = () => undefined as void;
  const held = new Promise<void>((r) => (reached = r));
  const gate = new Promise<void>((r) => (release = r));
  const holdIfEmpty = async <T>(events: T[]): Promise<T[]> => {
    if (holding && events.length === 0) {
      holding = false;
      reached();
      await gate;
    }
    return events;
  };
  const slow = Object.create(store) as PostgresEventStore;
  if (method === 'readAll') {
    slow.readAll = async (options) => {
      reads++;
      return holdIfEmpty(await store.readAll(options));
    };
  } else {
    slow.readAllJson = async (options) => {
      reads++;
      return holdIfEmpty(await store.readAllJson(options));
    };
  }
  return { store: slow, reads: () => reads, held, release: () => release() };
}

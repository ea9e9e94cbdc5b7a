/**
 * One holder per key at a time, the others queued in arrival order. The command path takes a
 * stream's key before it reads the stream and keeps it until its append is answered, so commands
 * on one stream in this process run one after another instead of racing for the same version.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  /** Keys that are held or waited for; 0 when nothing runs. */
  get size(): number {
    return this.tails.size;
  }

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const release = await this.acquire(key);
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Holds every key (taken in sorted order, so two callers with overlapping keys cannot deadlock). */
  async runAll<T>(keys: string[], work: () => Promise<T>): Promise<T> {
    const releases: Array<() => void> = [];
    try {
      for (const key of [...new Set(keys)].sort()) releases.push(await this.acquire(key));
      return await work();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  private async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.tails.set(key, mine);
    if (previous) await previous;
    return () => {
      release();
      if (this.tails.get(key) === mine) this.tails.delete(key);
    };
  }
}

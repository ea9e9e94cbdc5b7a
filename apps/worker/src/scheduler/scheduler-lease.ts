import type { Queryable } from '@app/event-store';

/*
 * Take or renew in one statement: the row is ours if it is free, expired, or already ours. Expiry
 * is judged by PostgreSQL's clock alone, so schedulers on hosts with skewed clocks still agree.
 */
const ACQUIRE_SQL = `
INSERT INTO scheduler.leases (name, owner, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
WHERE scheduler.leases.expires_at < now() OR scheduler.leases.owner = EXCLUDED.owner
RETURNING owner`;

/** A named, time-limited lock in PostgreSQL: at most one live holder; a dead holder's lease runs out. */
export class SchedulerLease {
  constructor(
    private readonly db: Queryable,
    readonly name: string,
    readonly owner: string,
    readonly ttlMs: number,
  ) {}

  async acquire(): Promise<boolean> {
    const { rowCount } = await this.db.query(ACQUIRE_SQL, [this.name, this.owner, this.ttlMs]);
    return rowCount === 1;
  }

  /** Hands the lease over at once on a clean shutdown instead of letting a standby wait for expiry. */
  async release(): Promise<void> {
    await this.db.query(`UPDATE scheduler.leases SET expires_at = now() - interval '1 millisecond' WHERE name = $1 AND owner = $2`, [
      this.name,
      this.owner,
    ]);
  }
}

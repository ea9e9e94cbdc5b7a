import type { Queryable } from '@app/event-store';

/*
 * Take or renew in one statement: the row is ours if it is free, expired, or already ours. Expiry
 * is judged by PostgreSQL's clock alone, so processes with skewed clocks still agree.
 */
const ACQUIRE_SQL = `
INSERT INTO messaging.leases (name, owner, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
WHERE messaging.leases.expires_at < now() OR messaging.leases.owner = EXCLUDED.owner
RETURNING owner`;

/** A named, time-limited lock in PostgreSQL: at most one live holder; a dead holder's lease runs out. */
export class Lease {
  private validUntil = 0;

  constructor(
    private readonly db: Queryable,
    readonly name: string,
    readonly owner: string,
    readonly ttlMs: number,
  ) {}

  /**
   * True while this process may act as the holder. The local deadline is counted from before the
   * renewing statement was sent, so it always ends before the expiry PostgreSQL recorded.
   */
  get held(): boolean {
    return performance.now() < this.validUntil;
  }

  async acquire(): Promise<boolean> {
    const sentAt = performance.now();
    const { rowCount } = await this.db.query({ name: 'lease_acquire', text: ACQUIRE_SQL, values: [this.name, this.owner, this.ttlMs] });
    this.validUntil = rowCount === 1 ? sentAt + this.ttlMs : 0;
    return rowCount === 1;
  }

  /** Hands the lease over at once (clean shutdown), instead of letting a standby wait for expiry. */
  async release(): Promise<void> {
    this.validUntil = 0;
    await this.db.query(`UPDATE messaging.leases SET expires_at = now() - interval '1 millisecond' WHERE name = $1 AND owner = $2`, [
      this.name,
      this.owner,
    ]);
  }

  async holder(): Promise<{ owner: string; expiresAt: Date } | null> {
    const { rows } = await this.db.query<{ owner: string; expires_at: Date }>(
      `SELECT owner, expires_at FROM messaging.leases WHERE name = $1 AND expires_at > now()`,
      [this.name],
    );
    return rows[0] ? { owner: rows[0].owner, expiresAt: rows[0].expires_at } : null;
  }
}

import { Client } from 'pg';
import type { PgPool } from './pg.types';

export interface LeaseOptions {
  /** Table of the lease rows `(name text PRIMARY KEY, owner text, expires_at timestamptz)`, e.g. `messaging.leases`. */
  table: string;
  name: string;
  /** Identifies this process in the lease row. */
  owner: string;
  ttlMs: number;
}

const TABLE = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

/** The lock's two keys: one per lease table, one per name (hashtext: stable across servers and versions). */
const LOCK_KEYS = `hashtext($1), hashtext($2)`;

/** How long a lockless standby watches an expired row stay as it is before it takes it over. */
const STALE_CONFIRM_MS = 200;

/**
 * At most one live holder per name (the relay, the scheduler), in PostgreSQL.
 *
 * Holding means a session-level advisory lock on a connection of its own (outside the pool, so the
 * pool's shutdown never waits for it, and it keeps no process alive), next to a row that says who
 * holds it until when. A holder that dies takes its connection, and so the lock, with it: a SIGKILLed
 * or restarted process is replaced as soon as a standby (or its own successor) asks, not after the
 * row's time to live. The row stays the fallback for a holder PostgreSQL has not yet seen go (a host
 * that vanished keeps its connection open until TCP keepalive gives up, shortened on the lock's
 * connection to about 20 s): once such a holder has not renewed for a ttl (and a moment more, see
 * takeRowWithoutLock), a standby takes the row without the lock, and a holder that stalled past its ttl gives the lock up when it finds its row
 * taken. Expiry is judged by PostgreSQL's clock alone, so skewed hosts still agree.
 *
 * The relay and the scheduler stay correct with two holders for a moment (checkpoint compare-and-set,
 * deterministic stream ids with expected versions): the lease saves work and duplicates, it is not
 * what keeps the log consistent.
 */
export class Lease {
  readonly table: string;
  readonly name: string;
  readonly owner: string;
  readonly ttlMs: number;
  /** The lock's connection; kept between attempts, so a standby's try costs a query, not a connection. */
  private session: Client | null = null;
  private hasLock = false;
  private validUntil = 0;
  /** The expired row a lockless attempt last saw, and since when: see takeRowWithoutLock. */
  private staleSeen: { owner: string; expiresAt: string; at: number } | null = null;

  constructor(
    private readonly pool: PgPool,
    options: LeaseOptions,
  ) {
    if (!TABLE.test(options.table)) throw new Error(`lease table must be schema.table, got ${JSON.stringify(options.table)}`);
    this.table = options.table;
    this.name = options.name;
    this.owner = options.owner;
    this.ttlMs = options.ttlMs;
  }

  /**
   * True while this process may act as the holder. The local deadline is counted from before the
   * renewing statement was sent, so it always ends before the expiry PostgreSQL recorded; losing the
   * lock's connection ends it at once.
   */
  get held(): boolean {
    return performance.now() < this.validUntil;
  }

  /** Whether this process holds the advisory lock (not only the row). */
  get locked(): boolean {
    return this.hasLock;
  }

  /** Takes or renews the lease; false while another live process holds it. */
  async acquire(): Promise<boolean> {
    const sentAt = performance.now();
    const hadLock = this.hasLock;
    const freshLock = !hadLock && (await this.tryLock());
    const won = hadLock || freshLock ? await this.writeRowWithLock(freshLock) : await this.takeRowWithoutLock();
    this.validUntil = won ? sentAt + this.ttlMs : 0;
    // Stalled past the ttl while holding the lock, and another took the row: let that one have the lock too.
    if (!won && hadLock) await this.unlock();
    return this.held;
  }

  /**
   * A lock just taken means its last holder's connection is gone: the row is ours whatever it says.
   * A lock held since an earlier call renews the row only while it is still ours (or expired).
   */
  private async writeRowWithLock(freshLock: boolean): Promise<boolean> {
    const { rowCount } = await this.pool.query({
      name: `lease_${freshLock ? 'take' : 'renew'}_${this.table}`,
      text: `INSERT INTO ${this.table} (name, owner, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
             ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
             ${freshLock ? '' : `WHERE ${this.table}.expires_at < now() OR ${this.table}.owner = EXCLUDED.owner`}
             RETURNING owner`,
      values: [this.name, this.owner, this.ttlMs],
    });
    return rowCount === 1 && this.hasLock;
  }

  /**
   * The fallback for a holder PostgreSQL has not seen go: another session holds the lock, yet its row
   * has run out. The same sight is what a standby sees in the moment between another process taking
   * the lock and writing its row (two processes starting at once, or a take-over): no row yet, or the
   * last holder's expired one. Taking the row then would make two holders until the next renewal. So
   * without the lock this never creates the row, and takes an expired one only once it has seen that
   * very row (same owner, same expiry) stay expired for STALE_CONFIRM_MS, far longer than a holder
   * needs between its lock and its write. The row already ours is renewed as before.
   */
  private async takeRowWithoutLock(): Promise<boolean> {
    const stale = this.staleSeen && performance.now() - this.staleSeen.at >= STALE_CONFIRM_MS ? this.staleSeen : null;
    const { rowCount } = await this.pool.query({
      name: `lease_fallback_${this.table}`,
      text: `UPDATE ${this.table} SET owner = $2, expires_at = now() + $3 * interval '1 millisecond'
             WHERE name = $1 AND (owner = $2 OR (expires_at < now() AND owner = $4 AND expires_at = $5::timestamptz))`,
      values: [this.name, this.owner, this.ttlMs, stale?.owner ?? null, stale?.expiresAt ?? null],
    });
    if (rowCount === 1) {
      this.staleSeen = null;
      return true;
    }
    const { rows } = await this.pool.query<{ owner: string; expires_at: string }>({
      name: `lease_stale_${this.table}`,
      text: `SELECT owner, expires_at::text FROM ${this.table} WHERE name = $1 AND expires_at < now()`,
      values: [this.name],
    });
    const row = rows[0];
    const same = row && this.staleSeen?.owner === row.owner && this.staleSeen.expiresAt === row.expires_at;
    this.staleSeen = row ? (same ? this.staleSeen : { owner: row.owner, expiresAt: row.expires_at, at: performance.now() }) : null;
    return false;
  }

  /** Hands the lease over at once (clean shutdown), instead of letting a standby wait for anything. */
  async release(): Promise<void> {
    this.validUntil = 0;
    await this.unlock();
    const session = this.session;
    this.session = null;
    await session?.end().catch(() => undefined);
    await this.pool.query(`UPDATE ${this.table} SET expires_at = now() - interval '1 millisecond' WHERE name = $1 AND owner = $2`, [
      this.name,
      this.owner,
    ]);
  }

  async holder(): Promise<{ owner: string; expiresAt: Date } | null> {
    const { rows } = await this.pool.query<{ owner: string; expires_at: Date }>(
      `SELECT owner, expires_at FROM ${this.table} WHERE name = $1 AND expires_at > now()`,
      [this.name],
    );
    return rows[0] ? { owner: rows[0].owner, expiresAt: rows[0].expires_at } : null;
  }

  private async unlock(): Promise<void> {
    if (!this.hasLock) return;
    this.hasLock = false;
    await this.session?.query(`SELECT pg_advisory_unlock(${LOCK_KEYS})`, [this.table, this.name]).catch(() => undefined);
  }

  private async tryLock(): Promise<boolean> {
    const session = await this.connectedSession();
    const { rows } = await session.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEYS}) AS locked`, [
      this.table,
      this.name,
    ]);
    this.hasLock = rows[0].locked && this.session === session;
    return this.hasLock;
  }

  private async connectedSession(): Promise<Client> {
    if (this.session) return this.session;
    const session = new Client({ ...this.pool.options, application_name: `lease ${this.name}` });
    const lost = () => {
      if (this.session !== session) return;
      this.session = null;
      this.hasLock = false;
      this.validUntil = 0;
      void session.end().catch(() => undefined);
    };
    session.on('error', lost);
    session.on('end', lost);
    await session.connect();
    // Not a reason to keep the process alive: a process that ends takes its lock with it.
    (session as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
    // The server notices a vanished peer after keepalive idle + count × interval, not hours.
    await session.query(`SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 3; SET tcp_keepalives_count = 3`);
    this.session = session;
    return session;
  }
}

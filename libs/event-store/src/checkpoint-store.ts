import { CheckpointConflict } from './event-store.errors';
import type { Queryable } from './pg.types';

/** Durable, named reader positions. Writes are compare-and-set, so two runners cannot both win. */
export class CheckpointStore {
  constructor(private readonly db: Queryable) {}

  async get(name: string, db: Queryable = this.db): Promise<bigint> {
    const { rows } = await db.query<{ position: string }>({
      name: 'checkpoint_get',
      text: `SELECT position FROM event_store.checkpoints WHERE name = $1`,
      values: [name],
    });
    return rows[0] ? BigInt(rows[0].position) : 0n;
  }

  /**
   * Moves `name` from `expected` to `next`, inside the caller's transaction when `db` is its client.
   * A concurrent runner that already moved it makes this throw CheckpointConflict, and the caller's
   * transaction (with the effects it made) must roll back.
   */
  async compareAndSet(name: string, expected: bigint, next: bigint, db: Queryable = this.db): Promise<void> {
    const { rowCount } = await db.query(
      expected === 0n
        ? { name: 'checkpoint_cas_first', text: casSql(true, '$1', '0', '$2'), values: [name, next.toString()] }
        : { name: 'checkpoint_cas', text: casSql(false, '$1', '$2', '$3'), values: [name, expected.toString(), next.toString()] },
    );
    if (rowCount === 1) return;
    // Nothing inserted or updated: either the row moved on, or (expected 0) someone inserted first.
    throw new CheckpointConflict(name, expected, await this.getOrNull(name, db));
  }

  /**
   * compareAndSet in a transaction of its own, sent in one round trip (simple protocol: `begin`,
   * the compare-and-set, COMMIT): for a runner whose batch held nothing for its handler, which has
   * only its checkpoint to move. `begin` carries the runner's transaction settings (e.g.
   * synchronous_commit off for a read model).
   */
  async compareAndSetAlone(name: string, expected: bigint, next: bigint, begin = 'BEGIN'): Promise<void> {
    const cas = casSql(expected === 0n, `'${name.replace(/'/g, "''")}'`, String(expected), String(next));
    const results = (await this.db.query(`${begin}; ${cas}; COMMIT`)) as unknown as Array<{ rowCount: number | null }>;
    if (results[results.length - 2]?.rowCount === 1) return;
    throw new CheckpointConflict(name, expected, await this.getOrNull(name, this.db));
  }

  /**
   * compareAndSet as a statement to send in one round trip with COMMIT (simple protocol, literal
   * values): when `name` is not at `expected` it fails, so the transaction's effects and the
   * checkpoint's move commit together or not at all. `conflictOf` tells that failure apart.
   */
  compareAndSetBeforeCommitSql(name: string, expected: bigint, next: bigint): string {
    const cas = casSql(expected === 0n, `'${name.replace(/'/g, "''")}'`, String(expected), String(next));
    // Not a constant expression, so PostgreSQL evaluates the cast only when no row moved.
    return `WITH moved AS (${cas} RETURNING 1) SELECT (CASE WHEN count(*) = 1 THEN '1' ELSE '${CONFLICT_MARK}' END)::int FROM moved`;
  }

  /**
   * compareAndSetBeforeCommitSql for several checkpoints that are all at `expected`: all move to
   * `next`, or the transaction fails.
   */
  compareAndSetAllBeforeCommitSql(names: string[], expected: bigint, next: bigint): string {
    const list = `ARRAY[${names.map((n) => `'${n.replace(/'/g, "''")}'`).join(',')}]::text[]`;
    const cas =
      expected === 0n
        ? `INSERT INTO event_store.checkpoints (name, position) SELECT n, ${next} FROM unnest(${list}) AS n ORDER BY n
           ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()
           WHERE event_store.checkpoints.position = 0`
        : `UPDATE event_store.checkpoints SET position = ${next}, updated_at = now() WHERE name = ANY(${list}) AND position = ${expected}`;
    return `WITH moved AS (${cas} RETURNING 1) SELECT (CASE WHEN count(*) = ${names.length} THEN '1' ELSE '${CONFLICT_MARK}' END)::int FROM moved`;
  }

  /**
   * Where each of `names` is (0 for a checkpoint never written), in one query, earliest first in the
   * log's order. That order is commit order, (tx_id, position), not the order of positions: a
   * transaction that took a lower position can commit after one that took a higher one, so two
   * checkpoints cannot be compared as numbers.
   */
  async inLogOrder(names: string[], db: Queryable = this.db): Promise<Array<{ name: string; position: bigint }>> {
    const { rows } = await db.query<{ name: string; position: string }>({
      name: 'checkpoint_in_log_order',
      text: `SELECT n.name, coalesce(c.position, 0) AS position
             FROM unnest($1::text[]) AS n(name)
             LEFT JOIN event_store.checkpoints c ON c.name = n.name
             LEFT JOIN event_store.events e ON e.position = c.position
             ORDER BY e.tx_id NULLS FIRST, e.position NULLS FIRST, n.name`,
      values: [names],
    });
    return rows.map((r) => ({ name: r.name, position: BigInt(r.position) }));
  }

  /** CheckpointConflict when `error` is the failure of compareAndSetBeforeCommitSql, else null. */
  async conflictOf(error: unknown, name: string, expected: bigint): Promise<CheckpointConflict | null> {
    if (!isCheckpointMoveFailure(error)) return null;
    return new CheckpointConflict(name, expected, await this.getOrNull(name, this.db));
  }

  async reset(name: string, db: Queryable = this.db): Promise<void> {
    await db.query(`DELETE FROM event_store.checkpoints WHERE name = $1`, [name]);
  }

  async all(db: Queryable = this.db): Promise<Array<{ name: string; position: bigint; updatedAt: Date }>> {
    const { rows } = await db.query<{ name: string; position: string; updated_at: Date }>(
      `SELECT name, position, updated_at FROM event_store.checkpoints ORDER BY name`,
    );
    return rows.map((r) => ({ name: r.name, position: BigInt(r.position), updatedAt: r.updated_at }));
  }

  private async getOrNull(name: string, db: Queryable): Promise<bigint | null> {
    const { rows } = await db.query<{ position: string }>(`SELECT position FROM event_store.checkpoints WHERE name = $1`, [name]);
    return rows[0] ? BigInt(rows[0].position) : null;
  }
}

const CONFLICT_MARK = 'checkpoint moved by another runner';

/** Whether `error` is compareAndSetBeforeCommitSql finding the checkpoint moved. */
export function isCheckpointMoveFailure(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === '22P02' && typeof e.message === 'string' && e.message.includes(CONFLICT_MARK);
}

/** The compare-and-set of `name` from `expected` to `next`, with each given as a parameter or a literal. */
function casSql(first: boolean, name: string, expected: string, next: string): string {
  return first
    ? `INSERT INTO event_store.checkpoints (name, position) VALUES (${name}, ${next})
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()
       WHERE event_store.checkpoints.position = ${expected}`
    : `UPDATE event_store.checkpoints SET position = ${next}, updated_at = now() WHERE name = ${name} AND position = ${expected}`;
}

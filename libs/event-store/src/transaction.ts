import type { QueryResult } from 'pg';
import type { PgClient, PgPool } from './pg.types';

export interface TransactionOptions<T = unknown> {
  /**
   * The statements that open the transaction, in one round trip: BEGIN, any SET LOCAL it needs, and
   * possibly a first statement whose results `work` receives; `BEGIN` by default.
   */
  begin?: string;
  /** Statements to run just before COMMIT, in its round trip (simple protocol: literal values only). */
  beforeCommit?: (result: T) => string | null;
  /** A connection that fails while it is checked out; without a listener `pg` would crash the process. */
  onConnectionError?: (error: Error) => void;
  /** True when a failure leaves the connection suspect, so it is closed instead of going back to the pool. */
  discardConnection?: (failure: unknown) => boolean;
}

/**
 * Runs `work` in one transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when it
 * throws (the error is rethrown). `begun` holds the result of each statement of `begin`. Every
 * transaction the code opens itself goes through here.
 */
export async function withTransaction<T>(
  pool: Pick<PgPool, 'connect'>,
  work: (tx: PgClient, begun: QueryResult[]) => Promise<T>,
  options: TransactionOptions<T> = {},
): Promise<T> {
  const client = await pool.connect();
  const onError = (error: Error) => options.onConnectionError?.(error);
  client.on('error', onError);
  let failure: unknown;
  try {
    const begun = (await client.query(options.begin ?? 'BEGIN')) as QueryResult | QueryResult[];
    const result = await work(client, Array.isArray(begun) ? begun : [begun]);
    const last = options.beforeCommit?.(result);
    await client.query(last ? `${last}; COMMIT` : 'COMMIT');
    return result;
  } catch (error) {
    failure = error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', onError);
    const discard = failure !== undefined && (options.discardConnection?.(failure) ?? false);
    client.release(discard ? (failure instanceof Error ? failure : new Error(String(failure))) : undefined);
  }
}

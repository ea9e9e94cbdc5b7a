import type { PgClient, PgPool } from './pg.types';

export interface TransactionOptions {
  /** The statement that opens the transaction, in one round trip with any SET LOCAL it needs; `BEGIN` by default. */
  begin?: string;
  /** A connection that fails while it is checked out; without a listener `pg` would crash the process. */
  onConnectionError?: (error: Error) => void;
  /** True when a failure leaves the connection suspect, so it is closed instead of going back to the pool. */
  discardConnection?: (failure: unknown) => boolean;
}

/**
 * Runs `work` in one transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when it
 * throws (the error is rethrown). Every transaction the code opens itself goes through here.
 */
export async function withTransaction<T>(
  pool: Pick<PgPool, 'connect'>,
  work: (tx: PgClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const client = await pool.connect();
  const onError = (error: Error) => options.onConnectionError?.(error);
  client.on('error', onError);
  let failure: unknown;
  try {
    await client.query(options.begin ?? 'BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
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

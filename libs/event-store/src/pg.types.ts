import type { Pool, PoolClient } from 'pg';

/** The `pg` pool the store runs on; TypeORM's DataSource shares the same one (see platform). */
export type PgPool = Pool;
export type PgClient = PoolClient;
/** Anything that can run a query: the pool, or a client inside a transaction. */
export type Queryable = Pick<Pool, 'query'>;

export const PG_POOL = Symbol('PG_POOL');

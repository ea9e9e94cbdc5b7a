import { Client, type ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import type { PgPool } from '@app/event-store';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type MigrationList = Function[];

export interface DataSourceSettings {
  url: string;
  migrations: MigrationList;
  poolSize: number;
  applicationName?: string;
}

/**
 * The pool's connections. `pg` emits 'error' on a client whose server connection ends; the pool
 * listens only while a client is idle in it, so a connection ended while checked out but between
 * two queries (inside a transaction, awaiting the caller) raised an 'error' nobody listened to, and
 * that killed the process: pg_terminate_backend under load, a database failover, a proxy's reset.
 * The holder learns of it from its next query instead ("not queryable"), and the pool drops the
 * client when it is released.
 */
export class PooledClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

/** One TypeORM DataSource per process: migrations, and the `pg` pool the event store runs on. */
export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    url: settings.url,
    migrations: settings.migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'migration'],
    poolSize: settings.poolSize,
    applicationName: settings.applicationName ?? 'mdj-eco',
    // A transaction left open holds back every gap-safe reader of the log (pg_snapshot_xmin); the
    // app's transactions last milliseconds, so one idle for a minute is a hung client: end it.
    extra: { max: settings.poolSize, idleTimeoutMillis: 30_000, idle_in_transaction_session_timeout: 60_000, Client: PooledClient },
  });
}

export async function openDatabase(settings: DataSourceSettings): Promise<DataSource> {
  const dataSource = createDataSource(settings);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

export function poolOf(dataSource: DataSource): PgPool {
  // TypeORM's PostgresDriver keeps its `pg` Pool in `master`; the hot path queries it directly.
  return (dataSource.driver as unknown as { master: PgPool }).master;
}

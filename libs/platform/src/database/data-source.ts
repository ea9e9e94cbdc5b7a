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
    extra: { max: settings.poolSize, idleTimeoutMillis: 30_000, idle_in_transaction_session_timeout: 60_000 },
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

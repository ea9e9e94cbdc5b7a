import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PG_POOL } from '@app/event-store';
import { AppConfig } from '../config/app-config';
import { EmbeddedPostgres } from './embedded-postgres';
import { openDatabase, poolOf, type MigrationList } from './data-source';

export const EMBEDDED_POSTGRES = Symbol('EMBEDDED_POSTGRES');

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL when it is unset, then applies every
 * migration the app lists before anything else starts. Exposes the TypeORM DataSource and its `pg`
 * pool (PG_POOL), which the event store and the read models share.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(EMBEDDED_POSTGRES) private readonly embedded: EmbeddedPostgres | null,
  ) {}

  static forRoot(options: { migrations: MigrationList }): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: EMBEDDED_POSTGRES,
          inject: [AppConfig],
          useFactory: (config: AppConfig) =>
            config.embedded
              ? new EmbeddedPostgres({
                  dataDir: config.EMBEDDED_PG_DIR,
                  port: config.EMBEDDED_PG_PORT,
                  database: 'mdj_eco',
                  log: (m) => new Logger('EmbeddedPostgres').log(m),
                })
              : null,
        },
        {
          provide: DataSource,
          inject: [AppConfig, EMBEDDED_POSTGRES],
          useFactory: async (config: AppConfig, embedded: EmbeddedPostgres | null) => {
            const url = embedded ? await embedded.start() : (config.DATABASE_URL as string);
            return openDatabase({ url, migrations: options.migrations, poolSize: config.DB_POOL_SIZE });
          },
        },
        { provide: PG_POOL, inject: [DataSource], useFactory: poolOf },
      ],
      exports: [DataSource, PG_POOL, EMBEDDED_POSTGRES],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    if (this.embedded) {
      this.logger.log('stopping embedded PostgreSQL');
      await this.embedded.stop();
    }
  }
}

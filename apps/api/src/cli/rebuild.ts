import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventStoreModule, PG_POOL, PostgresEventStore, type PgPool } from '@app/event-store';
import { AppConfig, AppConfigModule, ConfigValidationError, DatabaseModule } from '@app/platform';
import { ProjectionRebuilder, readModelHandlers } from '@app/read-models';
import { MIGRATIONS } from '../migrations';

/** Configuration, database and event store only: no HTTP, no runners, no seeding. */
@Module({ imports: [AppConfigModule, DatabaseModule.forRoot({ migrations: MIGRATIONS }), EventStoreModule] })
class RebuildModule {}

/**
 * `npm run projections:rebuild -- <name>` rebuilds one read model from the log into shadow tables and
 * swaps them in once caught up, while the API (and its worker) keep running against the same database
 * (DATABASE_URL, or the embedded PostgreSQL of `npm start`, which it reuses). Names are those of the
 * registered subscriptions, e.g. `read-model.rectification-orders`.
 */
async function main(): Promise<number> {
  const name = process.argv[2];
  const app = await NestFactory.createApplicationContext(RebuildModule, { logger: ['error', 'warn'] });
  try {
    const config = app.get(AppConfig);
    const rebuildable = readModelHandlers(config).filter((h) => h.schema && h.tables?.length);
    const handler = rebuildable.find((h) => h.name === name);
    if (!handler) {
      console.error(
        `${name ? `未知的读模型 unknown read model "${name}"` : '缺少读模型名称 missing read model name'}.\n` +
          `用法 usage: npm run projections:rebuild -- <name>\n可重建 rebuildable:\n` +
          rebuildable.map((h) => `  ${h.name}  (${h.schema}: ${h.tables?.join(', ')})`).join('\n'),
      );
      return 2;
    }
    const log = (message: string) => console.error(`[rebuild] ${message}`);
    let last = Date.now();
    const rebuilder = new ProjectionRebuilder(app.get<PgPool>(PG_POOL), app.get(PostgresEventStore), handler, {
      kafka: Boolean(config.KAFKA_BROKERS),
      logger: { log, warn: log, error: log },
      onProgress: (position) => {
        if (Date.now() - last < 2000) return;
        last = Date.now();
        log(`${handler.name}: shadow at position ${position}`);
      },
    });
    log(`rebuilding ${handler.name} (${handler.tables?.join(', ')}) in a shadow schema…`);
    const result = await rebuilder.rebuild();
    console.log(JSON.stringify({ ...result, position: result.position.toString() }));
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigValidationError ? error.message : error);
    process.exit(1);
  },
);

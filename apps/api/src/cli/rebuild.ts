import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { EventStoreModule, PG_POOL, PostgresEventStore, type PgPool } from '@app/event-store';
import { AppConfig, AppConfigModule, ConfigValidationError, DatabaseModule, validateConfig } from '@app/platform';
import { ProjectionRebuilder, readModelHandlers } from '@app/read-models';
import { MIGRATIONS } from '../migrations';
import { embeddedClusterMissing, refusalHint, settingsOfRunningApp, ToolRefusal } from './running-app';

/** Configuration, database and event store only: no HTTP, no runners, no seeding. */
@Module({ imports: [AppConfigModule, DatabaseModule.forRoot({ migrations: MIGRATIONS }), EventStoreModule] })
class RebuildModule {}

/**
 * `npm run projections:rebuild -- <name>` rebuilds one read model from the log into shadow tables and
 * swaps them in once caught up, while the API (and its worker) keep running against the same database
 * (DATABASE_URL, or the embedded PostgreSQL of `npm start`, which it reuses). Names are those of the
 * registered subscriptions, e.g. `read-model.rectification-orders`.
 *
 * It refuses (exit code 2) rather than act on a database it would make itself: an EMBEDDED_PG_DIR that
 * holds no cluster, one that is not the running app's, or a DATABASE_URL without the event log.
 */
async function main(): Promise<number> {
  const name = process.argv[2];
  await refuseForeignDatabase(`npm run projections:rebuild -- ${process.argv.slice(2).join(' ')}`);
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

/** Checked before anything starts: the module would otherwise initialise a cluster and migrate a database. */
async function refuseForeignDatabase(command: string): Promise<void> {
  const config = validateConfig(process.env);
  if (config.embedded) {
    const missing = embeddedClusterMissing(config);
    if (missing) {
      throw new ToolRefusal(
        `EMBEDDED_PG_DIR=${config.EMBEDDED_PG_DIR}（${missing}）中没有数据库，应用从未以此设置启动过。\n${refusalHint(config, command)}`,
      );
    }
    const running = settingsOfRunningApp(config);
    if (running) throw new ToolRefusal(`本次设置指向的数据库不是正在运行的应用所用的数据库。\n${refusalHint(config, command)}`);
    return;
  }
  const client = new Client({ connectionString: config.DATABASE_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ log: string | null }>(`SELECT to_regclass('event_store.events')::text AS log`);
    if (!rows[0].log) {
      throw new ToolRefusal(
        `DATABASE_URL 指向的数据库中没有事件日志（event_store.events），不是应用所用的数据库。\n${refusalHint(config, command)}`,
      );
    }
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ToolRefusal) {
      console.error(`拒绝重建 refused: ${error.message}`);
      process.exit(2);
    }
    console.error(error instanceof ConfigValidationError ? error.message : error);
    process.exit(1);
  },
);

import {
  CheckpointStore,
  searchPathSql,
  SubscriptionRunner,
  type PgClient,
  type PgPool,
  type PostgresEventStore,
  type RunnerLogger,
  type StoredEvent,
  type SubscriptionHandler,
} from '@app/event-store';

export interface RebuildOptions {
  /** Schema the shadow tables are built in (created when missing, dropped when left empty). */
  shadowSchema?: string;
  batchSize?: number;
  /**
   * The live read model is fed from Kafka (KAFKA_BROKERS): its progress is per stream in
   * messaging.stream_positions rather than a log checkpoint, and the swap sets those instead.
   */
  kafka?: boolean;
  logger?: RunnerLogger;
  /** Called after each shadow batch (tests, progress output). */
  onProgress?: (position: bigint) => void;
}

export interface RebuildResult {
  name: string;
  tables: string[];
  /** The position the swapped-in tables have reached (the live checkpoint afterwards). */
  position: bigint;
  /** Events read from the log for the shadow, all categories included. */
  events: number;
  swapMs: number;
}

const silent: RunnerLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Rebuilds one projection's tables from the log while the live ones keep serving reads and keep
 * being updated: the same handler runs into shadow copies (`CREATE TABLE … (LIKE live INCLUDING ALL)`
 * in `shadowSchema`, reached through `search_path`) under a temporary checkpoint; once it has caught
 * up, one transaction blocks the live writer (table locks, which readers pass), applies the last
 * events to the shadow, replaces the live tables by the shadow ones (same index names), and moves the
 * live checkpoint to the shadow's position. Readers wait only for that transaction, never fail.
 */
export class ProjectionRebuilder {
  private readonly shadowSchema: string;
  private readonly batchSize: number;
  private readonly logger: RunnerLogger;

  constructor(
    private readonly pool: PgPool,
    private readonly store: PostgresEventStore,
    private readonly handler: SubscriptionHandler,
    private readonly options: RebuildOptions = {},
  ) {
    this.shadowSchema = options.shadowSchema ?? 'read_models_rebuild';
    this.batchSize = options.batchSize ?? 1000;
    this.logger = options.logger ?? silent;
  }

  get checkpointName(): string {
    return `rebuild:${this.handler.name}`;
  }

  async rebuild(): Promise<RebuildResult> {
    const { handler } = this;
    const live = handler.schema;
    const tables = handler.tables ?? [];
    if (!live || tables.length === 0) throw new Error(`${handler.name} declares no schema and tables, so it cannot be rebuilt`);
    const checkpoints = new CheckpointStore(this.pool);

    await this.createShadow(live, tables, checkpoints);
    // Shadow phase: the live runner goes on; the copy follows the log under its own checkpoint.
    const shadowHandler: SubscriptionHandler = {
      name: this.checkpointName,
      categories: handler.categories,
      handle: (events, tx) => handler.handle(events, tx),
    };
    const runner = new SubscriptionRunner(this.pool, this.store, checkpoints, shadowHandler, {
      batchSize: this.batchSize,
      schema: this.shadowSchema,
      maxAttempts: 1,
      logger: this.logger,
    });
    let events = 0;
    for (;;) {
      const n = await runner.runOnce();
      if (n === 0) break;
      events += n;
      this.options.onProgress?.(runner.position);
    }
    this.logger.log(`${handler.name}: shadow caught up at ${runner.position} (${events} events); swapping`);

    const started = Date.now();
    const client = await this.pool.connect();
    let position: bigint;
    try {
      await client.query('BEGIN');
      const result = await this.swap(client, live, tables, checkpoints);
      position = result.position;
      events += result.events;
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    await this.pool.query(`DROP SCHEMA IF EXISTS ${ident(this.shadowSchema)}`).catch(() => undefined); // only when empty
    const swapMs = Date.now() - started;
    this.logger.log(`${handler.name}: swapped in at position ${position} in ${swapMs} ms`);
    return { name: handler.name, tables, position, events, swapMs };
  }

  private async createShadow(live: string, tables: string[], checkpoints: CheckpointStore): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(this.shadowSchema)}`);
      for (const table of tables) {
        await client.query(`DROP TABLE IF EXISTS ${ident(this.shadowSchema)}.${ident(table)}`);
        await client.query(`CREATE TABLE ${ident(this.shadowSchema)}.${ident(table)} (LIKE ${ident(live)}.${ident(table)} INCLUDING ALL)`);
      }
      await checkpoints.reset(this.checkpointName, client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async swap(
    tx: PgClient,
    live: string,
    tables: string[],
    checkpoints: CheckpointStore,
  ): Promise<{ position: bigint; events: number }> {
    const { handler } = this;
    const qualified = [...tables].sort().map((t) => `${ident(live)}.${ident(t)}`);
    if (this.options.kafka) {
      // Projectors lock their stream marks before touching the tables: take them in the same order.
      await tx.query(`LOCK TABLE messaging.stream_positions IN EXCLUSIVE MODE`);
    }
    // EXCLUSIVE lets readers through but waits for, and then holds off, the live writer.
    await tx.query(`LOCK TABLE ${qualified.join(', ')} IN EXCLUSIVE MODE`);
    if (!this.options.kafka) {
      await tx.query(`SELECT position FROM event_store.checkpoints WHERE name = $1 FOR UPDATE`, [handler.name]);
    }

    // The last events, inside the swap: now nothing can move the live tables past them.
    let position = await checkpoints.get(this.checkpointName, tx);
    let events = 0;
    await tx.query(searchPathSql(this.shadowSchema));
    const filter = categoryFilter(handler.categories);
    for (;;) {
      const batch: StoredEvent[] = await this.store.readAll({ after: position, limit: this.batchSize });
      if (batch.length === 0) break;
      const mine = filter ? batch.filter((e) => filter.test(e.streamId)) : batch;
      if (mine.length) await handler.handle(mine, tx);
      position = batch[batch.length - 1].position;
      events += batch.length;
    }

    // Replace the live tables by the shadow ones, keeping the live index names.
    for (const table of tables) {
      const names = await this.indexNamePairs(tx, live, table);
      await tx.query(`DROP TABLE ${ident(live)}.${ident(table)}`);
      await tx.query(`ALTER TABLE ${ident(this.shadowSchema)}.${ident(table)} SET SCHEMA ${ident(live)}`);
      for (const [shadowName, liveName] of names) {
        if (shadowName !== liveName) await tx.query(`ALTER INDEX ${ident(live)}.${ident(shadowName)} RENAME TO ${ident(liveName)}`);
      }
    }

    if (this.options.kafka) {
      await this.setStreamPositions(tx, position);
    } else {
      await tx.query(
        `INSERT INTO event_store.checkpoints (name, position) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
        [handler.name, position.toString()],
      );
    }
    await checkpoints.reset(this.checkpointName, tx);
    return { position, events };
  }

  /** (shadow index name, live index name) of indexes with the same definition. */
  private async indexNamePairs(tx: PgClient, live: string, table: string): Promise<Array<[string, string]>> {
    const { rows } = await tx.query<{ schema: string; name: string; def: string }>(
      `SELECT schemaname AS schema, indexname AS name, indexdef AS def FROM pg_indexes
       WHERE tablename = $1 AND schemaname = ANY($2::text[])`,
      [table, [live, this.shadowSchema]],
    );
    const shape = (r: { schema: string; name: string; def: string }) =>
      r.def
        .replace(/^CREATE (UNIQUE )?INDEX \S+ ON /, 'CREATE $1INDEX ON ')
        .split(`${r.schema}.`)
        .join('');
    const liveByShape = new Map(rows.filter((r) => r.schema === live).map((r) => [shape(r), r.name]));
    const pairs: Array<[string, string]> = [];
    for (const r of rows.filter((x) => x.schema === this.shadowSchema)) {
      const liveName = liveByShape.get(shape(r));
      if (liveName) pairs.push([r.name, liveName]);
    }
    return pairs;
  }

  /** Kafka mode: the projector skips whatever the rebuilt tables already hold, stream by stream. */
  private async setStreamPositions(tx: PgClient, position: bigint): Promise<void> {
    const patterns = this.handler.categories?.length ? this.handler.categories.map((c) => `${c}-%`) : null;
    await tx.query(`DELETE FROM messaging.stream_positions WHERE subscription = $1`, [this.handler.name]);
    if (position === 0n) return;
    await tx.query(
      `INSERT INTO messaging.stream_positions (subscription, stream_id, version)
       SELECT $1, e.stream_id, max(e.version) FROM event_store.events e
       WHERE (e.tx_id, e.position) <= (SELECT c.tx_id, c.position FROM event_store.events c WHERE c.position = $2::bigint)
         AND ($3::text[] IS NULL OR e.stream_id LIKE ANY ($3::text[]))
       GROUP BY e.stream_id`,
      [this.handler.name, position.toString(), patterns],
    );
  }
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function categoryFilter(categories?: string[]): RegExp | null {
  const cleaned = categories?.map((c) => c.replace(/[^a-z0-9-]/g, ''));
  return cleaned?.length ? new RegExp(`^(?:${cleaned.join('|')})-`) : null;
}

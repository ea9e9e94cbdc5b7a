import { Client, type ClientConfig } from 'pg';
import type { PgPool } from './pg.types';

/** The PostgreSQL NOTIFY channel on which an API-only process says "the log has grown". */
export const APPENDED_CHANNEL = 'event_store_appended';

interface SignalLogger {
  warn(message: string, context?: unknown): void;
}

/**
 * Tells the other processes on the database that this one has appended, so that a worker in its
 * own process (the production layout: `start:api` beside `start:worker`) reads at once instead of
 * at its next poll. Only a hint: a lost one costs a poll interval, never an event.
 *
 * Sent after the append has committed, outside its transaction (a NOTIFY inside it would take the
 * server's notification lock at every commit). Coalesced: one NOTIFY in flight at a time; appends
 * while it is under way send exactly one more once it is done, so the last append is always
 * followed by a NOTIFY sent after its commit.
 */
export class AppendSignal {
  private inFlight = false;
  private pending = false;

  constructor(
    private readonly pool: PgPool,
    private readonly logger?: SignalLogger,
  ) {}

  announce(): void {
    if (this.inFlight) {
      this.pending = true;
      return;
    }
    this.inFlight = true;
    this.pool
      .query({ name: 'event_store_appended_notify', text: `SELECT pg_notify('${APPENDED_CHANNEL}', '')` })
      .catch((error: unknown) =>
        this.logger?.warn('append signal not sent; workers find the events at their next poll', { error: String(error) }),
      )
      .finally(() => {
        this.inFlight = false;
        if (this.pending) {
          this.pending = false;
          this.announce();
        }
      });
  }
}

/**
 * Hears AppendSignal on a connection of its own (LISTEN needs one that stays open) and calls
 * `onAppended` for each. Reconnects with backoff after the connection is lost, and calls
 * `onAppended` once reconnected, since signals sent meanwhile were missed.
 */
export class AppendListener {
  private client: Client | null = null;
  private running = false;
  private retry: NodeJS.Timeout | null = null;
  private backoffMs = 100;
  private connecting: Promise<void> | null = null;

  constructor(
    private readonly config: ClientConfig,
    private readonly onAppended: () => void,
    private readonly logger?: SignalLogger & { log(message: string, context?: unknown): void },
  ) {}

  /** A listener on the pool's own connection settings. */
  static forPool(
    pool: PgPool,
    onAppended: () => void,
    logger?: SignalLogger & { log(message: string, context?: unknown): void },
  ): AppendListener {
    const { connectionString, host, port, user, password, database, ssl } = pool.options;
    return new AppendListener({ connectionString, host, port, user, password, database, ssl }, onAppended, logger);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.connect();
  }

  /** Closes the connection; a (re)connect under way is waited for, so no connection outlives this. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    await this.connecting;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    const connecting = this.open().finally(() => {
      if (this.connecting === connecting) this.connecting = null;
    });
    this.connecting = connecting;
    return connecting;
  }

  private async open(): Promise<void> {
    const client = new Client({ ...this.config, application_name: 'append-listener' });
    client.on('notification', (msg) => {
      if (msg.channel === APPENDED_CHANNEL) this.onAppended();
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${APPENDED_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (!this.running) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.backoffMs = 100;
    this.onAppended(); // whatever was appended while not listening
  }

  private lost(client: Client, error: unknown): void {
    if (this.client === client) this.client = null;
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    if (!this.running || this.retry) return;
    this.logger?.warn('append listener disconnected; polling until it is back', { error: String(error), retryInMs: this.backoffMs });
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.running) void this.connect();
    }, this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, 10_000);
  }
}

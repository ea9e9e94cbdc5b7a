import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile, spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { INestApplicationContext } from '@nestjs/common';
import { CheckpointStore, PostgresEventStore, SubscriptionRegistry, type PgPool } from '@app/event-store';
import { EmbeddedPostgres, openDatabase, poolOf, type MigrationList } from '@app/platform';

export interface Sample {
  perSecond: number;
  p50: number;
  p99: number;
  /** This process's CPU time (user + system) per operation, in µs: the client side's share of the cost. */
  cpuMicros?: number;
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const percentile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

/** Runs `work` with `concurrency` loops until `total` operations are done; latency per operation. */
export async function measure(total: number, concurrency: number, work: (i: number, worker: number) => Promise<void>): Promise<Sample> {
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t0 = process.hrtime.bigint();
        await work(i, w);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    perSecond: total / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    cpuMicros: (used.user + used.system) / total,
  };
}

/** Prints medians of each side's rounds and every side's ratio to the first (the baseline). */
export function printTable(title: string, unit: string, sides: Array<{ name: string; samples: Sample[] }>): void {
  const rate = (s: Sample[]) => median(s.map((x) => x.perSecond));
  const base = rate(sides[0].samples);
  console.log(`\n${title}`);
  console.log(`${'side'.padEnd(44)} ${unit.padStart(10)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'ratio'.padStart(7)}`);
  for (const { name, samples } of sides) {
    const r = rate(samples);
    console.log(
      `${name.padEnd(44)} ${r.toFixed(0).padStart(10)} ${median(samples.map((x) => x.p50))
        .toFixed(2)
        .padStart(8)} ${median(samples.map((x) => x.p99))
        .toFixed(2)
        .padStart(8)} ${(r / base).toFixed(2).padStart(7)}`,
    );
  }
}

export interface BenchDatabase {
  url: string;
  pool: PgPool;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/** A fresh database on DATABASE_URL's server, or on an embedded PostgreSQL started for the run. */
export async function openBenchDatabase(migrations: MigrationList, poolSize: number): Promise<BenchDatabase> {
  let embedded: EmbeddedPostgres | null = null;
  let server = process.env.DATABASE_URL;
  if (!server) {
    // BENCH_PG_DIR / BENCH_PG_PORT: another data directory and port, so that two runs on one machine do not collide.
    embedded = new EmbeddedPostgres({
      dataDir: process.env.BENCH_PG_DIR ?? '.data/bench-pg',
      port: Number(process.env.BENCH_PG_PORT ?? 54331),
      database: 'bench',
    });
    server = await embedded.start();
  }
  // BENCH_REUSE=<database> runs on a database kept by an earlier BENCH_KEEP=1 run (migrations still apply).
  const reuse = process.env.BENCH_REUSE;
  if (reuse && !/^bench_\w+$/.test(reuse)) throw new Error(`BENCH_REUSE must name a kept bench_… database, got ${reuse}`);
  const name = reuse ?? `bench_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const dataSource = await openDatabase({ url: url.toString(), migrations, poolSize });
  const pool = poolOf(dataSource);
  pool.on('error', () => undefined);
  return {
    url: url.toString(),
    pool,
    dataSource,
    async drop() {
      await dataSource.destroy();
      // BENCH_KEEP=1 leaves the database for inspection (EXPLAIN, pg_stat_*); its name is printed.
      if (process.env.BENCH_KEEP || reuse) console.log(`kept database ${name}`);
      else await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
      await embedded?.stop();
    },
  };
}

export interface HttpLoadJob {
  url: string;
  token: string;
  paths: string[];
  /** POST (default, with `body`) or GET. */
  method?: 'POST' | 'GET';
  body?: string;
  connections: number;
  durationSeconds: number;
}
export interface HttpLoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

/** Runs autocannon in its own process (bench/http-load.ts), as a real client would be. */
export async function httpLoad(job: HttpLoadJob): Promise<HttpLoadResult> {
  // The job goes through a file: thousands of paths exceed what one command-line argument may hold.
  const file = join(tmpdir(), `bench-http-job-${process.pid}-${Date.now()}.json`);
  await writeFile(file, JSON.stringify(job));
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [`${__dirname}/http-load.js`, file], { maxBuffer: 1 << 24 });
    return JSON.parse(stdout) as HttpLoadResult;
  } finally {
    await rm(file, { force: true });
  }
}

/** A check that is true once every read model of `app` has its checkpoint at the log's head. */
export function readModelsAtHead(app: INestApplicationContext): () => Promise<boolean> {
  const registry = app.get(SubscriptionRegistry);
  const checkpoints = app.get(CheckpointStore);
  const store = app.get(PostgresEventStore);
  return async () => {
    const head = await store.headPosition();
    for (const handler of registry.all()) {
      if (!(await store.hasReached(await checkpoints.get(handler.name), head))) return false;
    }
    return true;
  };
}

export interface WorkerProcess {
  pid: number;
  /** SIGTERM, then waits for the process to exit (its relay hands its lease over, its groups leave). */
  stop(): Promise<void>;
}

/**
 * The production layout's second process: `npm run start:worker` (the read models, the relay and
 * consumer groups in Kafka mode, the scheduler) on this process's environment plus `env`, beside an
 * API created here with RUN_WORKER=false. Resolves once its /health/live answers.
 */
export async function startWorkerProcess(env: Record<string, string> = {}): Promise<WorkerProcess> {
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address() as AddressInfo;
      probe.close(() => resolve(p));
    });
  });
  const child = spawn(process.execPath, [join(__dirname, '../apps/worker/src/main.js')], {
    env: { ...process.env, RUN_WORKER: 'true', WORKER_HTTP_PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  for (const started = Date.now(); ;) {
    if (gone) throw new Error(`the worker process exited before it was ready (code ${await exited})`);
    const live = await fetch(`http://127.0.0.1:${port}/health/live`).then(
      (r) => r.ok,
      () => false,
    );
    if (live) break;
    if (Date.now() - started > 60_000) {
      child.kill('SIGKILL');
      throw new Error('the worker process did not answer /health/live within 60 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid: child.pid ?? 0,
    stop: async () => {
      if (!gone) child.kill('SIGTERM');
      await exited;
    },
  };
}

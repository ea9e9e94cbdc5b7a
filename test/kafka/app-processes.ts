import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const REPO = resolve(__dirname, '../..');
const run = promisify(execFile);

/**
 * The server half of `npm run build` (swc, the same .swcrc; no web bundle) into its own directory,
 * so a drill runs the built entrypoints, dist/apps/api/src/main.js and dist/apps/worker/src/main.js,
 * exactly as `npm run start:api` / `start:worker` do, without touching a developer's dist/.
 */
export async function buildServer(outDir = resolve(REPO, '.data/multi-process-build')): Promise<string> {
  const swc = resolve(REPO, 'node_modules/.bin/swc');
  const args = ['apps', 'libs', '-d', outDir, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '--ignore', '**/*.int-spec.ts'];
  await run(swc, [...args, '--ignore', 'apps/web/**', '-q'], { cwd: REPO, timeout: 120_000 });
  return outDir;
}

export type AppKind = 'api' | 'worker';

export interface AppProcess {
  name: string;
  kind: AppKind;
  /** API_PORT of an API, WORKER_HTTP_PORT of a worker: /health/live, /metrics. */
  port: number;
  proc: ChildProcess;
  pid: number;
  /** Resolves with the exit code, or the signal's name. */
  exited: Promise<number | string>;
  alive(): boolean;
  /** The last lines the process wrote (stdout and stderr), for a failing drill's message. */
  tail(lines?: number): string;
  signal(signal: NodeJS.Signals): void;
}

/** An API (RUN_WORKER=false) or a standalone worker, from the built entrypoint, as the production image runs them. */
export function spawnApp(build: string, kind: AppKind, name: string, port: number, env: Record<string, string>): AppProcess {
  const entry = resolve(build, `apps/${kind}/src/main.js`);
  const proc = spawn(process.execPath, ['--enable-source-maps', entry], {
    cwd: REPO,
    env: {
      ...process.env,
      ...env,
      ...(kind === 'api' ? { API_PORT: String(port), RUN_WORKER: 'false' } : { WORKER_HTTP_PORT: String(port) }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    if (output.length > 400) output.splice(0, output.length - 400);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<number | string>((r) => proc.on('exit', (code, signal) => r(code ?? signal ?? 'unknown')));
  const app: AppProcess = {
    name,
    kind,
    port,
    proc,
    pid: proc.pid!,
    exited,
    alive: () => proc.exitCode === null && proc.signalCode === null,
    tail: (lines = 40) => output.slice(-lines).join('\n'),
    signal(signal) {
      if (app.alive()) proc.kill(signal);
    },
  };
  return app;
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request on a connection of its own (no keep-alive: a draining server closes idle connections). */
export function httpRequest(
  port: number,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown; onWritten?: () => void } = {},
): Promise<HttpResult> {
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  return new Promise((resolveResult, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolveResult({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.onWritten) req.on('finish', options.onWritten);
    req.end(payload);
  });
}

/** Resolves once the process answers /health/live; rejects as soon as it exits (with its last output). */
export async function waitLive(app: AppProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!app.alive()) throw new Error(`${app.name} exited (${String(await app.exited)}) before it was live:\n${app.tail()}`);
    try {
      if ((await httpRequest(app.port, 'GET', '/health/live')).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${app.name} not live after ${timeoutMs} ms:\n${app.tail()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

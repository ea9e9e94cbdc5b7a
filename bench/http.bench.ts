import { randomUUID } from 'node:crypto';
import { writeHeapSnapshot } from 'node:v8';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { Body, Controller, HttpCode, Module, Param, Post } from '@nestjs/common';
import { Roles, ROLES, signToken } from '@app/auth';
import { createApp } from '../apps/api/src/bootstrap';
import { MIGRATIONS } from '../apps/api/src/migrations';
import { EscalationScheduler } from '../apps/worker/src/scheduler/escalation.scheduler';
import { ReportOrderProgressDto } from '../apps/api/src/rectification-orders/order-commands.dto';
import { generateOrders } from './fixtures';
import { httpLoad, median, openBenchDatabase, percentile, readModelsAtHead, startWorkerProcess } from './lib';

/**
 * Issue 6, part 3: the authenticated, validated "report progress" command over HTTP against a
 * trivial endpoint of the same app (same guard, same DTO validation, no database) in the same run.
 * The load generator (autocannon) runs in its own process; PostgreSQL, the app and the load share
 * the machine's cores. Alternating rounds; medians. The reports are spread over ORDERS orders (2,000):
 * an order's read-model row holds its reports, so piling thousands onto a few hundred orders would
 * measure ever-growing rows rather than the command path.
 */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 2000);
/**
 * Issue 18, part 8: orders already in the log when the app starts (3 events each, through the real
 * decider), so that the memory figures are those of a city-sized log: the read models hold them,
 * the scheduler and the queries see them. The commands still go to the ORDERS orders made over HTTP.
 */
const BACKGROUND_ORDERS = Number(process.env.BENCH_BACKGROUND_ORDERS ?? 100_000);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 30);
/** `one`: API and worker in one process (as `npm start`); `split`: also the API alone beside a worker process (production). */
const LAYOUTS = (process.env.BENCH_LAYOUTS ?? 'one,split').split(',');
const mb = (bytes: number) => bytes / 1024 / 1024;

/** Samples this process's memory (the API and the worker in one process, as `npm start` runs them). */
class MemorySampler {
  readonly rss: number[] = [];
  readonly heap: number[] = [];
  private timer: NodeJS.Timeout | null = null;
  start(): void {
    this.timer = setInterval(() => {
      const m = process.memoryUsage();
      this.rss.push(m.rss);
      this.heap.push(m.heapUsed);
    }, 250);
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
const SECRET = 'bench-secret-bench-secret-bench-secret-000000';

@Controller('bench')
@Roles(...ROLES)
class TrivialController {
  @Post('trivial/:id/report-progress')
  @HttpCode(200)
  trivial(@Param('id') id: string, @Body() _body: ReportOrderProgressDto) {
    return { id, version: 1, position: '1' };
  }
}
@Module({ controllers: [TrivialController] })
class TrivialModule {}

const load = (url: string, token: string, paths: string[], body: string) =>
  httpLoad({ url, token, paths, body, connections: CONNECTIONS, durationSeconds: SECONDS });

async function main(): Promise<void> {
  const db = await openBenchDatabase(MIGRATIONS, 40);
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    JWT_SECRET: SECRET,
    PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    SEED_PLAN: 'false',
    SEED_SAMPLES: 'false',
    LOG_LEVEL: 'error',
    DB_POOL_SIZE: '40',
    // The load generator is one user on one address: the API's rate limits would measure themselves.
    RATE_LIMIT_USER_PER_MINUTE: '0',
    RATE_LIMIT_IP_PER_MINUTE: '0',
  });
  if (BACKGROUND_ORDERS > 0) {
    const t0 = Date.now();
    const events = await generateOrders(db.pool, BACKGROUND_ORDERS, 0);
    console.log(`generated ${events} events for ${BACKGROUND_ORDERS} background orders in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const app = await createApp({ quiet: true, imports: [TrivialModule] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const caughtUp = readModelsAtHead(app);
  const t0 = Date.now();
  while (!(await caughtUp())) await new Promise((r) => setTimeout(r, 200));
  console.log(`read models caught up with the log in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // The background orders' deadlines run from 200 days ago: the scheduler's first ticks raise their
  // escalations. That is catching up, not idling: done here, so that "idle" below is the steady state.
  const scheduler = app.get(EscalationScheduler, { strict: false });
  let raised = 0;
  for (;;) {
    const tick = await scheduler.evaluate();
    raised += tick.raised + tick.resolved;
    if (tick.raised + tick.resolved === 0) break;
  }
  while (!(await caughtUp())) await new Promise((r) => setTimeout(r, 200));
  console.log(`escalations raised or resolved before idling: ${raised}`);
  // Idle: nothing but the runners' polls and the scheduler, long enough for V8's memory reducer to
  // give back what the catch-up's garbage made the heap grow to (it acts some seconds after the
  // allocation rate drops).
  const session = new Session();
  if (process.env.BENCH_IDLE_ALLOCATIONS) {
    session.connect();
    await session.post('HeapProfiler.startSampling', { samplingInterval: 65536 });
  }
  for (let s = 0; s < IDLE_SECONDS; s += 10) {
    await new Promise((r) => setTimeout(r, 10_000));
    if (process.env.BENCH_MEMORY_DETAIL)
      console.log(
        `idle ${s + 10} s`,
        JSON.stringify(Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(mb(v))]))),
      );
  }
  if (process.env.BENCH_IDLE_ALLOCATIONS) {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    writeFileSync(process.env.BENCH_IDLE_ALLOCATIONS, JSON.stringify(profile));
    session.disconnect();
  }
  const idle = process.memoryUsage();
  if (process.env.BENCH_MEMORY_DETAIL)
    console.log('idle memoryUsage (MB)', JSON.stringify(Object.fromEntries(Object.entries(idle).map(([k, v]) => [k, Math.round(mb(v))]))));
  // BENCH_HEAP_SNAPSHOT=1 writes the heap when idle and after the load (Heap.*.heapsnapshot in the
  // working directory) for Chrome DevTools' Memory tab or `node tools/heap-top.mjs <file>`.
  if (process.env.BENCH_HEAP_SNAPSHOT) console.log(`heap snapshot: ${writeHeapSnapshot()}`);
  const address = app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  const office = await signToken(SECRET, {
    userId: 'bench-office',
    displayName: '督察整改办',
    roles: ['supervision-office'],
    department: 'supervision-office',
  });
  const lead = await signToken(SECRET, {
    userId: 'bench-lead',
    displayName: '市生态环境局',
    roles: ['project-lead'],
    department: 'city-eco-env-bureau',
  });

  const post = async (path: string, token: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const ids: string[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const { id } = await post('/api/v1/rectification-orders', office, {
      code: `BENCH-${i}`,
      source: 'CENTRAL_INSPECTION',
      batch: '基准测试',
      finding: '镜泊湖周边生活污水直排',
      target: '完成截污纳管',
      deadlineKind: 'BY_DATE',
      deadline: '2030-12-31',
      measures: [{ measureId: randomUUID(), description: '铺设截污管网', dueDate: '2030-06-30' }],
    });
    await post(`/api/v1/rectification-orders/${id}/assign`, office, {
      leadDepartment: 'city-eco-env-bureau',
      cooperatingDepartments: [],
      acceptanceDepartment: 'city-eco-env-bureau',
    });
    await post(`/api/v1/rectification-orders/${id}/start`, lead, {});
    ids.push(id);
  }
  const body = JSON.stringify({ summary: '已完成污水管网铺设 3.2 公里，处理站主体完工。', percentComplete: 60 });
  const command = ids.map((id) => `/api/v1/rectification-orders/${id}/report-progress`);
  const trivial = ids.map((id) => `/bench/trivial/${id}/report-progress`);

  const underLoad = new MemorySampler();
  underLoad.start();
  // BENCH_CPU_PROFILE=<file>: a CPU profile of this process over the command rounds only (for
  // Chrome DevTools, or `node tools/long-tasks.mjs <file>` for what blocked the event loop).
  const measured = await rounds(base, lead, trivial, command, body, process.env.BENCH_CPU_PROFILE);
  underLoad.stop();
  if (process.env.BENCH_HEAP_SNAPSHOT) console.log(`heap snapshot after the load: ${writeHeapSnapshot()}`);
  // The layout `npm start` runs: the read-model runners and the scheduler share the API's event loop.
  printRounds('HTTP, one process (API + worker, as npm start)', measured);
  const events = Number(
    (await db.pool.query(`SELECT count(*) FROM event_store.events WHERE type = 'OrderProgressReported'`)).rows[0].count,
  );
  console.log(`OrderProgressReported events stored: ${events}`);
  const stat = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return `${mb(percentile(sorted, 0.5)).toFixed(0).padStart(7)} ${mb(sorted[sorted.length - 1])
      .toFixed(0)
      .padStart(7)}`;
  };
  console.log(
    `\nmemory of the API + worker process (MB), ${BACKGROUND_ORDERS + ORDERS} orders (${BACKGROUND_ORDERS} in the log before the start)`,
  );
  console.log(`${'state'.padEnd(48)} ${'RSS p50'.padStart(7)} ${'RSS max'.padStart(7)} ${'heap'.padStart(7)}`);
  console.log(
    `${'idle, read models at head'.padEnd(48)} ${mb(idle.rss).toFixed(0).padStart(7)} ${mb(idle.rss).toFixed(0).padStart(7)} ${mb(idle.heapUsed).toFixed(0).padStart(7)}`,
  );
  console.log(
    `${'under the load above (sampled every 250 ms)'.padEnd(48)} ${stat(underLoad.rss)} ${stat(underLoad.heap).split(' ').pop()}`,
  );
  console.log("target: RSS under 400 MB (a heap snapshot's top retainers when over)");
  await app.close();
  if (LAYOUTS.includes('split')) await splitLayout(lead, trivial, command, body);
  console.log('\ntarget: command p99 < 50 ms at ≥ 1,500 commands/s');
  await db.drop();
}

type LoadResult = Awaited<ReturnType<typeof load>>;
interface Rounds {
  rows: { trivial: LoadResult[]; command: LoadResult[] };
  /** How long the API's event loop was blocked while the commands ran: a command's latency includes every such wait. */
  loopDelays: Array<{ p50: number; p99: number; max: number }>;
}

/** A warm-up, then ROUNDS rounds of the trivial endpoint and the command, alternating. */
async function rounds(
  base: string,
  token: string,
  trivial: string[],
  command: string[],
  body: string,
  profileFile?: string,
): Promise<Rounds> {
  await load(base, token, trivial, body); // warm-up
  await load(base, token, command, body);
  const result: Rounds = { rows: { trivial: [], command: [] }, loopDelays: [] };
  const profiler = profileFile ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.setSamplingInterval', { interval: 500 });
    await profiler.post('Profiler.enable');
  }
  for (let r = 0; r < ROUNDS; r++) {
    result.rows.trivial.push(await load(base, token, trivial, body));
    const loopDelay = monitorEventLoopDelay({ resolution: 10 }); // a fresh one per round: a re-enabled one counts the pause
    loopDelay.enable();
    if (profiler) await profiler.post('Profiler.start');
    result.rows.command.push(await load(base, token, command, body));
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(r === 0 ? String(profileFile) : `${profileFile}.${r + 1}`, JSON.stringify(profile));
    }
    loopDelay.disable();
    // The histogram holds whole timer intervals: the 10 ms resolution is not a delay.
    const blocked = (ns: number) => Math.max(0, ns / 1e6 - 10);
    result.loopDelays.push({ p50: blocked(loopDelay.percentile(50)), p99: blocked(loopDelay.percentile(99)), max: blocked(loopDelay.max) });
  }
  profiler?.disconnect();
  return result;
}

function line(name: string, rs: LoadResult[], baseRate: number): string {
  const rate = median(rs.map((x) => x.requestsPerSecond));
  return `${name.padEnd(48)} ${rate.toFixed(0).padStart(8)} ${median(rs.map((x) => x.p50))
    .toFixed(1)
    .padStart(7)} ${median(rs.map((x) => x.p99))
    .toFixed(1)
    .padStart(7)} ${(rate / baseRate).toFixed(2).padStart(6)} ${String(rs.reduce((n, x) => n + x.non2xx + x.errors, 0)).padStart(6)}`;
}

function printRounds(title: string, { rows, loopDelays }: Rounds): void {
  const baseRate = median(rows.trivial.map((x) => x.requestsPerSecond));
  console.log(`\n${title}: ${CONNECTIONS} connections, ${SECONDS} s x ${ROUNDS} rounds, ${ORDERS} orders (Fastify, JWT, class-validator)`);
  console.log(
    `${'side'.padEnd(48)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'ratio'.padStart(6)} ${'errors'.padStart(6)}`,
  );
  console.log(line('trivial endpoint (auth + validation, no DB)', rows.trivial, baseRate));
  console.log(line('POST …/report-progress (command → event store)', rows.command, baseRate));
  const m = (f: (d: Rounds['loopDelays'][number]) => number) => median(loopDelays.map(f)).toFixed(1);
  console.log(
    `event loop blocked during the command rounds (ms, medians of the rounds): p50 ${m((d) => d.p50)}, p99 ${m((d) => d.p99)}, max ${m((d) => d.max)}`,
  );
}

/**
 * The production layout: the API in this process with RUN_WORKER=false (no runners, no scheduler on
 * its event loop), `start:worker` in a second process, on the same database and orders.
 */
async function splitLayout(token: string, trivial: string[], command: string[], body: string): Promise<void> {
  process.env.RUN_WORKER = 'false';
  const worker = await startWorkerProcess();
  const api = await createApp({ quiet: true, imports: [TrivialModule] });
  try {
    await api.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
    const caughtUp = readModelsAtHead(api);
    while (!(await caughtUp())) await new Promise((r) => setTimeout(r, 200));
    printRounds('HTTP, API process alone (the worker in its own process)', await rounds(base, token, trivial, command, body));
  } finally {
    await api.close();
    await worker.stop();
    delete process.env.RUN_WORKER;
  }
}

void main();

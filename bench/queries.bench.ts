import { Controller, Get, Module, Query } from '@nestjs/common';
import { Roles, ROLES, signToken } from '@app/auth';
import { addDays, shanghaiDate } from '@app/domain';
import { SubscriptionRegistry } from '@app/event-store';
import { createApp } from '../apps/api/src/bootstrap';
import { MIGRATIONS } from '../apps/api/src/migrations';
import { EscalationScheduler } from '../apps/worker/src/scheduler/escalation.scheduler';
import { ListEscalationsQueryDto } from '../apps/api/src/escalations/queries/list-escalations/list-escalations.dto';
import { generateOrders } from './fixtures';
import { httpLoad, median, openBenchDatabase, readModelsAtHead, type HttpLoadResult } from './lib';

/**
 * Issue 6, part 6: the escalation queue and the deadline calendar over HTTP with ORDERS orders
 * (3 + REPORTS events each: 1,000,000 events by default) and the escalations the real scheduler
 * raises for them, against a trivial GET of the same app (same auth guard, same query validation,
 * a 20-item page from memory) in the same run. The queries are the ones the web cockpit and the
 * list pages send. Alternating rounds; medians. `npm run bench:queries`.
 */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 7);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECRET = 'bench-secret-bench-secret-bench-secret-000000';

const PAGE = Array.from({ length: 20 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  level: 2,
  subjectCode: `BENCH-${i}`,
  itemName: '整改期限',
  dueDate: '2026-01-01',
  daysOverdue: 300,
}));

// Every route declares its roles (a route without them is refused), as the real ones do.
@Controller('bench')
@Roles(...ROLES)
class TrivialQueryController {
  @Get('trivial')
  trivial(@Query() _filter: ListEscalationsQueryDto) {
    return { items: PAGE, total: PAGE.length, page: 1, pageSize: 20 };
  }
}
@Module({ controllers: [TrivialQueryController] })
class TrivialQueryModule {}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main(): Promise<void> {
  const db = await openBenchDatabase(MIGRATIONS, 20);
  let t0 = Date.now();
  const stored = Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events')).rows[0].n);
  if (stored === 0) {
    const total = await generateOrders(db.pool, ORDERS, REPORTS);
    console.log(`generated ${total} events for ${ORDERS} orders in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } else console.log(`reusing ${db.url.replace(/^.*\//, '')} with ${stored} events`);

  Object.assign(process.env, {
    DATABASE_URL: db.url,
    JWT_SECRET: SECRET,
    PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    SEED_PLAN: 'false',
    SEED_SAMPLES: 'false',
    LOG_LEVEL: 'error',
    DB_POOL_SIZE: '20',
    SCHEDULER_ENABLED: 'false', // ticked once below, by hand
    // The load generator is one user on one address: the API's rate limits (600 a minute) would answer 429.
    RATE_LIMIT_USER_PER_MINUTE: '0',
    RATE_LIMIT_IP_PER_MINUTE: '0',
  });
  const app = await createApp({ quiet: true, imports: [TrivialQueryModule] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const caughtUp = readModelsAtHead(app);

  t0 = Date.now();
  await until('read models to catch up', caughtUp);
  console.log(
    `read models (${app.get(SubscriptionRegistry).all().length}) caught up with the log in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  t0 = Date.now();
  const tick = await app.get(EscalationScheduler, { strict: false }).evaluate();
  console.log(`one scheduler tick raised ${tick.raised} escalations in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await until('escalation queue to catch up', caughtUp);
  await db.pool.query('VACUUM ANALYZE');
  const counts = (
    await db.pool.query<{ events: string; deadlines: string; escalations: string; open: string }>(
      `SELECT (SELECT count(*) FROM event_store.events) AS events, (SELECT count(*) FROM read_models.deadlines) AS deadlines,
              (SELECT count(*) FROM read_models.escalations) AS escalations,
              (SELECT count(*) FROM read_models.escalations WHERE status = 'OPEN') AS open`,
    )
  ).rows[0];
  console.log(
    `stored: ${counts.events} events, ${counts.deadlines} deadline items, ${counts.escalations} escalations (${counts.open} open)`,
  );

  const leader = await signToken(SECRET, { userId: 'bench-leader', displayName: '领导小组', roles: ['leadership'], department: null });
  const today = shanghaiDate(new Date());
  const sides: Array<{ name: string; paths: string[] }> = [
    { name: 'baseline: trivial GET (auth + query DTO, no DB)', paths: ['/bench/trivial?status=OPEN&pageSize=20'] },
    { name: 'escalation queue: open, default order', paths: ['/api/v1/escalations?status=OPEN'] },
    { name: 'escalation queue: open, cockpit (100)', paths: ['/api/v1/escalations?status=OPEN&pageSize=100'] },
    {
      name: 'escalation queue: one department, red+',
      paths: ['ning-an-city', 'hai-lin-city', 'mu-ling-city'].map((d) => `/api/v1/escalations?status=OPEN&department=${d}&level=2`),
    },
    { name: 'deadline calendar: next 30 days (100)', paths: [`/api/v1/deadlines?from=${today}&to=${addDays(today, 30)}&pageSize=100`] },
    {
      name: 'deadline calendar: a month, one department',
      paths: ['ning-an-city', 'hai-lin-city'].map((d) => `/api/v1/deadlines?from=${addDays(today, -30)}&to=${today}&department=${d}`),
    },
    { name: 'deadline calendar: overdue, page 50', paths: ['/api/v1/deadlines?timeliness=OVERDUE&page=50'] },
  ];
  const results = sides.map(() => [] as HttpLoadResult[]);
  const run = (i: number) =>
    httpLoad({ url: base, token: leader, paths: sides[i].paths, method: 'GET', connections: CONNECTIONS, durationSeconds: SECONDS });
  for (let i = 0; i < sides.length; i++) {
    const warm = await run(i); // warm-up, and a check that every path answers 2xx
    if (warm.non2xx || warm.errors || !warm.total) throw new Error(`${sides[i].paths[0]}: ${JSON.stringify(warm)}`);
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < sides.length; i++) results[i].push(await run(i));
  }
  console.log(`\nqueries: ${CONNECTIONS} connections, ${SECONDS} s x ${ROUNDS} rounds, ${ORDERS} orders, ${counts.events} events`);
  console.log(
    `${'side'.padEnd(46)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'p99/base'.padStart(8)} ${'errors'.padStart(6)}`,
  );
  const baseP99 = median(results[0].map((r) => r.p99));
  sides.forEach(({ name }, i) => {
    const rs = results[i];
    const p99 = median(rs.map((r) => r.p99));
    console.log(
      `${name.padEnd(46)} ${median(rs.map((r) => r.requestsPerSecond))
        .toFixed(0)
        .padStart(8)} ${median(rs.map((r) => r.p50))
        .toFixed(1)
        .padStart(7)} ${p99.toFixed(1).padStart(7)} ${(p99 / Math.max(baseP99, 1)).toFixed(1).padStart(8)} ${String(
        rs.reduce((n, r) => n + r.non2xx + r.errors, 0),
      ).padStart(6)}`,
    );
  });
  await app.close();
  await db.drop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

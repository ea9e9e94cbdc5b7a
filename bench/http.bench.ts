import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Module, Param, Post } from '@nestjs/common';
import { Roles, ROLES, signToken } from '@app/auth';
import { createApp } from '../apps/api/src/bootstrap';
import { MIGRATIONS } from '../apps/api/src/migrations';
import { ReportOrderProgressDto } from '../apps/api/src/rectification-orders/order-commands.dto';
import { httpLoad, median, openBenchDatabase } from './lib';

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
  const app = await createApp({ quiet: true, imports: [TrivialModule] });
  await app.listen({ port: 0, host: '127.0.0.1' });
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

  await load(base, lead, trivial, body); // warm-up
  await load(base, lead, command, body);
  const rows = { trivial: [] as Awaited<ReturnType<typeof load>>[], command: [] as Awaited<ReturnType<typeof load>>[] };
  for (let r = 0; r < ROUNDS; r++) {
    rows.trivial.push(await load(base, lead, trivial, body));
    rows.command.push(await load(base, lead, command, body));
  }
  const line = (name: string, rs: typeof rows.command, baseRate: number) => {
    const rate = median(rs.map((x) => x.requestsPerSecond));
    return `${name.padEnd(48)} ${rate.toFixed(0).padStart(8)} ${median(rs.map((x) => x.p50))
      .toFixed(1)
      .padStart(7)} ${median(rs.map((x) => x.p99))
      .toFixed(1)
      .padStart(7)} ${(rate / baseRate).toFixed(2).padStart(6)} ${String(rs.reduce((n, x) => n + x.non2xx + x.errors, 0)).padStart(6)}`;
  };
  const baseRate = median(rows.trivial.map((x) => x.requestsPerSecond));
  console.log(`\nHTTP: ${CONNECTIONS} connections, ${SECONDS} s x ${ROUNDS} rounds, ${ORDERS} orders (Fastify, JWT, class-validator)`);
  console.log(
    `${'side'.padEnd(48)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'ratio'.padStart(6)} ${'errors'.padStart(6)}`,
  );
  console.log(line('trivial endpoint (auth + validation, no DB)', rows.trivial, baseRate));
  console.log(line('POST …/report-progress (command → event store)', rows.command, baseRate));
  const events = Number(
    (await db.pool.query(`SELECT count(*) FROM event_store.events WHERE type = 'OrderProgressReported'`)).rows[0].count,
  );
  console.log(`OrderProgressReported events stored: ${events}`);
  await app.close();
  await db.drop();
}

void main();

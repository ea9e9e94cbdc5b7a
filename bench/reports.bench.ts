import { randomUUID } from 'node:crypto';
import { CommandExecutor, rectificationOrders } from '@app/commands';
import type { Actor } from '@app/domain';
import { PostgresEventStore, type PgPool, type SubscriptionHandler } from '@app/event-store';
import { Clock, validateConfig } from '@app/platform';
import { DeadlineProjection, MessageProjection, RectificationOrderProjection } from '@app/read-models';
import { MIGRATIONS } from '../apps/api/src/migrations';
import { orderRegistry } from './fixtures';
import { median, openBenchDatabase, percentile } from './lib';

/**
 * Issue 18, part 5: what one progress report costs on an order that has had none against one that has
 * had REPORTS (1,000) already, in the same run. One report's cost is everything it causes: the command
 * (CommandExecutor: cached fold, decide, append) and the read models that fold the order
 * (RectificationOrderProjection, DeadlineProjection and MessageProjection, each in its own
 * transaction, as their runners do). Rounds alternate: SAMPLE reports on a fresh order (its reports #1…), then SAMPLE on the long
 * one (its #REPORTS+1…). Target: long ÷ fresh ≤ 1.2.
 */
const REPORTS = Number(process.env.BENCH_REPORTS ?? (process.argv.includes('--quick') ? 300 : 1000));
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 25);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (process.argv.includes('--quick') ? 3 : 5));

const office: Actor = {
  userId: 'bench-office',
  displayName: '督察整改办',
  roles: ['supervision-office'],
  department: 'supervision-office',
};
const lead: Actor = { userId: 'bench-lead', displayName: '市生态环境局', roles: ['project-lead'], department: 'city-eco-env-bureau' };

async function main(): Promise<void> {
  const db = await openBenchDatabase(MIGRATIONS, 8);
  const pool: PgPool = db.pool;
  const store = new PostgresEventStore(pool, orderRegistry());
  const config = validateConfig({ ...process.env, DATABASE_URL: db.url });
  const commands = new CommandExecutor({ store, clock: new Clock(), domainConfig: config.domainConfig });
  const handlers: SubscriptionHandler[] = [new RectificationOrderProjection(), new DeadlineProjection(config), new MessageProjection()];

  /** Folds the stream's events after `version` into both read models, each in one transaction. */
  const project = async (streamId: string, after: number) => {
    const events = await store.readStream(streamId, { fromVersion: after + 1 });
    for (const handler of handlers) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SET LOCAL search_path TO ${handler.schema}, public`);
        await handler.handle(events, client);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    }
  };

  const newOrder = async (): Promise<string> => {
    const id = randomUUID();
    await commands.execute(
      rectificationOrders,
      id,
      {
        type: 'IssueOrder',
        orderId: id,
        code: `REPORTS-${id.slice(0, 8)}`,
        source: 'CENTRAL_INSPECTION',
        batch: '基准测试',
        finding: '镜泊湖周边生活污水直排',
        target: '完成截污纳管',
        deadlineKind: 'BY_DATE',
        deadline: '2030-12-31',
        measures: [{ measureId: randomUUID(), description: '铺设截污管网', dueDate: '2030-06-30' }],
        petition: null,
      },
      { actor: office },
    );
    await commands.execute(
      rectificationOrders,
      id,
      {
        type: 'AssignOrder',
        leadDepartment: 'city-eco-env-bureau',
        responsiblePerson: '局长',
        cooperatingDepartments: [],
        acceptanceDepartment: 'city-eco-env-bureau',
      },
      { actor: office },
    );
    await commands.execute(rectificationOrders, id, { type: 'StartRectification' }, { actor: lead });
    await project(`rectification-order-${id}`, 0);
    return id;
  };

  /** One report: the command and its read models; returns milliseconds. */
  const report = async (id: string, k: number): Promise<number> => {
    const t0 = process.hrtime.bigint();
    const result = await commands.execute(
      rectificationOrders,
      id,
      {
        type: 'ReportOrderProgress',
        reportId: randomUUID(),
        summary: `第 ${k} 次进展报告：完成管网 ${k} 公里，处理站主体施工中。`,
        percentComplete: 50,
      },
      { actor: lead },
    );
    await project(`rectification-order-${id}`, result.version - 1);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };

  const long = await newOrder();
  const filled = Date.now();
  for (let k = 1; k <= REPORTS; k++) await report(long, k);
  console.log(`one order given ${REPORTS} progress reports in ${((Date.now() - filled) / 1000).toFixed(1)} s`);
  await newOrder(); // warm-up of the fresh side's statements

  const fresh: number[][] = [];
  const longer: number[][] = [];
  let n = REPORTS;
  for (let r = 0; r < ROUNDS; r++) {
    const order = await newOrder();
    const a: number[] = [];
    for (let k = 1; k <= SAMPLE; k++) a.push(await report(order, k));
    const b: number[] = [];
    for (let k = 1; k <= SAMPLE; k++) b.push(await report(long, ++n));
    fresh.push(a.sort((x, y) => x - y));
    longer.push(b.sort((x, y) => x - y));
  }
  const p50 = (rounds: number[][]) => median(rounds.map((x) => percentile(x, 0.5)));
  const p90 = (rounds: number[][]) => median(rounds.map((x) => percentile(x, 0.9)));
  const { rows } = await pool.query<{ bytes: string }>(
    `SELECT pg_column_size(state)::text AS bytes FROM read_models.rectification_orders WHERE id = $1`,
    [long],
  );
  console.log(`\nprogress report cost (command + order, deadline and message read models), ${SAMPLE} reports x ${ROUNDS} rounds`);
  console.log(`${'side'.padEnd(48)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'ratio'.padStart(7)}`);
  const base = p50(fresh);
  for (const [name, rounds] of [
    [`baseline: reports #1-#${SAMPLE} of a fresh order`, fresh],
    [`reports #${REPORTS + 1}… of one order`, longer],
  ] as const) {
    console.log(
      `${name.padEnd(48)} ${p50(rounds).toFixed(2).padStart(8)} ${p90(rounds).toFixed(2).padStart(8)} ${(p50(rounds) / base).toFixed(2).padStart(7)}`,
    );
  }
  console.log(`target: ratio ≤ 1.2; the long order's read-model state is ${rows[0]?.bytes ?? '?'} bytes (stored, after TOAST compression)`);
  await db.drop();
}

void main();

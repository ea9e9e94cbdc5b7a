import { addDays, shanghaiDate } from '@app/domain';
import { Clock } from '@app/platform';
import { createApp } from '../apps/api/src/bootstrap';
import { MIGRATIONS } from '../apps/api/src/migrations';
import { EscalationScheduler } from '../apps/worker/src/scheduler/escalation.scheduler';
import { generateOrders } from './fixtures';
import { median, openBenchDatabase, readModelsAtHead } from './lib';

/**
 * Issue 18, part 4: the escalation scheduler at ORDERS orders (100,000; deadlines spread from 200 days
 * ago to 200 days ahead, written through the real decider), in the app with its read models.
 *
 * 1. Raising. The clock is set back so that the first tick has the oldest ~6 % of the orders to
 *    escalate, raised one append per escalation (batch size 1: how the scheduler appended before);
 *    then the clock is today, and the next tick raises (and supersedes) everything else in batches of
 *    500. Both print escalations (raised + resolved) per second.
 * 2. An idle tick, nothing to raise, against what a tick read before (every deadline row and every
 *    escalation id), alternating, ROUNDS rounds. Target: under 50 ms at 100,000 orders.
 */
const QUICK = process.argv.includes('--quick');
const ORDERS = Number(process.env.BENCH_ORDERS ?? (QUICK ? 10_000 : 100_000));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 5 : 9));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function main(): Promise<void> {
  const db = await openBenchDatabase(MIGRATIONS, 20);
  let t0 = Date.now();
  const total = await generateOrders(db.pool, ORDERS, 0);
  console.log(`generated ${total} events for ${ORDERS} orders in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  Object.assign(process.env, {
    DATABASE_URL: db.url,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-000000',
    PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    SEED_PLAN: 'false',
    SEED_SAMPLES: 'false',
    LOG_LEVEL: 'error',
    DB_POOL_SIZE: '20',
    SCHEDULER_ENABLED: 'false', // ticked by hand below
  });
  const app = await createApp({ quiet: true });
  await app.init();
  const caughtUp = readModelsAtHead(app);
  t0 = Date.now();
  await until('read models to catch up', caughtUp);
  console.log(`read models caught up with the log in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const scheduler = app.get(EscalationScheduler, { strict: false });
  const clock = app.get(Clock);
  const today = shanghaiDate(new Date());
  const setDay = (day: string) => {
    clock.now = () => new Date(`${day}T10:00:00+08:00`);
  };

  const raising: Array<{ name: string; n: number; seconds: number }> = [];
  const tickTimed = async (name: string, batchSize: number) => {
    scheduler.batchSize = batchSize;
    const t = process.hrtime.bigint();
    const r = await scheduler.evaluate();
    const seconds = ms(t) / 1000;
    raising.push({ name, n: r.raised + r.resolved, seconds });
    const t1 = process.hrtime.bigint();
    await until('read models to catch up', caughtUp);
    console.log(
      `${name}: raised ${r.raised}, resolved ${r.resolved}, skipped ${r.skipped} in ${seconds.toFixed(1)} s; ` +
        `the read models (escalation queue, deadlines, messages) had them ${(ms(t1) / 1000).toFixed(1)} s later`,
    );
  };
  setDay(addDays(today, -190));
  await tickTimed('tick at today - 190 days, one append per escalation', 1);
  setDay(today);
  await tickTimed('tick today, batches of 500', 500);
  await db.pool.query('VACUUM ANALYZE');
  let t = process.hrtime.bigint();
  const after = await scheduler.evaluate();
  console.log(
    `the tick after that (rechecks every escalation changed since its last tick): ${ms(t).toFixed(0)} ms, raised ${after.raised}, resolved ${after.resolved}`,
  );

  const before: number[] = [];
  const idle: number[] = [];
  let raisedIdle = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const oldRead = async () => {
      t = process.hrtime.bigint();
      await db.pool.query(
        `SELECT subject_type, subject_id, subject_stream_id, subject_code, subject_name, item_id, kind, item_name, department,
                responsible_person, due_date::text, original_due_date::text, done_on::text FROM read_models.deadlines`,
      );
      await db.pool.query(`SELECT id FROM read_models.escalations`);
      before.push(ms(t));
    };
    const newTick = async () => {
      t = process.hrtime.bigint();
      const result = await scheduler.evaluate();
      idle.push(ms(t));
      raisedIdle += result.raised + result.resolved;
    };
    if (r % 2 === 0) {
      await oldRead();
      await newTick();
    } else {
      await newTick();
      await oldRead();
    }
  }
  const counts = (
    await db.pool.query<{ deadlines: string; escalations: string; open: string }>(
      `SELECT (SELECT count(*) FROM read_models.deadlines) AS deadlines, (SELECT count(*) FROM read_models.escalations) AS escalations,
              (SELECT count(*) FROM read_models.escalations WHERE status = 'OPEN') AS open`,
    )
  ).rows[0];
  console.log(
    `\nscheduler at ${ORDERS} orders: ${counts.deadlines} deadline rows, ${counts.escalations} escalations (${counts.open} open)`,
  );
  console.log(`${'raising'.padEnd(56)} ${'escalations'.padStart(11)} ${'s'.padStart(6)} ${'per s'.padStart(8)} ${'ratio'.padStart(6)}`);
  const baseRate = raising[0].n / raising[0].seconds;
  for (const side of raising) {
    const rate = side.n / side.seconds;
    console.log(
      `${side.name.padEnd(56)} ${String(side.n).padStart(11)} ${side.seconds.toFixed(1).padStart(6)} ${rate.toFixed(0).padStart(8)} ${(rate / baseRate).toFixed(2).padStart(6)}`,
    );
  }
  console.log(`target: ≥ 5,000 escalations/s`);
  console.log(`\n${'idle tick'.padEnd(56)} ${'p50 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'ratio'.padStart(6)}`);
  const base = median(before);
  for (const [name, xs] of [
    ['before: every deadline row and escalation id read', before],
    ['idle tick (next_escalation_on, changed rows only)', idle],
  ] as const) {
    console.log(
      `${name.padEnd(56)} ${median(xs).toFixed(1).padStart(8)} ${Math.max(...xs)
        .toFixed(1)
        .padStart(8)} ${(median(xs) / base).toFixed(3).padStart(6)}`,
    );
  }
  // Each tick in turn: a slow one is told apart from a slow machine by where it falls (the first, or after the full read).
  console.log(`idle ticks in order (ms; the 1st, 3rd, … ran right after the old full read): ${idle.map((x) => x.toFixed(1)).join(', ')}`);
  console.log(`target: idle tick under 50 ms; escalations raised or resolved by the idle ticks: ${raisedIdle}`);
  await app.close();
  await db.drop();
}

void main();

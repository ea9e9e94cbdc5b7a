import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { addDays, shanghaiDate } from '@app/domain';
import {
  CheckpointStore,
  PG_POOL,
  PostgresEventStore,
  SubscriptionRegistry,
  type PgPool,
  type SubscriptionHandler,
} from '@app/event-store';
import { AppConfig } from '@app/platform';
import { ProjectionRebuilder, readModelHandlers } from '@app/read-models';
import { indicatorIdForCode } from '../../apps/api/src/indicators/indicator-id';
import { MinPositionInterceptor } from '../../apps/api/src/shared/min-position.interceptor';
import { EscalationScheduler } from '../../apps/worker/src/scheduler/escalation.scheduler';
import { createTestApp, type TestApp } from '../support/app';
import { expectCountsToMatchRows } from '../support/read-model-counts';

/**
 * `npm run projections:rebuild` as a library call against the running app: the read model is rebuilt
 * into shadow tables and swapped in while the API keeps serving reads and taking commands.
 */

const BASE = '/api/v1/rectification-orders';
let t: TestApp;
let supervision: string;
let lead: string;
let integrator: string;

beforeAll(async () => {
  t = await createTestApp();
  supervision = await t.token('supervision-office');
  lead = await t.token('project-lead', 'ning-an-city');
  integrator = await t.token('integrator');
}, 120_000);
afterAll(() => t?.close());

async function post(path: string, token: string, body: object, expected: number) {
  const res = await t.http().post(path).set('authorization', `Bearer ${token}`).send(body);
  if (res.status !== expected) throw new Error(`${path} → ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; position: string | number };
}

/** An order issued, assigned and (every other one) started: three to four events per stream. */
async function order(n: number): Promise<{ id: string; position: string }> {
  const today = shanghaiDate(new Date());
  const issued = await post(
    BASE,
    supervision,
    {
      code: `重建-${n}-${randomBytes(3).toString('hex')}`,
      source: 'CENTRAL_INSPECTION',
      batch: '第二轮中央生态环境保护督察',
      finding: '镜泊湖流域部分村屯生活污水未经处理直排入湖河流。',
      target: '沿湖村屯生活污水全部收集处理、稳定达标。',
      deadlineKind: 'BY_DATE',
      deadline: addDays(today, 30 + n),
      measures: [{ measureId: 'M1', description: '建设污水收集管网和处理设施', dueDate: addDays(today, 10) }],
    },
    201,
  );
  let last = await post(
    `${BASE}/${issued.id}/assign`,
    supervision,
    {
      leadDepartment: 'ning-an-city',
      responsiblePerson: '宁安市人民政府市长',
      cooperatingDepartments: [],
      acceptanceDepartment: 'ning-an-city',
    },
    200,
  );
  if (n % 2 === 0) last = await post(`${BASE}/${issued.id}/start`, lead, {}, 200);
  return { id: issued.id, position: String(last.position) };
}

async function caughtUp(position: string): Promise<void> {
  await t.http().get(`${BASE}?pageSize=1`).set('authorization', `Bearer ${integrator}`).set('x-min-position', position).expect(200);
}

/** Every column, updated_at included: a projection writes only what the events say. */
async function rows(table: string, key: string): Promise<Array<Record<string, unknown>>> {
  const { rows: result } = await t.db.pool.query<Record<string, unknown>>(`SELECT * FROM read_models.${table} ORDER BY ${key}`);
  return result;
}

async function indexNames(table: string): Promise<string[]> {
  const { rows: result } = await t.db.pool.query<{ indexname: string }>(
    `SELECT indexname FROM pg_indexes WHERE schemaname = 'read_models' AND tablename = $1 ORDER BY indexname`,
    [table],
  );
  return result.map((r) => r.indexname);
}

function rebuilder(name: string): ProjectionRebuilder {
  const handler = t.app.get(SubscriptionRegistry).get(name);
  if (!handler) throw new Error(`no subscription ${name}`);
  return new ProjectionRebuilder(t.app.get<PgPool>(PG_POOL), t.app.get(PostgresEventStore), handler, { batchSize: 7 });
}

it('rebuilds read-model.rectification-orders to the same rows and swaps it in while reads and writes go on', async () => {
  const before: Array<{ id: string; position: string }> = [];
  for (let n = 0; n < 12; n++) before.push(await order(n));
  await caughtUp(before[before.length - 1].position);
  const expected = await rows('rectification_orders', 'id');
  const indexes = await indexNames('rectification_orders');
  expect(expected).toHaveLength(12);

  // Readers and a writer run for the whole rebuild.
  let stop = false;
  const failures: string[] = [];
  let reads = 0;
  const reader = (async () => {
    while (!stop) {
      const id = before[reads % before.length].id;
      const [list, one] = await Promise.all([
        t.http().get(`${BASE}?pageSize=100`).set('authorization', `Bearer ${integrator}`),
        t.http().get(`${BASE}/${id}`).set('authorization', `Bearer ${integrator}`),
      ]);
      reads++;
      if (list.status !== 200 || list.body.total < 12) failures.push(`list ${list.status} ${JSON.stringify(list.body).slice(0, 200)}`);
      if (one.status !== 200 || one.body.id !== id) failures.push(`get ${one.status} ${JSON.stringify(one.body).slice(0, 200)}`);
    }
  })();
  const during: Array<{ id: string; position: string }> = [];
  const writer = (async () => {
    for (let n = 100; !stop && n < 130; n++) during.push(await order(n));
  })();

  const result = await rebuilder('read-model.rectification-orders').rebuild();
  stop = true;
  await Promise.all([reader, writer]);

  expect(failures).toEqual([]);
  expect(reads).toBeGreaterThan(0);
  console.log(
    `rebuild: ${result.events} events, swap ${result.swapMs} ms; ${reads} read pairs and ${during.length} orders written meanwhile`,
  );
  expect(result.tables).toEqual(['rectification_orders', 'order_progress_reports']);
  // The live checkpoint moved to where the rebuilt table is; the live runner goes on from there.
  const checkpoints = new CheckpointStore(t.db.pool);
  expect(await checkpoints.get('read-model.rectification-orders')).toBeGreaterThanOrEqual(result.position);
  expect((await checkpoints.all()).map((c) => c.name)).not.toContain('rebuild:read-model.rectification-orders');
  const last = during[during.length - 1] ?? before[before.length - 1];
  await caughtUp(last.position);

  const after = await rows('rectification_orders', 'id');
  const byId = new Map(after.map((r) => [r.id as string, r]));
  for (const row of expected) expect(byId.get(row.id as string)).toEqual(row);
  expect(after).toHaveLength(12 + during.length);
  for (const { id } of during) expect(byId.has(id)).toBe(true);
  expect(await indexNames('rectification_orders')).toEqual(indexes);
  const shadow = await t.db.pool.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'read_models_rebuild'`);
  expect(shadow.rowCount).toBe(0);

  // And the swapped-in table keeps being maintained by the live runner.
  const next = await order(200);
  await caughtUp(next.position);
  const res = await t.http().get(`${BASE}/${next.id}`).set('authorization', `Bearer ${integrator}`).expect(200);
  expect(res.body.status).toBe('IN_PROGRESS');
}, 120_000);

it('rebuilds a projection with several tables (read-model.deadlines) to the same rows', async () => {
  const { position } = await order(300);
  await caughtUp(position);
  const subjects = await rows('deadline_subjects', 'stream_id');
  const deadlines = await rows('deadlines', 'subject_id, item_id, kind');
  expect(subjects.length).toBeGreaterThan(0);
  const result = await rebuilder('read-model.deadlines').rebuild();
  expect([...result.tables].sort()).toEqual(['deadline_counts', 'deadline_raised', 'deadline_subjects', 'deadlines']);
  expect(await rows('deadline_subjects', 'stream_id')).toEqual(subjects);
  expect(await rows('deadlines', 'subject_id, item_id, kind')).toEqual(deadlines);
  await expectCountsToMatchRows(t.db.pool);
  // The swapped-in count table keeps its unique group constraint, which the projection's upsert needs.
  await caughtUp((await order(301)).position);
  await expectCountsToMatchRows(t.db.pool);
}, 120_000);

it('the rebuild CLI knows every rebuildable read model the app registers', () => {
  const registered = t.app
    .get(SubscriptionRegistry)
    .all()
    .filter((h) => h.schema && h.tables?.length);
  const cli = readModelHandlers(t.app.get(AppConfig));
  const shape = (handlers: SubscriptionHandler[]) => handlers.map((h) => [h.name, h.schema, h.tables]).sort();
  expect(shape(cli)).toEqual(shape(registered));
  expect(registered.map((h) => h.name)).toEqual(
    expect.arrayContaining([
      'read-model.rectification-orders',
      'read-model.key-projects',
      'read-model.deadlines',
      'read-model.escalations',
      'read-model.indicators',
      'read-model.circulars',
    ]),
  );
});

/**
 * Every read model, rebuilt from a log holding every kind of event (the plan register, the 示例 orders
 * in every state, the escalations a scheduler tick raises and an action on one), equals the live one
 * table by table, row by row, every column included. The shadow runs in batches of 7, so a row's
 * values cannot depend on how the events were batched.
 */
describe('each read model rebuilt equals the live one', () => {
  let s: TestApp;
  const rebuildable = () =>
    s.app
      .get(SubscriptionRegistry)
      .all()
      .filter((h) => h.schema && h.tables?.length);

  async function settle(): Promise<void> {
    const { rows: head } = await s.db.pool.query<{ max: string | null }>('SELECT max(position) FROM event_store.events');
    if (head[0].max) await s.app.get(MinPositionInterceptor).waitFor(BigInt(head[0].max));
  }

  /** The whole table as JSON rows in a fixed order. */
  async function table(name: string): Promise<unknown[]> {
    const { rows: result } = await s.db.pool.query<{ row: unknown }>(
      `SELECT to_jsonb(r) AS row FROM read_models.${name} r ORDER BY to_jsonb(r)::text`,
    );
    return result.map((r) => r.row);
  }

  /** 交办, a lagging value (escalated by the tick below), its correction, and a province's yearly target. */
  async function indicatorActivity(): Promise<void> {
    const [office, eco] = [await s.token('supervision-office'), await s.token('project-lead', 'city-eco-env-bureau')];
    const send = (token: string, path: string, body: object) =>
      s.http().post(`/api/v1/indicators/${path}`).set('authorization', `Bearer ${token}`).send(body).expect(200);
    const [pm25, heavyPollution] = [indicatorIdForCode('IND-06'), indicatorIdForCode('IND-07')];
    const lastMonth = shanghaiDate(new Date(Date.now() - 40 * 86_400_000)).slice(0, 7);
    await send(office, `${pm25}/assign`, { leadDepartment: 'city-eco-env-bureau' });
    await send(eco, `${pm25}/report-value`, { period: lastMonth, value: 45, source: '国控站点自动监测' });
    await send(eco, `${pm25}/correct-value`, { period: lastMonth, value: 44, reason: '省站审核' });
    await send(office, `${heavyPollution}/set-yearly-targets`, { targets: [{ year: 2025, value: 1.2 }], grounds: '省下达目标' });
  }

  beforeAll(async () => {
    s = await createTestApp({ SEED_PLAN: 'true', SEED_SAMPLES: 'true', SCHEDULER_ENABLED: 'false' });
    await settle();
    await indicatorActivity();
    await s.app.get(EscalationScheduler).tick();
    await settle();
    const { rows: open } = await s.db.pool.query<{ id: string }>(`SELECT id FROM read_models.escalations WHERE status = 'OPEN' LIMIT 1`);
    const leadership = await s.token('leadership');
    await s.http().post(`/api/v1/escalations/${open[0].id}/acknowledge`).set('authorization', `Bearer ${leadership}`).send({}).expect(200);
    await s
      .http()
      .post('/api/v1/circulars')
      .set('authorization', `Bearer ${leadership}`)
      .send({ subjectType: 'ESCALATION', escalationId: open[0].id, title: '关于逾期未整改问题的通报', text: '现予以通报。' })
      .expect(201);
    const { rows: departmental } = await s.db.pool.query<{ id: string }>(
      `SELECT id FROM read_models.escalations WHERE status = 'OPEN' AND department IS NOT NULL ORDER BY id LIMIT 1`,
    );
    await s
      .http()
      .post('/api/v1/reminders')
      .set('authorization', `Bearer ${leadership}`)
      .send({ subjectType: 'ESCALATION', subjectId: departmental[0].id, text: '请抓紧办理。' })
      .expect(201);
    await settle();
  }, 180_000);
  afterAll(() => s?.close());

  it('covers the seven read models, each with rows', async () => {
    expect(
      rebuildable()
        .map((h) => h.name)
        .sort(),
    ).toEqual([
      'read-model.circulars',
      'read-model.deadlines',
      'read-model.escalations',
      'read-model.indicators',
      'read-model.key-projects',
      'read-model.messages',
      'read-model.rectification-orders',
    ]);
    for (const handler of rebuildable()) {
      for (const name of handler.tables ?? [])
        expect({ table: name, empty: (await table(name)).length === 0 }).toEqual({ table: name, empty: false });
    }
  });

  it.each([
    'read-model.key-projects',
    'read-model.rectification-orders',
    'read-model.deadlines',
    'read-model.escalations',
    'read-model.circulars',
    'read-model.indicators',
    'read-model.messages',
  ])(
    '%s',
    async (name) => {
      const handler = rebuildable().find((h) => h.name === name);
      if (!handler) throw new Error(`no subscription ${name}`);
      const live = Object.fromEntries(await Promise.all(handler.tables!.map(async (n) => [n, await table(n)] as const)));
      const result = await new ProjectionRebuilder(s.app.get<PgPool>(PG_POOL), s.app.get(PostgresEventStore), handler, {
        batchSize: 7,
      }).rebuild();
      expect(result.events).toBeGreaterThan(0);
      for (const n of handler.tables!) expect({ table: n, rows: await table(n) }).toEqual({ table: n, rows: live[n] });
    },
    120_000,
  );
});

import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { PoolClient } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createTestApp, type TestApp } from '../support/app';

const BASE = '/api/v1/key-projects';

let t: TestApp;
/** Another database on the same server, like another application's. */
let other: TestDatabase;
let office: string;

beforeAll(async () => {
  [t, other] = await Promise.all([
    createTestApp({
      // Long enough for a busy machine to project a write, far shorter than a held writer holds it back.
      MIN_POSITION_WAIT_MS: '10000',
      READY_MAX_LAG_SECONDS: '1',
    }),
    createTestDatabase([], 2),
  ]);
  await other.pool.query(`CREATE TABLE busy (n int)`);
  office = await t.token('supervision-office');
});
afterAll(() => Promise.all([t.close(), other.drop()]));

let seq = 0;
async function register(): Promise<{ id: string; position: string }> {
  const res = await t
    .http()
    .post(BASE)
    .set('authorization', `Bearer ${office}`)
    .send({
      code: `OBS-${++seq}`,
      name: '郭家沟生活垃圾处理场二期填埋库区封场治理',
      planBox: 8,
      category: 'risk',
      leadDepartment: 'city-urban-management-bureau',
      cooperatingDepartments: [],
      implementingUnit: '牡丹江市城市管理综合执法局',
      responsiblePerson: '王建国',
      plannedStart: '2023-04-01',
      plannedEnd: '2025-10-31',
      plannedInvestment: null,
      description: '封场治理。',
    })
    .expect(201);
  return res.body;
}

const readWithMinPosition = (id: string, position: string) =>
  t.http().get(`${BASE}/${id}`).set('authorization', `Bearer ${office}`).set('x-min-position', position);

/** A writing transaction left open on `client` (it holds an xid until ROLLBACK). */
async function openWriter(client: PoolClient, sql: string): Promise<void> {
  await client.query('BEGIN');
  await client.query(sql);
}

describe('a writer left open', () => {
  it('in another database delays nothing here: a fresh project reads with X-Min-Position at once', async () => {
    const foreign = await other.pool.connect();
    try {
      await openWriter(foreign, `INSERT INTO busy VALUES (1)`);
      const created = await register();
      const read = await readWithMinPosition(created.id, created.position).expect(200);
      expect(read.body.id).toBe(created.id);
      await t.http().get('/health/ready').expect(200);
    } finally {
      await foreign.query('ROLLBACK');
      foreign.release();
    }
  });

  it('in this database holds readers back: X-Min-Position answers 503 with Retry-After, readiness fails, /metrics shows its age', async () => {
    const writer = await t.db.pool.connect();
    try {
      await openWriter(writer, `CREATE TEMP TABLE held (n int); INSERT INTO held VALUES (1)`);
      const created = await register();
      const read = await readWithMinPosition(created.id, created.position);
      expect(read.status).toBe(503);
      expect(read.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(read.headers['retry-after']).toBe('1');
      expect(read.body).toMatchObject({ status: 503, code: 'READ_MODEL_BEHIND', detail: expect.stringContaining('请稍后重试') });

      // The project's event waits behind the open writer for longer than READY_MAX_LAG_SECONDS.
      let ready = await t.http().get('/health/ready');
      for (const deadline = Date.now() + 10_000; ready.status === 200 && Date.now() < deadline;) {
        await new Promise((r) => setTimeout(r, 200));
        ready = await t.http().get('/health/ready');
      }
      expect(ready.status).toBe(503);
      expect(ready.body.detail).toMatch(/处理进度落后超过 1 秒/);
      await t.http().get('/health/live').expect(200);

      const metrics = await t.http().get('/metrics').expect(200);
      expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
      const age = Number(/^mdj_oldest_writer_age_seconds (\S+)$/m.exec(metrics.text)?.[1]);
      expect(age).toBeGreaterThan(1);
      expect(Number(/^mdj_subscription_lag_events\{subscription="[^"]+"\} (\S+)$/m.exec(metrics.text)?.[1])).toBeGreaterThan(0);
    } finally {
      await writer.query('ROLLBACK');
      writer.release();
    }
    const created = await register();
    await readWithMinPosition(created.id, created.position).expect(200);
    await t.http().get('/health/ready').expect(200);
  });
});

describe('/metrics', () => {
  it('counts commands by name and outcome, HTTP requests by route and status, and reports the pipeline', async () => {
    await register();
    const refused = await t.http().post(BASE).set('authorization', `Bearer ${office}`).send({ code: '' });
    expect(refused.status).toBe(400);
    await t.http().get('/api/v1/no-such-route').set('authorization', `Bearer ${office}`);
    const text = (await t.http().get('/metrics').expect(200)).text;
    expect(text).toMatch(/^mdj_command_duration_seconds_count\{command="\w+",outcome="ok"\} [1-9]\d*$/m);
    expect(text).toMatch(/^mdj_command_duration_seconds_count\{command="\w+",outcome="[A-Z_]+"\} [1-9]\d*$/m);
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/key-projects",status_code="201"\} [1-9]\d*$/m,
    );
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="[^"]*",status_code="404"\} [1-9]\d*$/m);
    for (const name of ['mdj_subscription_lag_seconds', 'mdj_oldest_writer_age_seconds', 'mdj_open_escalations', 'mdj_dead_letters']) {
      expect(text).toContain(`# TYPE ${name} gauge`);
    }
    expect(text).toContain('process_cpu_seconds_total');
  });
});

describe('tracing', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => provider.register());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
  });

  it('continues the caller’s traceparent through the command into the event’s CloudEvents traceparent', async () => {
    const callerTrace = '0af7651916cd43dd8448eb211c80319c';
    const res = await t
      .http()
      .post(BASE)
      .set('authorization', `Bearer ${office}`)
      .set('traceparent', `00-${callerTrace}-b7ad6b7169203331-01`)
      .send({
        code: 'OBS-TRACE',
        name: '追踪测试项目',
        planBox: 8,
        category: 'risk',
        leadDepartment: 'city-urban-management-bureau',
        cooperatingDepartments: [],
        implementingUnit: '牡丹江市城市管理综合执法局',
        responsiblePerson: '王建国',
        plannedStart: '2023-04-01',
        plannedEnd: '2025-10-31',
        plannedInvestment: null,
        description: '追踪。',
      })
      .expect(201);
    const feed = await t
      .http()
      .get(`/api/v1/events?after=${BigInt(res.body.position) - 1n}&limit=1`)
      .set('authorization', `Bearer ${office}`)
      .expect(200);
    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === callerTrace);
    const server = spans.find((s) => s.name === 'POST /api/v1/key-projects')!;
    const append = spans.find((s) => s.name === 'event_store append')!;
    expect(server.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(append.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(feed.body.items[0].traceparent).toBe(`00-${callerTrace}-${append.spanContext().spanId}-01`);
  });
});

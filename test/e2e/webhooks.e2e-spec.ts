import 'reflect-metadata';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { EventTypeRegistry, PostgresEventStore, type EventMetadata } from '@app/event-store';
import { AppConfig, Clock } from '@app/platform';
import { MinPositionInterceptor } from '../../apps/api/src/shared/min-position.interceptor';
import { EscalationScheduler } from '../../apps/worker/src/scheduler/escalation.scheduler';
import { createTestApp, type TestApp } from '../support/app';
import { WebhookReceiver } from '../support/webhook-receiver';

/**
 * Webhooks against a receiver on 127.0.0.1: an escalation the scheduler raises is a to-do and a
 * message for the lead department's user and a signed delivery, received after a failure and a
 * timeout; a receiver that keeps failing disables its subscription with the reason, and a replay
 * delivers again, in per-subject order.
 */

const ORDERS = '/api/v1/rectification-orders';
const SUBS = '/api/v1/webhooks/subscriptions';
const LEAD = 'ning-an-city';
// Long enough that a loaded machine answers in time; a hung receiver is given up after it.
const TIMEOUT_MS = 2000;

let t: TestApp;
let receiver: WebhookReceiver;
let receiverUrl = '';
let current = new Date();
const tokens: Record<string, string> = {};
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);

async function eventually<T>(fn: () => Promise<T | undefined | null | false>, what: string, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  receiver = new WebhookReceiver();
  receiverUrl = await receiver.start();
  t = await createTestApp({
    SCHEDULER_ENABLED: 'false',
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
    WEBHOOK_RETRY_SCHEDULE_MS: '30,60,90',
    WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
    WEBHOOK_POLL_MS: '20',
  });
  jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(current.getTime()));
  tokens.office = await t.token('supervision-office');
  tokens.lead = await t.token('project-lead', LEAD, 'ning-an-user');
  tokens.integrator = await t.token('integrator', null, 'city-platform');
});
afterAll(async () => {
  await t?.close();
  await receiver?.stop();
});

async function settle(): Promise<void> {
  const { rows } = await t.db.pool.query<{ max: string | null }>('SELECT max(position) FROM event_store.events');
  if (rows[0].max) await t.app.get(MinPositionInterceptor).waitFor(BigInt(rows[0].max));
}

async function post(path: string, token: string, body: object = {}, expected = 200) {
  const res = await t.http().post(path).set('authorization', `Bearer ${token}`).send(body);
  if (res.status !== expected) throw new Error(`${path} → ${res.status} (expected ${expected}): ${JSON.stringify(res.body)}`);
  return res;
}

async function issueAssignStart(deadline: string): Promise<string> {
  const res = await post(
    ORDERS,
    tokens.office,
    {
      code: `督察-${Math.random().toString(36).slice(2, 8)}`,
      source: 'SELF_FOUND',
      batch: '2024年自查',
      finding: '镜泊湖流域部分村屯生活污水未经处理直排入湖河流。',
      target: '沿湖村屯生活污水全部收集处理。',
      deadlineKind: 'BY_DATE',
      deadline,
      measures: [{ measureId: crypto.randomUUID(), description: '建设村屯污水收集管网。', dueDate: deadline }],
    },
    201,
  );
  const id = res.body.id as string;
  await post(`${ORDERS}/${id}/assign`, tokens.office, {
    leadDepartment: LEAD,
    responsiblePerson: '宁安市人民政府市长',
    cooperatingDepartments: [],
    acceptanceDepartment: 'city-eco-env-bureau',
  });
  await post(`${ORDERS}/${id}/start`, tokens.lead);
  return id;
}

describe('subscriptions that cannot be served are refused with 422 problem+json', () => {
  it.each([
    ['not http(s)', { url: 'ftp://127.0.0.1/hook', eventTypes: ['EscalationRaised'] }, /http 或 https/],
    ['not a URL', { url: 'receiver', eventTypes: ['EscalationRaised'] }, /不是有效的网址/],
    [
      'an unknown event type',
      { url: 'https://example.org/hook', eventTypes: ['EscalationRaised', 'NoSuchEvent'] },
      /未知的事件类型：“NoSuchEvent”/,
    ],
    ['a malformed secret', { url: 'https://example.org/hook', eventTypes: ['EscalationRaised'], secret: 'abc' }, /whsec_/],
    ['an SMS gateway without numbers', { url: 'https://example.org/sms', eventTypes: ['EscalationRaised'], format: 'sms' }, /手机号/],
  ])('%s', async (_what, body, detail) => {
    const res = await t.http().post(SUBS).set('authorization', `Bearer ${tokens.integrator}`).send(body);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(detail);
  });

  it('a private address, when the setting forbids them', async () => {
    const config = t.app.get(AppConfig);
    config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = false;
    try {
      for (const url of ['http://127.0.0.1:9/hook', 'http://10.1.2.3/hook', 'http://[::1]/hook', 'http://192.168.0.10/hook']) {
        const res = await t
          .http()
          .post(SUBS)
          .set('authorization', `Bearer ${tokens.integrator}`)
          .send({ url, eventTypes: ['EscalationRaised'] });
        expect({ url, status: res.status, detail: res.body.detail }).toEqual({
          url,
          status: 422,
          detail: expect.stringMatching(/内网或本机/),
        });
      }
    } finally {
      config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = true;
    }
  });

  it('a person of a department may not subscribe', async () => {
    await t
      .http()
      .post(SUBS)
      .set('authorization', `Bearer ${tokens.lead}`)
      .send({ url: receiverUrl, eventTypes: ['EscalationRaised'] })
      .expect(403);
  });
});

describe('an escalation raised by the scheduler', () => {
  let secret = '';
  let subscriptionId = '';
  let orderId = '';

  beforeAll(async () => {
    // Each escalation (the order's deadline, its measure) fails, then times out, then is accepted.
    receiver.script('/escalations', ['fail', 'hang', 'ok'], 'ok', (body) => JSON.parse(body).subject);
    const res = await post(SUBS, tokens.integrator, { url: `${receiverUrl}/escalations`, eventTypes: ['EscalationRaised'] }, 201);
    secret = res.body.secret;
    subscriptionId = res.body.id;
    expect(secret).toMatch(/^whsec_/);
    current = at('2024-05-01');
    orderId = await issueAssignStart('2024-06-30');
    await settle();
    current = at('2024-07-01');
    await t.app.get(EscalationScheduler).tick();
    await settle();
  });

  it('is a to-do and a message of the lead department’s user', async () => {
    const todos = (await t.http().get('/api/v1/me/todos').set('authorization', `Bearer ${tokens.lead}`).expect(200)).body.items;
    expect(todos).toContainEqual(expect.objectContaining({ subjectType: 'ESCALATION', link: `/orders/${orderId}`, level: 2 }));
    const inbox = (await t.http().get('/api/v1/me/messages').set('authorization', `Bearer ${tokens.lead}`).expect(200)).body;
    expect(inbox.items).toContainEqual(expect.objectContaining({ kind: 'ESCALATION_RAISED', link: `/orders/${orderId}`, read: false }));
  });

  it('is delivered after a failure and a timeout, on the third attempt, each attempt visible', async () => {
    const red = (r: { path: string; body: string }) =>
      r.path === '/escalations' && JSON.parse(r.body).data.subjectId === orderId && JSON.parse(r.body).data.level === 2;
    const delivery = await eventually(async () => {
      const items = (
        await t.http().get(`${SUBS}/${subscriptionId}/deliveries`).set('authorization', `Bearer ${tokens.integrator}`).expect(200)
      ).body.items;
      const d = items.find(
        (x: { subject: string; status: string; eventId: string }) =>
          x.status === 'DELIVERED' && receiver.received.some((r) => red(r) && JSON.parse(r.body).id === x.eventId),
      );
      return d;
    }, 'the red escalation delivered');
    const tries = receiver.received.filter((r) => JSON.parse(r.body).id === delivery.eventId);
    expect(tries.map((r) => r.reply)).toEqual(['fail', 'hang', 'ok']);
    // The same webhook-id on every attempt, for the receiver's de-duplication.
    expect(new Set(tries.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ attempt: 1, statusCode: 500, error: '接收方返回 HTTP 500' }),
      expect.objectContaining({ attempt: 2, statusCode: null, error: expect.stringContaining('超时') }),
      expect.objectContaining({ attempt: 3, statusCode: 204, error: null }),
    ]);
  });

  it('is signed as Standard Webhooks documents, verified by the package and by hand', async () => {
    const ok = receiver.received.find((r) => r.path === '/escalations' && r.reply === 'ok') as (typeof receiver.received)[number];
    const headers = {
      'webhook-id': String(ok.headers['webhook-id']),
      'webhook-timestamp': String(ok.headers['webhook-timestamp']),
      'webhook-signature': String(ok.headers['webhook-signature']),
    };
    expect(() => new Webhook(secret).verify(ok.body, headers)).not.toThrow();
    // HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>" with the base64-decoded secret, base64, after "v1,".
    const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
      .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${ok.body}`)
      .digest();
    const given = Buffer.from(headers['webhook-signature'].replace(/^v1,/, ''), 'base64');
    expect(given.length === expected.length && timingSafeEqual(given, expected)).toBe(true);
    // A body changed on the way fails verification.
    expect(() => new Webhook(secret).verify(ok.body.replace('EscalationRaised', 'EscalationRaisee'), headers)).toThrow();
  });

  it('carries the CloudEvents envelope the event feed and Kafka carry', async () => {
    const ok = receiver.received.find((r) => r.path === '/escalations' && r.reply === 'ok') as (typeof receiver.received)[number];
    expect(ok.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    const ce = JSON.parse(ok.body);
    const feed = (
      await t.http().get('/api/v1/events?category=escalation&limit=1000').set('authorization', `Bearer ${tokens.integrator}`).expect(200)
    ).body.items;
    expect(feed.find((e: { id: string }) => e.id === ce.id)).toEqual(ce);
    expect(ce).toMatchObject({ specversion: '1.0', type: 'EscalationRaised', subject: expect.stringMatching(/^escalation-/) });
  });
});

describe('a receiver that keeps failing', () => {
  it('disables the subscription with the reason after the schedule; a replay delivers again, in per-subject order', async () => {
    receiver.script('/orders', [], 'fail');
    const types = ['OrderIssued', 'OrderAssigned', 'RectificationStarted'];
    const sub = (await post(SUBS, tokens.integrator, { url: `${receiverUrl}/orders`, eventTypes: types }, 201)).body;
    current = at('2024-05-01');
    const a = await issueAssignStart('2024-12-31');
    const b = await issueAssignStart('2024-12-31');
    const disabled = await eventually(async () => {
      const list = (await t.http().get(SUBS).set('authorization', `Bearer ${tokens.integrator}`).expect(200)).body.items;
      const s = list.find((x: { id: string; status: string }) => x.id === sub.id && x.status === 'DISABLED');
      return s;
    }, 'the subscription disabled');
    expect(disabled.disabledReason).toMatch(/^连续 4 次投递失败已停用（最后一次：接收方返回 HTTP 500）/);
    // While it failed, only each subject's first event was tried: the later ones wait behind it.
    const tried = receiver.received.filter((r) => r.path === '/orders').map((r) => JSON.parse(r.body));
    expect(new Set(tried.map((e) => e.type))).toEqual(new Set(['OrderIssued']));

    receiver.script('/orders', [], 'ok');
    const { rows } = await t.db.pool.query<{ min: string }>(
      `SELECT min(position)::text AS min FROM event_store.events WHERE stream_id = $1`,
      [`rectification-order-${a}`],
    );
    const replay = await post(`${SUBS}/${sub.id}/replay`, tokens.integrator, { fromPosition: rows[0].min });
    expect(replay.body.queued).toBeGreaterThanOrEqual(6);
    for (const id of [a, b]) {
      const delivered = await eventually(async () => {
        const got = receiver.received
          .filter((r) => r.path === '/orders' && r.reply === 'ok')
          .map((r) => JSON.parse(r.body))
          .filter((e) => e.subject === `rectification-order-${id}`);
        return got.length >= 3 && got;
      }, `the events of order ${id}`);
      // At least once, in the subject's order.
      expect(delivered.map((e: { streamversion: number }) => e.streamversion)).toEqual(
        [...delivered.map((e: { streamversion: number }) => e.streamversion)].sort((x, y) => x - y),
      );
      expect(delivered.map((e: { type: string }) => e.type)).toEqual(types);
    }
    const list = (await t.http().get(SUBS).set('authorization', `Bearer ${tokens.integrator}`).expect(200)).body.items;
    expect(list.find((x: { id: string }) => x.id === sub.id).status).toBe('ACTIVE');
  });
});

describe('a replay from a position', () => {
  it('queues the events after it in the log, also those whose transaction took a lower position and committed later', async () => {
    receiver.script('/replayed', [], 'ok');
    const types = ['RectificationStarted', 'OrderProgressReported'];
    const sub = (await post(SUBS, tokens.integrator, { url: `${receiverUrl}/replayed`, eventTypes: types }, 201)).body;
    current = at('2024-05-01');
    const x = await issueAssignStart('2024-12-31');
    await post(`${ORDERS}/${x}/report-progress`, tokens.lead, { summary: '管网铺设过半' });
    const { rows } = await t.db.pool.query<{ version: number; type: string; data: Record<string, unknown>; metadata: EventMetadata }>(
      `SELECT version, type, data, metadata FROM event_store.events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1`,
      [`rectification-order-${x}`],
    );
    const report = rows[0];

    // "slow" takes its transaction id first; the next order's events commit before it, at lower positions.
    const slow = await t.db.pool.connect();
    try {
      await slow.query('BEGIN');
      await slow.query('SELECT pg_current_xact_id()');
      const y = await issueAssignStart('2024-12-31');
      const copy = await new PostgresEventStore(slow, t.app.get(EventTypeRegistry)).append(
        `rectification-order-${x}`,
        report.version,
        [{ type: report.type, data: { ...report.data, reportId: crypto.randomUUID() } }],
        report.metadata,
      );
      await slow.query('COMMIT');
      const started = await t.db.pool.query<{ position: string }>(
        `SELECT position::text FROM event_store.events WHERE stream_id = $1 AND type = 'RectificationStarted'`,
        [`rectification-order-${y}`],
      );
      expect(BigInt(started.rows[0].position)).toBeLessThan(copy.position);

      const replay = await post(`${SUBS}/${sub.id}/replay`, tokens.integrator, { fromPosition: copy.position.toString() });
      // The copy (at the position) and the start of the next order (after it in the log), nothing before.
      expect(replay.body.queued).toBe(2);
    } finally {
      await slow.query('ROLLBACK').catch(() => undefined);
      slow.release();
    }
  });
});

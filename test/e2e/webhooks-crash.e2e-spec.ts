import 'reflect-metadata';
import { spawnChild, type Child } from '../kafka/child';
import { createTestApp, type TestApp } from '../support/app';
import { WebhookReceiver } from '../support/webhook-receiver';

/**
 * Crash drill: the delivery worker runs in its own process and is SIGKILLed while a batch is in flight
 * (half of its requests answered, half still open). A new worker takes the lease at once (the dead one's
 * connection took its lock along) and sends on: every event reaches the receiver at least once, and each
 * subject's events arrive in order (a repeat of an event never follows a later one).
 */

const ORDERS = 10;
const TYPES = ['OrderIssued', 'OrderAssigned', 'RectificationStarted'];
let t: TestApp;
let receiver: WebhookReceiver;
const children: Child[] = [];

async function eventually<T>(
  fn: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  what: string,
  ms = 60_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  receiver = new WebhookReceiver();
  const url = await receiver.start();
  // The worker of this app stays off: the drill's workers are child processes.
  t = await createTestApp({ WEBHOOKS_ENABLED: 'false', WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' });
  const integrator = await t.token('integrator');
  await t
    .http()
    .post('/api/v1/webhooks/subscriptions')
    .set('authorization', `Bearer ${integrator}`)
    .send({ url: `${url}/drill`, eventTypes: TYPES })
    .expect(201);
  const office = await t.token('supervision-office');
  const lead = await t.token('project-lead', 'ning-an-city');
  for (let i = 0; i < ORDERS; i++) {
    const res = await t
      .http()
      .post('/api/v1/rectification-orders')
      .set('authorization', `Bearer ${office}`)
      .send({
        code: `演练-${i}-${Math.random().toString(36).slice(2, 6)}`,
        source: 'SELF_FOUND',
        batch: '2024年自查',
        finding: '演练问题。',
        target: '演练目标。',
        deadlineKind: 'BY_DATE',
        deadline: '2030-12-31',
        measures: [{ measureId: crypto.randomUUID(), description: '演练措施。', dueDate: '2030-12-31' }],
      })
      .expect(201);
    const id = res.body.id as string;
    await t
      .http()
      .post(`/api/v1/rectification-orders/${id}/assign`)
      .set('authorization', `Bearer ${office}`)
      .send({
        leadDepartment: 'ning-an-city',
        responsiblePerson: '市长',
        cooperatingDepartments: [],
        acceptanceDepartment: 'city-eco-env-bureau',
      })
      .expect(200);
    await t.http().post(`/api/v1/rectification-orders/${id}/start`).set('authorization', `Bearer ${lead}`).send({}).expect(200);
  }
  await eventually(
    async () => Number((await t.db.pool.query(`SELECT count(*) AS n FROM webhooks.deliveries`)).rows[0].n) === ORDERS * 3,
    'every delivery queued',
  );
}, 120_000);

afterAll(async () => {
  for (const c of children) await c.kill('SIGKILL');
  await receiver?.stop();
  await t?.close();
});

it('delivers every event at least once and in per-subject order across a SIGKILLed delivery worker', async () => {
  receiver.script('/drill', [], 'hold');
  const first = spawnChild('webhook-delivery-process.ts', { DATABASE_URL: t.db.url });
  children.push(first);
  // Its first batch: the first event of every subject, all in flight at once.
  await eventually(() => receiver.held.length === ORDERS, 'a batch in flight');
  for (const h of receiver.held.splice(0, ORDERS / 2)) h.answer(204);
  await first.kill('SIGKILL');
  expect(first.proc.signalCode).toBe('SIGKILL');

  receiver.script('/drill', [], 'ok');
  for (const h of receiver.held.splice(0)) h.answer(503);
  const second = spawnChild('webhook-delivery-process.ts', { DATABASE_URL: t.db.url });
  children.push(second);

  const accepted = () =>
    receiver.received.filter((r) => r.path === '/drill' && (r.reply === 'ok' || r.answered === 204)).map((r) => JSON.parse(r.body));
  const { rows } = await t.db.pool.query<{ event_id: string }>(`SELECT event_id FROM webhooks.deliveries`);
  const all = new Set(rows.map((r) => r.event_id));
  await eventually(async () => {
    const { rows: open } = await t.db.pool.query(`SELECT 1 FROM webhooks.deliveries WHERE status <> 'DELIVERED' LIMIT 1`);
    return open.length === 0;
  }, 'every delivery marked delivered');
  expect(second.status.active).toBe(true);

  // At least once: every queued event was accepted by the receiver (held ones only if answered 204 before the kill).
  const ids = new Set(accepted().map((e) => e.id));
  const heldAnswered = receiver.received.filter((r) => r.reply === 'hold').length;
  expect(heldAnswered).toBe(ORDERS);
  for (const id of all) expect({ id, received: ids.has(id) }).toEqual({ id, received: true });

  // In per-subject order: the versions a subject received never go back (a repeat may follow itself).
  const bySubject = new Map<string, number[]>();
  for (const r of receiver.received.filter((x) => x.path === '/drill')) {
    const e = JSON.parse(r.body);
    bySubject.set(e.subject, [...(bySubject.get(e.subject) ?? []), e.streamversion]);
  }
  expect(bySubject.size).toBe(ORDERS);
  for (const [subject, versions] of bySubject) {
    expect({ subject, versions }).toEqual({ subject, versions: [...versions].sort((a, b) => a - b) });
    expect(new Set(versions)).toEqual(new Set([1, 2, 3]));
  }
}, 120_000);

import 'reflect-metadata';
import { Clock } from '@app/platform';
import { MinPositionInterceptor } from '../../apps/api/src/shared/min-position.interceptor';
import { EscalationScheduler } from '../../apps/worker/src/scheduler/escalation.scheduler';
import { createTestApp, eventCount, type TestApp } from '../support/app';
import { openSse, type SseClient } from '../support/sse';

const ORDERS = '/api/v1/rectification-orders';
const LEAD = 'ning-an-city';
const OTHER = 'dong-ning-city';

let t: TestApp;
let current = new Date();
const tokens: Record<string, string> = {};
const at = (date: string, time = '10:00:00') => new Date(`${date}T${time}+08:00`);

beforeAll(async () => {
  t = await createTestApp({ SCHEDULER_ENABLED: 'false' });
  jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(current.getTime()));
  tokens.office = await t.token('supervision-office');
  tokens.leader = await t.token('leadership', null, 'leader-zhang');
  tokens.lead = await t.token('project-lead', LEAD, 'ning-an-user');
  tokens.other = await t.token('project-lead', OTHER, 'dong-ning-user');
  tokens.integrator = await t.token('integrator');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
});
let base = '';
afterAll(() => t.close());

async function settle(): Promise<void> {
  const { rows } = await t.db.pool.query<{ max: string | null }>('SELECT max(position) FROM event_store.events');
  if (rows[0].max) await t.app.get(MinPositionInterceptor).waitFor(BigInt(rows[0].max));
}

async function post(path: string, token: string, body: object = {}, expected = 200) {
  const res = await t.http().post(path).set('authorization', `Bearer ${token}`).send(body);
  if (res.status !== expected) throw new Error(`${path} → ${res.status} (expected ${expected}): ${JSON.stringify(res.body)}`);
  await settle();
  return res;
}

interface Todo {
  key: string;
  subjectType: string;
  subjectId: string;
  command: string | null;
  title: string;
  link: string;
  level: number | null;
}
interface Message {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  read: boolean;
}

async function todos(token: string): Promise<Todo[]> {
  const res = await t.http().get('/api/v1/me/todos').set('authorization', `Bearer ${token}`).expect(200);
  return res.body.items;
}
async function messages(token: string, unread = false): Promise<{ items: Message[]; unread: number }> {
  const res = await t
    .http()
    .get(`/api/v1/me/messages${unread ? '?unread=true' : ''}`)
    .set('authorization', `Bearer ${token}`)
    .expect(200);
  return res.body;
}

/** An order with its measures set at issue owes no plan; one without owes a plan after its 交办. */
async function issue(deadline: string, assign: boolean, withMeasures = true): Promise<string> {
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
      measures: withMeasures ? [{ measureId: crypto.randomUUID(), description: '建设村屯污水收集管网。', dueDate: deadline }] : [],
    },
    201,
  );
  const id = res.body.id as string;
  if (assign) {
    await post(`${ORDERS}/${id}/assign`, tokens.office, {
      leadDepartment: LEAD,
      responsiblePerson: '宁安市人民政府市长',
      cooperatingDepartments: [],
      acceptanceDepartment: 'city-eco-env-bureau',
    });
  }
  return id;
}

describe('待办', () => {
  it('gives the office the 交办 of a new order and takes it away when the order is assigned; the lead then has to start it', async () => {
    current = at('2024-05-01');
    const id = await issue('2024-06-30', false, false);
    const office = await todos(tokens.office);
    expect(office).toContainEqual(
      expect.objectContaining({ subjectId: id, command: 'AssignOrder', title: '交办整改任务', link: `/orders/${id}` }),
    );
    expect((await todos(tokens.lead)).filter((x) => x.subjectId === id)).toEqual([]);

    await post(`${ORDERS}/${id}/assign`, tokens.office, {
      leadDepartment: LEAD,
      responsiblePerson: '宁安市人民政府市长',
      cooperatingDepartments: [],
      acceptanceDepartment: 'city-eco-env-bureau',
    });
    expect((await todos(tokens.office)).filter((x) => x.subjectId === id)).toEqual([]);
    expect(await todos(tokens.lead)).toContainEqual(expect.objectContaining({ subjectId: id, command: 'StartRectification' }));
    expect((await todos(tokens.other)).filter((x) => x.subjectId === id)).toEqual([]);

    // The plan it owes stays a to-do after the start; the start is done.
    expect(await todos(tokens.lead)).toContainEqual(
      expect.objectContaining({ subjectId: id, command: 'SubmitRectificationPlan', dueOn: expect.any(String) }),
    );
    await post(`${ORDERS}/${id}/start`, tokens.lead);
    expect((await todos(tokens.lead)).filter((x) => x.subjectId === id).map((x) => x.command)).toEqual(['SubmitRectificationPlan']);
  });

  it('has nothing for an integrator', async () => {
    expect(await todos(tokens.integrator)).toEqual([]);
  });
});

describe('what the message center keeps of an order', () => {
  it('does not grow with its progress reports: the twentieth is kept in what the first was', async () => {
    const id = await issue('2030-06-30', true);
    await post(`${ORDERS}/${id}/start`, tokens.lead);
    const kept = async () =>
      (
        await t.db.pool.query<{ bytes: number; reports: number }>(
          `SELECT octet_length((state - 'version')::text) AS bytes, jsonb_array_length(state -> 'progressReports') AS reports
           FROM read_models.message_subjects WHERE stream_id = $1`,
          [`rectification-order-${id}`],
        )
      ).rows[0];
    const report = (n: number) =>
      post(`${ORDERS}/${id}/report-progress`, tokens.lead, { summary: `第${n}次进展：管网铺设推进中。`, percentComplete: 50 });
    await report(1);
    const afterOne = await kept();
    for (let n = 2; n <= 20; n++) await report(n);
    expect(await kept()).toEqual({ ...afterOne, reports: 0 });
    // The fold it keeps still serves the messages that need the order's lead department.
    await post(`${ORDERS}/${id}/request-extension`, tokens.lead, {
      requestId: 'X-1',
      requestedDeadline: '2030-12-31',
      reason: '冬季施工受限',
      progressSoFar: '管网已完成 20%',
    });
    await post(`${ORDERS}/${id}/reject-extension`, tokens.leader, { requestId: 'X-1', reason: '工期可以保证。' });
    const refused = (await messages(tokens.lead)).items.find((m) => m.link === `/orders/${id}` && m.kind === 'REFUSED');
    expect(refused?.body).toContain('延期申请未获批准：工期可以保证。');
  });
});

describe('an escalation raised by the scheduler', () => {
  let orderId: string;
  let escalationId: string;

  beforeAll(async () => {
    current = at('2024-05-01');
    orderId = await issue('2024-06-30', true);
    await post(`${ORDERS}/${orderId}/start`, tokens.lead);
    current = at('2024-06-20');
    await post(`${ORDERS}/${orderId}/request-extension`, tokens.lead, {
      requestedDeadline: '2024-09-30',
      reason: '雨季施工受阻。',
      progressSoFar: '管网已铺设六成。',
    });
    current = at('2024-07-01');
    await settle();
    await t.app.get(EscalationScheduler).tick();
    await settle();
    const { rows } = await t.db.pool.query<{ id: string }>(
      `SELECT id FROM read_models.escalations WHERE subject_id = $1 AND status = 'OPEN' AND item_kind = 'ORDER_DEADLINE'`,
      [orderId],
    );
    expect(rows).toHaveLength(1);
    escalationId = rows[0].id;
  });

  it('is a to-do of the lead department’s user, linking to the order, and of the leadership group (to sign it)', async () => {
    expect(await todos(tokens.lead)).toContainEqual(
      expect.objectContaining({ subjectType: 'ESCALATION', subjectId: escalationId, command: null, link: `/orders/${orderId}`, level: 2 }),
    );
    expect((await todos(tokens.other)).filter((x) => x.subjectId === escalationId)).toEqual([]);
    expect(await todos(tokens.leader)).toContainEqual(
      expect.objectContaining({ subjectId: escalationId, command: 'AcknowledgeEscalation' }),
    );
  });

  it('is an unread message for the lead department’s user, the office and leadership, not for another department', async () => {
    const inbox = await messages(tokens.lead);
    const raised = inbox.items.find(
      (m) => m.kind === 'ESCALATION_RAISED' && m.link === `/orders/${orderId}` && m.title.includes('红色预警'),
    );
    expect(raised).toMatchObject({ read: false, body: expect.stringContaining('期限 2024-06-30') });
    expect(inbox.unread).toBeGreaterThanOrEqual(1);
    expect((await messages(tokens.office)).items.some((m) => m.link === `/orders/${orderId}`)).toBe(true);
    expect((await messages(tokens.leader)).items.some((m) => m.link === `/orders/${orderId}`)).toBe(true);
    expect((await messages(tokens.other)).items.some((m) => m.link === `/orders/${orderId}`)).toBe(false);
  });

  it('is marked read by its reader alone, without an event', async () => {
    const before = await eventCount(t);
    const raised = (await messages(tokens.lead)).items.find((m) => m.link === `/orders/${orderId}`) as Message;
    await t.http().put(`/api/v1/me/messages/${raised.id}/read`).set('authorization', `Bearer ${tokens.lead}`).expect(204);
    await t.http().put(`/api/v1/me/messages/${raised.id}/read`).set('authorization', `Bearer ${tokens.lead}`).expect(204);
    expect((await messages(tokens.lead)).items.find((m) => m.id === raised.id)?.read).toBe(true);
    expect((await messages(tokens.lead, true)).items.find((m) => m.id === raised.id)).toBeUndefined();
    // Another department cannot mark (or learn of) it.
    const res = await t.http().put(`/api/v1/me/messages/${raised.id}/read`).set('authorization', `Bearer ${tokens.other}`).expect(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(await eventCount(t)).toBe(before);
  });

  it('signed and instructed by leadership: its to-do goes, the department is told of the 批示 and its to-do says so', async () => {
    await post(`/api/v1/escalations/${escalationId}/acknowledge`, tokens.leader, {});
    expect((await todos(tokens.leader)).filter((x) => x.subjectId === escalationId)).toEqual([]);
    await post(`/api/v1/escalations/${escalationId}/instruct`, tokens.leader, { text: '请宁安市政府月底前整改到位。' });
    const instruction = (await messages(tokens.lead)).items.find((m) => m.kind === 'INSTRUCTION');
    expect(instruction).toMatchObject({ read: false, body: expect.stringContaining('“请宁安市政府月底前整改到位”') });
    expect((await todos(tokens.lead)).find((x) => x.subjectId === escalationId)?.title).toMatch(/^落实领导批示/);
  });

  it('催办 by the office reaches the lead department; a project lead may not send one, nor may one go to a closed or unknown item', async () => {
    const res = await post(
      '/api/v1/reminders',
      tokens.office,
      { subjectType: 'RECTIFICATION_ORDER', subjectId: orderId, text: '请本周五前报送整改进展。' },
      201,
    );
    expect(res.body.id).toEqual(expect.any(String));
    const reminder = (await messages(tokens.lead)).items.find((m) => m.kind === 'REMINDER');
    expect(reminder).toMatchObject({ link: `/orders/${orderId}`, body: expect.stringContaining('“请本周五前报送整改进展”') });
    expect((await messages(tokens.other)).items.some((m) => m.kind === 'REMINDER')).toBe(false);

    const refused = await t
      .http()
      .post('/api/v1/reminders')
      .set('authorization', `Bearer ${tokens.lead}`)
      .send({ subjectType: 'RECTIFICATION_ORDER', subjectId: orderId, text: '催' });
    expect(refused.status).toBe(403);
    const unknown = await t
      .http()
      .post('/api/v1/reminders')
      .set('authorization', `Bearer ${tokens.leader}`)
      .send({ subjectType: 'KEY_PROJECT', subjectId: '00000000-0000-4000-8000-000000000000', text: '催' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.detail).toMatch(/不存在/);
  });

  it('resolved when the order is met: the department’s to-do goes', async () => {
    // The extension requested before the deadline waits on leadership; once approved, the next tick resolves the red escalation.
    current = at('2024-07-02');
    const ext = (await t.http().get(`${ORDERS}/${orderId}`).set('authorization', `Bearer ${tokens.leader}`)).body;
    expect(await todos(tokens.leader)).toContainEqual(expect.objectContaining({ subjectId: orderId, command: 'ApproveExtension' }));
    await post(`${ORDERS}/${orderId}/approve-extension`, tokens.leader, { requestId: ext.extensions[0].requestId });
    expect((await todos(tokens.leader)).filter((x) => x.subjectId === orderId)).toEqual([]);
    expect((await messages(tokens.lead)).items.find((m) => m.kind === 'APPROVED')?.title).toMatch(/延期申请已批准/);
    await t.app.get(EscalationScheduler).tick();
    await settle();
    expect((await todos(tokens.lead)).filter((x) => x.subjectId === escalationId)).toEqual([]);
  });
});

describe('the stream at /api/v1/me/stream', () => {
  const streams: SseClient[] = [];
  const open = async (token: string, lastEventId?: string) => {
    const s = await openSse(`${base}/api/v1/me/stream`, {
      authorization: `Bearer ${token}`,
      ...(lastEventId !== undefined ? { 'last-event-id': lastEventId } : {}),
    });
    streams.push(s);
    return s;
  };
  afterAll(() => streams.forEach((s) => s.close()));

  it('pushes a new message and a to-do change to the department’s user, and nothing of another department to others', async () => {
    current = at('2024-05-01');
    const orderId = await issue('2024-06-30', true);
    const lead = await open(tokens.lead);
    const other = await open(tokens.other);
    await lead.next((e) => e.type === 'ready', 'ready');
    await other.next((e) => e.type === 'ready', 'ready');

    await post(
      '/api/v1/reminders',
      tokens.office,
      { subjectType: 'RECTIFICATION_ORDER', subjectId: orderId, text: '请尽快开始整改。' },
      201,
    );
    const pushed = await lead.next((e) => e.type === 'message' && e.data.includes('请尽快开始整改'), 'the 催办 message');
    expect(JSON.parse(pushed.data)).toMatchObject({ kind: 'REMINDER', link: `/orders/${orderId}`, read: false });
    expect(pushed.id).toMatch(/^\d+$/);
    // Starting the order changes the lead's to-dos: a nudge, sent once the read models have the start.
    await post(`${ORDERS}/${orderId}/start`, tokens.lead);
    await lead.next((e) => e.type === 'todos' && Number(e.id) >= Number(pushed.id), 'the to-do nudge');
    // The other department's stream has the nudge too (any record may change anyone's list), not the message.
    await other.next((e) => e.type === 'todos', 'a to-do nudge');
    expect(other.events.filter((e) => e.type === 'message')).toEqual([]);
  });

  it('resumes after Last-Event-ID without losing what was sent while disconnected', async () => {
    current = at('2024-05-01');
    const orderId = await issue('2024-06-30', true);
    const first = await open(tokens.lead);
    const ready = await first.next((e) => e.type === 'ready', 'ready');
    first.close();
    // Three 催办 while the user is away.
    for (const n of [1, 2, 3]) {
      await post(
        '/api/v1/reminders',
        tokens.leader,
        { subjectType: 'RECTIFICATION_ORDER', subjectId: orderId, text: `第${n}次催办。` },
        201,
      );
    }
    const again = await open(tokens.lead, ready.id as string);
    for (const n of [1, 2, 3]) await again.next((e) => e.type === 'message' && e.data.includes(`第${n}次催办`), `催办 ${n}`);
    const texts = again.events.filter((e) => e.type === 'message').map((e) => JSON.parse(e.data).body as string);
    expect(texts.filter((b) => /第\d次催办/.test(b))).toEqual([
      expect.stringContaining('第1次催办'),
      expect.stringContaining('第2次催办'),
      expect.stringContaining('第3次催办'),
    ]);
    // Ids only grow.
    const ids = again.events.filter((e) => e.id !== null).map((e) => Number(e.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('pushes an escalation change when the scheduler raises one', async () => {
    current = at('2024-05-01');
    const orderId = await issue('2024-08-31', true);
    await post(`${ORDERS}/${orderId}/start`, tokens.lead);
    const leader = await open(tokens.leader);
    await leader.next((e) => e.type === 'ready', 'ready');
    current = at('2024-09-01');
    await settle();
    await t.app.get(EscalationScheduler).tick();
    await leader.next((e) => e.type === 'escalation', 'the escalation change');
    await leader.next((e) => e.type === 'message' && JSON.parse(e.data).link === `/orders/${orderId}`, 'the red escalation message');
  });

  it('refuses a token without a recognised role', async () => {
    const res = await fetch(`${base}/api/v1/me/stream`, { headers: { authorization: `Bearer ${await t.token('nobody' as never)}` } });
    expect(res.status).toBe(403);
  });
});

describe('message numbering', () => {
  it('numbers every message once, without gaps, up to the counter, and each event’s recipients in a row', async () => {
    await settle();
    const { rows } = await t.db.pool.query<{ seq: string; event_id: string }>(
      'SELECT seq, event_id FROM read_models.messages ORDER BY seq',
    );
    const seqs = rows.map((r) => Number(r.seq));
    // The suite above wrote messages for many events, several of them to more than one recipient.
    expect(seqs.length).toBeGreaterThan(10);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    const counter = await t.db.pool.query<{ last_seq: string }>('SELECT last_seq::text FROM read_models.message_sequence');
    expect(Number(counter.rows[0].last_seq)).toBe(seqs[seqs.length - 1]);
    // A batch numbers its messages in the order it drafts them: an event's recipients are consecutive.
    const runs = rows.map((r) => r.event_id).filter((id, i, all) => i === 0 || all[i - 1] !== id);
    expect(new Set(runs).size).toBe(runs.length);
    expect(runs.length).toBeLessThan(rows.length);
  });
});

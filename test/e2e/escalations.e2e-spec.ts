import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { CommandExecutor } from '@app/commands';
import { addDays, escalationStreamId } from '@app/domain';
import { EventTypeRegistry, PostgresEventStore, type EventMetadata } from '@app/event-store';
import { AppConfig, Clock } from '@app/platform';
import { MinPositionInterceptor } from '../../apps/api/src/shared/min-position.interceptor';
import { EscalationScheduler } from '../../apps/worker/src/scheduler/escalation.scheduler';
import { IndicatorEscalationSource } from '../../apps/worker/src/scheduler/indicator-escalation.source';
import { createTestApp, type TestApp } from '../support/app';
import { expectCountsToMatchRows } from '../support/read-model-counts';

const ORDERS = '/api/v1/rectification-orders';
const LEAD = 'ning-an-city';

let t: TestApp;
let scheduler: EscalationScheduler;
let current = new Date();
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ SCHEDULER_ENABLED: 'false', SCHEDULER_LEASE_TTL_MS: '1000' });
  jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(current.getTime()));
  scheduler = t.app.get(EscalationScheduler);
  tokens.supervision = await t.token('supervision-office');
  tokens.leadership = await t.token('leadership', null, 'leader-zhang');
  tokens.lead = await t.token('project-lead', LEAD);
  tokens.integrator = await t.token('integrator');
});
afterAll(() => t.close());

const at = (date: string, time = '10:00:00') => new Date(`${date}T${time}+08:00`);

/** Waits until every read model has caught up with the log. */
async function settle(): Promise<void> {
  const { rows } = await t.db.pool.query<{ max: string | null }>('SELECT max(position) FROM event_store.events');
  if (rows[0].max) await t.app.get(MinPositionInterceptor).waitFor(BigInt(rows[0].max));
}

async function tickAt(instant: Date, s: EscalationScheduler = scheduler) {
  current = instant;
  await settle();
  const result = await s.tick();
  await settle();
  return result;
}

async function post(path: string, token: string, body: object = {}, expected = 200) {
  const res = await t.http().post(path).set('authorization', `Bearer ${token}`).send(body);
  if (res.status !== expected) throw new Error(`${path} → ${res.status} (expected ${expected}): ${JSON.stringify(res.body)}`);
  return res;
}

async function issueOrder(deadline: string, issuedOn: string): Promise<string> {
  current = at(issuedOn);
  const res = await post(
    ORDERS,
    tokens.supervision,
    {
      code: `督察-${Math.random().toString(36).slice(2, 8)}`,
      source: 'CENTRAL_INSPECTION',
      batch: '第二轮中央生态环境保护督察',
      finding: '镜泊湖流域部分村屯生活污水未经处理直排入湖河流。',
      target: '沿湖村屯生活污水全部收集处理。',
      deadlineKind: 'BY_DATE',
      deadline,
      measures: [],
    },
    201,
  );
  const id = res.body.id as string;
  await post(`${ORDERS}/${id}/assign`, tokens.supervision, {
    leadDepartment: LEAD,
    responsiblePerson: '宁安市人民政府市长',
    cooperatingDepartments: [],
    acceptanceDepartment: 'city-eco-env-bureau',
  });
  await post(`${ORDERS}/${id}/start`, tokens.lead);
  return id;
}

interface Row {
  id: string;
  level: number;
  trigger: string;
  status: string;
  resolution_reason: string | null;
  due_date: string;
}
async function escalationsOf(orderId: string): Promise<Row[]> {
  const { rows } = await t.db.pool.query<Row>(
    `SELECT id, level, trigger, status, resolution_reason, due_date::text FROM read_models.escalations
     WHERE subject_id = $1 AND item_kind = 'ORDER_DEADLINE' ORDER BY raised_at, level`,
    [orderId],
  );
  return rows;
}
const openOf = async (orderId: string) => (await escalationsOf(orderId)).filter((r) => r.status === 'OPEN');

async function eventsPerEscalationStream(): Promise<number[]> {
  const { rows } = await t.db.pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM event_store.events WHERE stream_id LIKE 'escalation-%' AND type = 'EscalationRaised' GROUP BY stream_id`,
  );
  return rows.map((r) => Number(r.n));
}

describe('escalation ladder of an order with deadline D', () => {
  const D = '2024-06-30';
  let id: string;
  beforeAll(async () => {
    id = await issueOrder(D, '2024-05-01');
  });

  it.each([
    [-16, null],
    [-15, 'notice-15'],
    [-14, 'notice-15'],
    [-7, 'notice-7'],
    [-3, 'yellow'],
    [0, 'yellow'],
    [1, 'red'],
    [30, 'red'],
    [31, 'listed'],
    [91, 'accountability'],
  ])('on D %i the open escalation is %s, and a repeated tick changes nothing', async (offset, trigger) => {
    await tickAt(at(addDays(D, offset)));
    const before = await escalationsOf(id);
    await tickAt(at(addDays(D, offset), '18:00:00'));
    expect(await escalationsOf(id)).toEqual(before);
    const open = await openOf(id);
    expect(open.map((r) => r.trigger)).toEqual(trigger ? [trigger] : []);
  });

  it('raised each level exactly once and superseded the lower ones', async () => {
    const all = await escalationsOf(id);
    expect(all.map((r) => [r.level, r.trigger])).toEqual([
      [0, 'notice-15'],
      [0, 'notice-7'],
      [1, 'yellow'],
      [2, 'red'],
      [3, 'listed'],
      [4, 'accountability'],
    ]);
    expect(all.filter((r) => r.status === 'RESOLVED').every((r) => r.resolution_reason === 'SUPERSEDED')).toBe(true);
    expect(Math.max(...(await eventsPerEscalationStream()))).toBe(1);
  });
});

describe('extension and completion', () => {
  it('an extension approved before D resolves the old escalations and moves every threshold to the new date', async () => {
    const D = '2024-09-30';
    const id = await issueOrder(D, '2024-08-01');
    await tickAt(at(addDays(D, -7)));
    expect((await openOf(id)).map((r) => r.trigger)).toEqual(['notice-7']);

    current = at(addDays(D, -5));
    await post(`${ORDERS}/${id}/request-extension`, tokens.lead, {
      requestId: 'X-1',
      requestedDeadline: '2024-10-31',
      reason: '冬季施工受限',
      progressSoFar: '管网已完成 80%',
    });
    await post(`${ORDERS}/${id}/approve-extension`, tokens.leadership, {
      requestId: 'X-1',
      note: '同意',
      provincialSignOff: {
        kind: 'APPROVAL',
        documentNumber: '黑整改办函〔2024〕7号',
        approvedOn: addDays(D, -5),
        approverBody: '省整改办',
      },
    });
    await tickAt(at(addDays(D, -4)));
    const all = await escalationsOf(id);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: 'RESOLVED', resolution_reason: 'EXTENSION_APPROVED' });

    await tickAt(at(addDays(D, 1)));
    expect(await openOf(id)).toEqual([]);
    await tickAt(at('2024-10-24'));
    expect((await openOf(id)).map((r) => [r.trigger, r.due_date])).toEqual([['notice-7', '2024-10-31']]);
    await tickAt(at('2024-11-01'));
    expect((await openOf(id)).map((r) => [r.trigger, r.due_date])).toEqual([['red', '2024-10-31']]);
  });

  it('completion (acceptance requested) resolves the open escalation with the reason recorded', async () => {
    const D = '2024-07-15';
    const id = await issueOrder(D, '2024-06-01');
    await tickAt(at(addDays(D, 2)));
    expect((await openOf(id)).map((r) => r.trigger)).toEqual(['red']);
    current = at(addDays(D, 3));
    await post(`${ORDERS}/${id}/request-acceptance`, tokens.lead, { note: '已完成' });
    await tickAt(at(addDays(D, 3), '11:00:00'));
    const all = await escalationsOf(id);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: 'RESOLVED', resolution_reason: 'COMPLETED' });
    const res = await t.http().get(`/api/v1/escalations/${all[0].id}`).set('authorization', `Bearer ${tokens.integrator}`).expect(200);
    expect(res.body.resolution).toMatchObject({ reason: 'COMPLETED', label: '已按要求完成' });
    expect(res.body.daysOverdue).toBe(3);
  });
});

describe('changes that commit out of position order', () => {
  /** The newest event of a stream: its position. */
  async function lastEventOf(orderId: string) {
    const { rows } = await t.db.pool.query<{
      position: string;
      version: number;
      type: string;
      data: Record<string, unknown>;
      metadata: EventMetadata;
    }>(`SELECT position, version, type, data, metadata FROM event_store.events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1`, [
      `rectification-order-${orderId}`,
    ]);
    return rows[0];
  }

  it('an extension approved in a commit that took a lower position, projected after a tick, still resolves on the next tick', async () => {
    const D = '2024-05-15';
    const late = await issueOrder(D, '2024-04-01');
    const other = await issueOrder('2024-12-31', '2024-04-01');
    current = at(addDays(D, -7));
    await post(`${ORDERS}/${other}/report-progress`, tokens.lead, { summary: '管网铺设过半' });
    await tickAt(at(addDays(D, -7)));
    expect((await openOf(late)).map((r) => r.trigger)).toEqual(['notice-7']);
    current = at(addDays(D, -5));
    await post(`${ORDERS}/${late}/request-extension`, tokens.lead, {
      requestId: 'X-1',
      requestedDeadline: '2024-10-31',
      reason: '冬季施工受限',
      progressSoFar: '管网已完成 80%',
    });
    await tickAt(at(addDays(D, -5), '10:30:00'));

    // "slow" takes its transaction id first; "holder" takes the next and stays open, so nothing after
    // it can be read yet.
    const slow = await t.db.pool.connect();
    const holder = await t.db.pool.connect();
    try {
      await slow.query('BEGIN');
      await slow.query('SELECT pg_current_xact_id()');
      await holder.query('BEGIN');
      await holder.query('SELECT pg_current_xact_id()');
      // The approval: committed with a lower position than slow's event, after holder in the log.
      current = at(addDays(D, -5), '11:00:00');
      await post(`${ORDERS}/${late}/approve-extension`, tokens.leadership, {
        requestId: 'X-1',
        note: '同意',
        provincialSignOff: {
          kind: 'APPROVAL',
          documentNumber: '黑整改办函〔2024〕8号',
          approvedOn: addDays(D, -5),
          approverBody: '省整改办',
        },
      });
      const approval = await lastEventOf(late);
      // Slow: another progress report on the other order (a copy of its last one), a higher position.
      const report = await lastEventOf(other);
      const store = new PostgresEventStore(slow, t.app.get(EventTypeRegistry));
      const appended = await store.append(
        `rectification-order-${other}`,
        report.version,
        [{ type: report.type, data: { ...report.data, reportId: randomUUID() } }],
        report.metadata,
      );
      await slow.query('COMMIT');
      expect(appended.position).toBeGreaterThan(BigInt(approval.position));

      // The read models reach slow's report (not the approval, behind holder); a tick marks them there.
      await t.app.get(MinPositionInterceptor).waitFor(appended.position);
      current = at(addDays(D, -4));
      await scheduler.tick();
      expect((await openOf(late)).map((r) => r.trigger)).toEqual(['notice-7']);

      await holder.query('COMMIT');
      await t.app.get(MinPositionInterceptor).waitFor(BigInt(approval.position));
      current = at(addDays(D, -4), '11:00:00');
      await scheduler.tick();
      await settle();
      expect(await escalationsOf(late)).toEqual([expect.objectContaining({ status: 'RESOLVED', resolution_reason: 'EXTENSION_APPROVED' })]);
    } finally {
      await slow.query('ROLLBACK').catch(() => undefined);
      await holder.query('ROLLBACK').catch(() => undefined);
      slow.release();
      holder.release();
    }
  });
});

describe('the end-of-day boundary in Asia/Shanghai', () => {
  it('is yellow at 23:59:59 +08:00 on D and red at 00:00:00 +08:00 on D+1, also read from a UTC clock', async () => {
    const D = '2024-12-31';
    const id = await issueOrder(D, '2024-12-01');
    await tickAt(new Date(`${D}T23:59:59+08:00`));
    expect((await openOf(id)).map((r) => r.trigger)).toEqual(['yellow']);
    await tickAt(new Date(`${D}T15:59:59.999Z`));
    expect((await openOf(id)).map((r) => r.trigger)).toEqual(['yellow']);
    await tickAt(new Date(`${D}T16:00:00Z`));
    expect((await openOf(id)).map((r) => r.trigger)).toEqual(['red']);
    await tickAt(new Date('2025-01-01T00:00:00+08:00'));
    expect((await escalationsOf(id)).map((r) => r.trigger)).toEqual(['yellow', 'red']);
  });
});

describe('several schedulers', () => {
  /** A scheduler in another process: its own command path (cache, locks) on the same log. */
  const second = () => {
    const [clock, config] = [t.app.get(Clock), t.app.get(AppConfig)];
    const commands = new CommandExecutor({ store: t.app.get(PostgresEventStore), clock, domainConfig: config.domainConfig });
    return new EscalationScheduler(t.db.pool, commands, clock, config, new IndicatorEscalationSource(t.db.pool));
  };

  it('two schedulers evaluating at once raise each escalation once', async () => {
    const ids = await Promise.all(['2025-03-01', '2025-03-05', '2025-03-10'].map((d) => issueOrder(d, '2025-01-15')));
    current = at('2025-03-20');
    await settle();
    const before = (await eventsPerEscalationStream()).length;
    const [a, b] = await Promise.all([scheduler.evaluate(), second().evaluate()]);
    await settle();
    expect(a.raised + b.raised).toBe((await eventsPerEscalationStream()).length - before);
    expect(a.raised + b.raised).toBeGreaterThanOrEqual(3);
    for (const id of ids) expect((await escalationsOf(id)).map((r) => r.trigger)).toEqual(['red']);
    expect(Math.max(...(await eventsPerEscalationStream()))).toBe(1);
  });

  it('two schedulers raising many escalations in batches raise each exactly once, and then nothing is due', async () => {
    const dates = Array.from({ length: 10 }, (_, i) => addDays('2025-08-01', 2 * i));
    const ids = await Promise.all(dates.map((d) => issueOrder(d, '2025-07-01')));
    current = at('2025-10-30'); // 67 to 90 days overdue: listed
    await settle();
    const before = (await eventsPerEscalationStream()).length;
    const [one, two] = [second(), second()];
    one.batchSize = 3;
    two.batchSize = 4;
    const [a, b] = await Promise.all([one.evaluate(), two.evaluate()]);
    await settle();
    expect(a.raised + b.raised).toBe((await eventsPerEscalationStream()).length - before);
    expect(a.raised + b.raised).toBeGreaterThanOrEqual(ids.length);
    for (const id of ids) expect((await openOf(id)).map((r) => r.trigger)).toEqual(['listed']);
    expect(Math.max(...(await eventsPerEscalationStream()))).toBe(1);
    // ESC-NEXT-1: every raise moved its item's next date on, so an idle tick reads no deadline row.
    const { rows } = await t.db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM read_models.deadlines WHERE next_escalation_on <= DATE '2025-10-30'`,
    );
    expect(Number(rows[0].n)).toBe(0);
    expect(await one.evaluate()).toMatchObject({ raised: 0, resolved: 0 });
  });

  it('only one of two ticking schedulers holds the lease', async () => {
    const other = second();
    const results = await Promise.all([tickAt(at('2025-03-21')), other.tick()]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
  });

  it('a scheduler that dies mid-tick is taken over after its lease expires, without duplicates', async () => {
    const ids = await Promise.all(['2025-05-01', '2025-05-02', '2025-05-03'].map((d) => issueOrder(d, '2025-04-01')));
    const crashing = second();
    crashing.batchSize = 1; // one escalation per append: it dies between two of them
    const store = t.app.get(PostgresEventStore);
    const appendBatch = store.appendBatch.bind(store);
    let calls = 0;
    const spy = jest.spyOn(store, 'appendBatch').mockImplementation(async (...args) => {
      if (++calls === 2) throw new Error('process killed');
      return appendBatch(...args);
    });
    current = at('2025-05-10');
    await settle();
    await new Promise((r) => setTimeout(r, 1100));
    // The lock is still the first scheduler's (its connection lives), so the row is the fallback: a
    // standby takes an expired row once it has seen it stay expired, so it ticks until then, as its
    // interval would have it do.
    const crashed = await (async () => {
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline) {
        try {
          if ((await crashing.tick()) !== null) return 'ticked without dying';
        } catch (error) {
          return String(error);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      return 'never took the lease';
    })();
    expect(crashed).toContain('process killed');
    spy.mockRestore();
    expect(await scheduler.tick()).toBeNull();
    await new Promise((r) => setTimeout(r, 1100));
    const result = await tickAt(at('2025-05-10', '10:05:00'));
    expect(result).not.toBeNull();
    for (const id of ids) expect((await escalationsOf(id)).map((r) => r.trigger)).toEqual(['red']);
    expect(Math.max(...(await eventsPerEscalationStream()))).toBe(1);
  });
});

describe('leadership works the queue over HTTP', () => {
  it('lists the queue, acts on an escalation, and the queue and the department show it', async () => {
    const id = await issueOrder('2025-07-31', '2025-06-01');
    await tickAt(at('2025-09-15'));
    const queue = await t
      .http()
      .get('/api/v1/escalations?status=OPEN&department=ning-an-city&level=3')
      .set('authorization', `Bearer ${tokens.leadership}`)
      .expect(200);
    const item = queue.body.items.find((e: { subjectId: string }) => e.subjectId === id);
    expect(item).toMatchObject({
      level: 3,
      levelLabel: '挂牌督办（严重逾期）',
      status: 'OPEN',
      subjectType: 'RECTIFICATION_ORDER',
      itemKind: 'ORDER_DEADLINE',
      department: LEAD,
      responsiblePerson: '宁安市人民政府市长',
      dueDate: '2025-07-31',
      daysOverdue: 46,
      actions: [],
    });
    const path = `/api/v1/escalations/${item.id}`;
    const allowed = async (token: string) =>
      Object.fromEntries(
        (
          (await t.http().get(path).set('authorization', `Bearer ${token}`).expect(200)).body.allowedActions as Array<{
            command: string;
            allowed: boolean;
            rule?: string;
          }>
        ).map((a) => [a.command, a.allowed ? true : a.rule]),
      );
    expect(await allowed(tokens.leadership)).toEqual({
      AcknowledgeEscalation: true,
      InstructOnEscalation: true,
      IssueSupervisionNotice: true,
      SummonResponsibleLeader: true,
      ReferForAccountability: true,
    });
    expect(await allowed(tokens.supervision)).toEqual({ AcknowledgeEscalation: true, IssueSupervisionNotice: true });
    expect(await allowed(tokens.lead)).toEqual({});
    await post(`${path}/instruct`, tokens.integrator, { text: '请尽快整改' }, 403);
    await post(`${path}/summon`, tokens.supervision, { date: '2025-09-20', attendee: '宁安市市长' }, 403);
    await post(`${path}/acknowledge`, tokens.leadership, { note: '已阅' });
    await post(`${path}/instruct`, tokens.leadership, { text: '请宁安市政府一周内报送整改方案。' });
    await post(`${path}/supervision-notice`, tokens.supervision, { noticeNumber: '牡督〔2025〕9号', text: '限期 15 日整改' });
    await post(`${path}/summon`, tokens.leadership, { date: '2025-09-20', attendee: '宁安市市长', place: '市政府' });
    const last = await post(`${path}/refer-accountability`, tokens.leadership, { reason: '逾期未整改' });
    expect(last.body).toEqual({ id: item.id, version: 6, position: expect.any(String) });
    await post(`${path}/instruct`, tokens.leadership, { text: '' }, 400);

    const detail = await t
      .http()
      .get(path)
      .set('authorization', `Bearer ${tokens.integrator}`)
      .set('x-min-position', last.body.position)
      .expect(200);
    expect(detail.body.actions.map((a: { type: string }) => a.type)).toEqual([
      'EscalationAcknowledged',
      'LeadershipInstructed',
      'SupervisionNoticeIssued',
      'SummonsIssued',
      'AccountabilityReferred',
    ]);
    expect(detail.body.actions[1]).toMatchObject({ actor: '测试用户 leadership', text: '批示：请宁安市政府一周内报送整改方案。' });
    expect(detail.body.allowedActions).toEqual([]);
    const afterwards = await t
      .http()
      .get(path)
      .set('authorization', `Bearer ${tokens.leadership}`)
      .set('x-min-position', last.body.position)
      .expect(200);
    expect(afterwards.body.allowedActions).toContainEqual({
      command: 'AcknowledgeEscalation',
      allowed: false,
      reason: expect.stringContaining('已签阅'),
      rule: 'ESC-ACK-1',
    });

    const department = await t.http().get(`/api/v1/departments/${LEAD}`).set('authorization', `Bearer ${tokens.integrator}`).expect(200);
    expect(department.body.openEscalationsByLevel['3']).toBeGreaterThanOrEqual(1);
    expect(department.body.nameZh).toBe('宁安市人民政府');
    await t.http().get('/api/v1/departments/no-such-dept').set('authorization', `Bearer ${tokens.integrator}`).expect(404);

    const unknown = '00000000-0000-5000-8000-000000000000';
    await post(`/api/v1/escalations/${unknown}/acknowledge`, tokens.leadership, {}, 404);
    const stream = await t.app.get(PostgresEventStore).readStream(escalationStreamId(item.id));
    expect(stream.map((e) => e.metadata.actor?.userId)).toContain('leader-zhang');
  });
});

describe('queue totals', () => {
  it('are kept in escalation_counts exactly as the rows are, through raises, supersessions and resolutions', async () => {
    await settle();
    await expectCountsToMatchRows(t.db.pool);
    const get = async (query: string) =>
      (await t.http().get(`/api/v1/escalations?${query}`).set('authorization', `Bearer ${tokens.integrator}`).expect(200)).body as {
        total: number;
        items: Array<{ status: string; level: number; department: string }>;
      };
    const all = await get('pageSize=100');
    expect(all.total).toBe(all.items.length);
    for (const query of [
      'status=OPEN',
      'status=RESOLVED',
      `status=OPEN&department=${LEAD}`,
      'level=2',
      'subjectType=RECTIFICATION_ORDER',
    ]) {
      const page = await get(`${query}&pageSize=100`);
      const conditions = query.split('&').map((c) => c.split('='));
      const expected = all.items.filter((i) =>
        conditions.every(([field, value]) => String((i as unknown as Record<string, unknown>)[field]) === value),
      );
      expect({ query, total: page.total }).toEqual({ query, total: expected.length });
    }
    const subject = await get('subjectId=not-a-uuid');
    expect(subject).toMatchObject({ total: 0, items: [] });
  });
});

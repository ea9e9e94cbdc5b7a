import 'reflect-metadata';
import { Clock } from '@app/platform';
import { MinPositionInterceptor } from '../../apps/api/src/shared/min-position.interceptor';
import { EscalationScheduler } from '../../apps/worker/src/scheduler/escalation.scheduler';
import { createTestApp, eventCount, type TestApp } from '../support/app';

/**
 * Rectification as it is practised (issue 15): the lead department's plan (整改方案), the provincial
 * sign-off of central and provincial inspection orders, 谁主管谁验收, perfunctory rectification and
 * its 问责 and 通报, the supervision office escalated for a late closing, and the State Council's
 * working calendar for the public notice.
 */

const ORDERS = '/api/v1/rectification-orders';
const LEAD = 'ning-an-city';
const COOPERATING = 'city-eco-env-bureau';
const SUPERVISION_OFFICE = 'city-inspection-rectification-office';
const HOUSING = 'city-housing-urban-rural-bureau';
const SIGN_OFF = {
  kind: 'APPROVAL',
  documentNumber: '黑整改办函〔2025〕18号',
  approvedOn: '2025-03-10',
  approverBody: '黑龙江省生态环境保护督察整改工作领导小组办公室',
};

// The app starts, restarts and ticks on a machine shared with other test runs.
jest.setTimeout(60_000);

let t: TestApp;
let current = new Date();
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ SCHEDULER_ENABLED: 'false', SCHEDULER_LEASE_TTL_MS: '1000' });
  jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(current.getTime()));
  tokens.supervision = await t.token('supervision-office');
  tokens.leadership = await t.token('leadership', null, 'leader-zhang');
  tokens.lead = await t.token('project-lead', LEAD);
  tokens.cooperating = await t.token('project-lead', COOPERATING);
  tokens.integrator = await t.token('integrator');
});
afterAll(() => t.close());

const at = (date: string, time = '10:00:00') => new Date(`${date}T${time}+08:00`);

async function settle(): Promise<void> {
  const { rows } = await t.db.pool.query<{ max: string | null }>('SELECT max(position) FROM event_store.events');
  if (rows[0].max) await t.app.get(MinPositionInterceptor).waitFor(BigInt(rows[0].max));
}

async function tickAt(instant: Date) {
  current = instant;
  await settle();
  const result = await t.app.get(EscalationScheduler).tick();
  await settle();
  return result;
}

async function post(path: string, token: string, body: object = {}, expected = 200) {
  const res = await t.http().post(path).set('authorization', `Bearer ${token}`).send(body);
  if (res.status !== expected) throw new Error(`${path} → ${res.status} (expected ${expected}): ${JSON.stringify(res.body)}`);
  return res;
}

const act = (id: string, action: string, token: string, body: object = {}, expected = 200) =>
  post(`${ORDERS}/${id}/${action}`, token, body, expected);

async function detail(id: string, token = tokens.integrator) {
  await settle();
  const res = await t.http().get(`${ORDERS}/${id}`).set('authorization', `Bearer ${token}`).expect(200);
  return res.body;
}

function issueBody(overrides: Record<string, unknown> = {}) {
  return {
    code: `督察-${Math.random().toString(36).slice(2, 8)}`,
    source: 'CENTRAL_INSPECTION',
    batch: '第三轮中央生态环境保护督察',
    finding: '宁安市城区部分路段雨污混接，生活污水经雨水管网排入牡丹江。',
    target: '完成雨污分流改造，消除污水直排。',
    deadlineKind: 'BY_DATE',
    deadline: '2025-09-30',
    measures: [],
    sector: 'URBAN_SEWAGE',
    ...overrides,
  };
}

async function issueAssignStart(overrides: Record<string, unknown> = {}, assignment: Record<string, unknown> = {}): Promise<string> {
  const id = (await post(ORDERS, tokens.supervision, issueBody(overrides), 201)).body.id as string;
  await act(id, 'assign', tokens.supervision, {
    leadDepartment: LEAD,
    responsiblePerson: '宁安市人民政府分管副市长',
    cooperatingDepartments: [COOPERATING],
    ...assignment,
  });
  await act(id, 'start', tokens.lead);
  return id;
}

const plan = (measures: Array<[string, string, string]>) => ({
  leaderInCharge: '牡丹江市人民政府副市长（包保）',
  measures: measures.map(([measureId, dueDate, description]) => ({
    measureId,
    description,
    dueDate,
    responsiblePerson: '宁安市住建局局长',
  })),
});

describe('整改方案: submitted, returned, resubmitted, approved; the measures follow it', () => {
  it('runs the plan through review and takes the order’s measures from the approved version', async () => {
    current = at('2025-03-03');
    const id = await issueAssignStart();
    let order = await detail(id);
    // 谁主管谁验收: the sewage finding is checked by the housing bureau, and the plan is owed 15 days after 交办.
    expect(order).toMatchObject({ acceptanceDepartment: HOUSING, planDueOn: '2025-03-18', planStatus: 'OWED', measures: [] });

    current = at('2025-03-10');
    await act(
      id,
      'submit-plan',
      tokens.lead,
      plan([
        ['P1', '2025-05-31', '排查雨污混接点'],
        ['P2', '2025-08-31', '实施雨污分流改造'],
      ]),
    );
    await act(id, 'submit-plan', tokens.lead, plan([['P9', '2025-05-31', '另一方案']]), 409);
    await act(id, 'submit-plan', tokens.cooperating, plan([['P9', '2025-05-31', '配合单位']]), 403);
    order = await detail(id, tokens.supervision);
    expect(order.planStatus).toBe('PENDING_REVIEW');
    expect(order.allowedActions).toEqual(
      expect.arrayContaining([
        { command: 'ApproveRectificationPlan', allowed: true },
        { command: 'ReturnRectificationPlan', allowed: true },
      ]),
    );
    const v1 = order.plans[0].planId as string;
    const refused = await t
      .http()
      .post(`${ORDERS}/${id}/request-acceptance`)
      .set('authorization', `Bearer ${tokens.lead}`)
      .send({})
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'PLAN_AWAITING_REVIEW', rule: 'ORD-PLAN-5' });

    await act(id, 'return-plan', tokens.supervision, { planId: v1, reasons: ['改造措施未明确到路段', '完成时限过于宽松'] });
    order = await detail(id, tokens.lead);
    expect(order.plans[0]).toMatchObject({ version: 1, status: 'RETURNED', returnReasons: ['改造措施未明确到路段', '完成时限过于宽松'] });
    expect(order.allowedActions).toEqual(expect.arrayContaining([{ command: 'SubmitRectificationPlan', allowed: true }]));

    current = at('2025-03-12');
    await act(
      id,
      'submit-plan',
      tokens.lead,
      plan([
        ['P1', '2025-04-30', '排查江南、江北主干道雨污混接点'],
        ['P2', '2025-07-31', '实施 12 处雨污分流改造'],
      ]),
    );
    order = await detail(id);
    const v2 = order.plans[1].planId as string;
    expect(order.plans.map((p: { version: number; status: string }) => [p.version, p.status])).toEqual([
      [1, 'RETURNED'],
      [2, 'SUBMITTED'],
    ]);

    await act(id, 'approve-plan', tokens.supervision, { planId: v2, note: '同意' });
    order = await detail(id);
    expect(order).toMatchObject({ planStatus: 'APPROVED', leaderInCharge: '牡丹江市人民政府副市长（包保）' });
    expect(order.measures.map((m: { measureId: string; dueDate: string; status: string }) => [m.measureId, m.dueDate, m.status])).toEqual([
      ['P1', '2025-04-30', 'OPEN'],
      ['P2', '2025-07-31', 'OPEN'],
    ]);

    current = at('2025-04-20');
    await act(id, 'complete-measure', tokens.lead, { measureId: 'P1', completedOn: '2025-04-18' });
    await act(id, 'complete-measure', tokens.lead, { measureId: 'P9', completedOn: '2025-04-18' }, 404);

    // A change to the approved plan goes through the same review; moving a date of a central-inspection
    // order needs the province.
    await act(
      id,
      'submit-plan',
      tokens.lead,
      plan([
        ['P1', '2025-04-30', '排查江南、江北主干道雨污混接点'],
        ['P2', '2025-08-31', '实施 12 处雨污分流改造（含新增路段）'],
      ]),
    );
    order = await detail(id);
    const v3 = order.plans[2].planId as string;
    const before = await eventCount(t);
    const noSignOff = await t
      .http()
      .post(`${ORDERS}/${id}/approve-plan`)
      .set('authorization', `Bearer ${tokens.supervision}`)
      .send({ planId: v3 })
      .expect(409);
    expect(noSignOff.body).toMatchObject({ code: 'PROVINCIAL_SIGN_OFF_REQUIRED', rule: 'ORD-PROV-1' });
    expect(noSignOff.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await eventCount(t)).toBe(before);
    await act(id, 'approve-plan', tokens.supervision, { planId: v3, provincialSignOff: { ...SIGN_OFF, approvedOn: '2025-04-19' } });
    order = await detail(id);
    expect(order.plans.map((p: { status: string }) => p.status)).toEqual(['RETURNED', 'SUPERSEDED', 'APPROVED']);
    expect(order.measures.map((m: { measureId: string; dueDate: string; status: string }) => [m.measureId, m.dueDate, m.status])).toEqual([
      ['P1', '2025-04-30', 'DONE'],
      ['P2', '2025-08-31', 'OPEN'],
    ]);
  });

  it('an order whose plan is late escalates its lead department', async () => {
    current = at('2025-03-03');
    const id = await issueAssignStart({ code: `督察-迟报方案-${Math.random().toString(36).slice(2, 6)}` });
    await tickAt(at('2025-03-20'));
    const { rows } = await t.db.pool.query(
      `SELECT item_kind, level, department FROM read_models.escalations WHERE subject_id = $1 AND item_kind = 'PLAN_SUBMISSION'`,
      [id],
    );
    expect(rows).toEqual([{ item_kind: 'PLAN_SUBMISSION', level: 2, department: LEAD }]);
  });
});

describe('provincial sign-off of an extension (省整改办审核)', () => {
  async function requested(source: string): Promise<string> {
    current = at('2025-03-03');
    const id = await issueAssignStart({
      source,
      measures: [{ measureId: 'M1', description: '雨污分流改造', dueDate: '2025-09-01' }],
    });
    await act(id, 'request-extension', tokens.lead, {
      requestId: 'X1',
      requestedDeadline: '2026-06-30',
      reason: '管网改造涉及主干道，须避开冬季施工。',
      progressSoFar: '已完成 40%。',
    });
    return id;
  }

  it('refuses city leadership alone for a central-inspection order and accepts it with the province’s approval', async () => {
    const id = await requested('CENTRAL_INSPECTION');
    current = at('2025-03-12');
    const before = await eventCount(t);
    const refused = await t
      .http()
      .post(`${ORDERS}/${id}/approve-extension`)
      .set('authorization', `Bearer ${tokens.leadership}`)
      .send({ requestId: 'X1', note: '同意' })
      .expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'PROVINCIAL_SIGN_OFF_REQUIRED', rule: 'ORD-PROV-1' });
    expect(refused.body.detail).toContain('中央生态环境保护督察');
    expect(refused.body.detail).toContain('省整改办');
    expect(await eventCount(t)).toBe(before);

    await act(id, 'approve-extension', tokens.leadership, { requestId: 'X1', note: '同意', provincialSignOff: SIGN_OFF });
    const order = await detail(id);
    expect(order).toMatchObject({ originalDeadline: '2025-09-30', currentDeadline: '2026-06-30' });
    expect(order.extensions[0]).toMatchObject({ status: 'APPROVED', provincialSignOff: SIGN_OFF });
  });

  it('refuses a malformed sign-off as bad input', async () => {
    const id = await requested('PROVINCIAL_INSPECTION');
    current = at('2025-03-12');
    const res = await t
      .http()
      .post(`${ORDERS}/${id}/approve-extension`)
      .set('authorization', `Bearer ${tokens.leadership}`)
      .send({ requestId: 'X1', provincialSignOff: { kind: 'APPROVAL', documentNumber: '', approvedOn: '2025-02-30', approverBody: '省' } })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('keeps city approval for a self-found order', async () => {
    const id = await requested('SELF_FOUND');
    current = at('2025-03-12');
    await act(id, 'approve-extension', tokens.leadership, { requestId: 'X1', note: '同意' });
    expect((await detail(id)).currentDeadline).toBe('2026-06-30');
  });
});

describe('acceptance, notice and closing as practised', () => {
  async function awaitingAcceptance(code: string): Promise<string> {
    current = at('2025-09-01');
    const id = await issueAssignStart({
      code,
      deadline: '2025-12-31',
      measures: [{ measureId: 'M1', description: '雨污分流改造', dueDate: '2025-09-20' }],
    });
    current = at('2025-09-20');
    await act(id, 'complete-measure', tokens.lead, { measureId: 'M1', completedOn: '2025-09-19' });
    await act(id, 'request-acceptance', tokens.lead, { note: '已完成，申请验收。' });
    return id;
  }

  it('a failed acceptance found to be faked rectification raises 问责 at once, and leadership issues a 通报', async () => {
    const id = await awaitingAcceptance('督察-假装整改');
    current = at('2025-09-25');
    await act(id, 'record-acceptance-failed', tokens.supervision, {
      checkedOn: '2025-09-25',
      reasons: ['现场发现临时封堵，雨天仍有污水外溢'],
      perfunctory: 'FAKE',
    });
    await tickAt(at('2025-09-25', '11:00:00'));
    const { rows } = await t.db.pool.query(
      `SELECT id, level, trigger, department, item_kind FROM read_models.escalations WHERE subject_id = $1 AND status = 'OPEN'`,
      [id],
    );
    expect(rows).toEqual([
      { id: expect.any(String), level: 4, trigger: 'perfunctory', department: LEAD, item_kind: 'PERFUNCTORY_RECTIFICATION' },
    ]);
    const escalationId = rows[0].id as string;

    // A later tick raises nothing more for it.
    await tickAt(at('2025-09-26'));
    const { rows: after } = await t.db.pool.query(`SELECT id FROM read_models.escalations WHERE subject_id = $1`, [id]);
    expect(after).toEqual([{ id: escalationId }]);

    const circular = {
      subjectType: 'ESCALATION',
      escalationId,
      documentNumber: '牡整改办通〔2025〕7号',
      title: '关于宁安市雨污混接问题假装整改的通报',
      text: '经验收核查，宁安市对雨污混接问题采取临时封堵应付验收，属假装整改，现予以通报批评。',
    };
    await post('/api/v1/circulars', tokens.lead, circular, 403);
    const issued = await post('/api/v1/circulars', tokens.leadership, circular, 201);
    await post(
      '/api/v1/circulars',
      tokens.leadership,
      { subjectType: 'DEPARTMENT', department: 'no-such-dept', title: '通报', text: '内容' },
      422,
    );
    await post(
      '/api/v1/circulars',
      tokens.leadership,
      { subjectType: 'ESCALATION', escalationId: '00000000-0000-4000-8000-000000000000', title: '通报', text: '内容' },
      422,
    );
    await settle();
    const list = await t
      .http()
      .get(`/api/v1/circulars?escalationId=${escalationId}`)
      .set('authorization', `Bearer ${tokens.integrator}`)
      .expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: issued.body.id,
        documentNumber: '牡整改办通〔2025〕7号',
        subject: expect.objectContaining({ type: 'ESCALATION', escalationId, department: LEAD }),
        departmentName: '宁安市人民政府',
        issuedOn: '2025-09-26',
      }),
    ]);
    const byDepartment = await t
      .http()
      .get(`/api/v1/circulars?department=${LEAD}`)
      .set('authorization', `Bearer ${tokens.integrator}`)
      .expect(200);
    expect(byDepartment.body.total).toBe(1);
  });

  it('a notice over 2025’s National Day ends on 14 October; closing late escalates the supervision office', async () => {
    const id = await awaitingAcceptance('督察-国庆公示');
    current = at('2025-09-26');
    await act(id, 'record-acceptance-passed', tokens.supervision, {
      checkedOn: '2025-09-26',
      summary: '整改到位',
      documentRef: '牡住建验〔2025〕3号',
    });
    current = at('2025-09-30');
    await act(id, 'publish-closing-notice', tokens.supervision, { noticeId: 'N-2025-国庆' });
    const order = await detail(id);
    expect(order.publicNotice).toMatchObject({ publishedOn: '2025-09-30', endsOn: '2025-10-14' });

    current = at('2025-10-14', '23:00:00');
    const early = await t.http().post(`${ORDERS}/${id}/close`).set('authorization', `Bearer ${tokens.supervision}`).send({}).expect(409);
    expect(early.body).toMatchObject({ code: 'PUBLIC_NOTICE_NOT_FINISHED' });
    expect(early.body.detail).toContain('2025-10-14');

    await tickAt(at('2025-10-17'));
    const { rows } = await t.db.pool.query(
      `SELECT item_kind, level, department FROM read_models.escalations WHERE subject_id = $1 AND status = 'OPEN'`,
      [id],
    );
    expect(rows).toEqual([{ item_kind: 'NOTICE_END', level: 2, department: SUPERVISION_OFFICE }]);

    await act(id, 'close', tokens.supervision);
    expect((await detail(id)).status).toBe('CLOSED');
  });
});

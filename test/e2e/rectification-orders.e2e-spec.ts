import 'reflect-metadata';
import { CommandExecutor, rectificationOrders } from '@app/commands';
import {
  addDays,
  orderCommandPolicies,
  roles,
  shanghaiDate,
  type Actor,
  type RectificationOrderCommand,
  type RectificationOrderCommandType,
  type Role,
} from '@app/domain';
import { PostgresEventStore } from '@app/event-store';
import { AppConfig, Clock } from '@app/platform';
import { OrderSampleSeeder } from '../../apps/api/src/rectification-orders/samples/order-sample.seeder';
import { createTestApp, eventCount, type TestApp } from '../support/app';

const BASE = '/api/v1/rectification-orders';
const LEAD = 'ning-an-city';
const COOPERATING = 'city-eco-env-bureau';
const OTHER = 'hailin-city';
const today = () => shanghaiDate(new Date());

let t: TestApp;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_NOTICE_WORKING_DAYS: '1' });
  tokens.supervision = await t.token('supervision-office');
  tokens.leadership = await t.token('leadership');
  tokens.lead = await t.token('project-lead', LEAD);
  tokens.cooperating = await t.token('project-lead', COOPERATING);
  tokens.other = await t.token('project-lead', OTHER);
  tokens.integrator = await t.token('integrator');
  tokens.admin = await t.token('admin');
  tokens.assessor = await t.token('assessor');
});
afterAll(() => t.close());

function issueBody(overrides: Record<string, unknown> = {}) {
  return {
    code: `中央督察-${Math.random().toString(36).slice(2, 8)}`,
    source: 'CENTRAL_INSPECTION',
    batch: '第二轮中央生态环境保护督察',
    finding: '镜泊湖流域部分村屯生活污水未经处理直排入湖河流。',
    target: '沿湖村屯生活污水全部收集处理、稳定达标。',
    deadlineKind: 'BY_DATE',
    deadline: addDays(today(), 30),
    measures: [{ measureId: 'M1', description: '建设污水收集管网和处理设施', dueDate: addDays(today(), 10) }],
    ...overrides,
  };
}

async function post(path: string, token: string, body: object = {}, expected = 200) {
  const res = await t.http().post(path).set('authorization', `Bearer ${token}`).send(body);
  if (res.status !== expected) throw new Error(`${path} → ${res.status} (expected ${expected}): ${JSON.stringify(res.body)}`);
  return res;
}

const act = (id: string, action: string, token: string, body: object = {}, expected = 200) =>
  post(`${BASE}/${id}/${action}`, token, body, expected);

/** As the supervision office reads it: petition cases are not open to every role (ORD-READ-1). */
async function read(id: string, position: string) {
  const res = await t
    .http()
    .get(`${BASE}/${id}`)
    .set('authorization', `Bearer ${tokens.supervision}`)
    .set('x-min-position', position)
    .expect(200);
  return res.body;
}

async function issueAndStart(overrides: Record<string, unknown> = {}): Promise<string> {
  const issued = await post(BASE, tokens.supervision, issueBody(overrides), 201);
  const id = issued.body.id as string;
  await act(id, 'assign', tokens.supervision, {
    leadDepartment: LEAD,
    responsiblePerson: '宁安市人民政府市长',
    cooperatingDepartments: [COOPERATING],
    acceptanceDepartment: COOPERATING,
  });
  await act(id, 'start', tokens.lead);
  return id;
}

function withClockAt(instant: Date): () => void {
  const spy = jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(instant);
  return () => spy.mockRestore();
}

const afterNotice = () => new Date(Date.now() + 10 * 24 * 3600 * 1000);

describe('a central-inspection order from issue to closing', () => {
  it('goes through a failed acceptance, an extension, an upheld objection and closes', async () => {
    const issued = await post(BASE, tokens.supervision, issueBody(), 201);
    const id = issued.body.id as string;
    expect(issued.headers.location).toBe(`${BASE}/${id}`);
    expect(issued.headers.etag).toBe('"1"');
    expect(issued.body).toEqual({ id, version: 1, position: expect.any(String) });

    await act(id, 'assign', tokens.supervision, {
      leadDepartment: LEAD,
      responsiblePerson: '宁安市人民政府市长',
      cooperatingDepartments: [COOPERATING],
      acceptanceDepartment: COOPERATING,
    });
    await act(id, 'start', tokens.lead);
    await act(id, 'report-progress', tokens.cooperating, { summary: '配合单位完成水质监测。', percentComplete: 30 });

    const original = addDays(today(), 30);
    const extended = addDays(today(), 60);
    await act(id, 'request-extension', tokens.lead, {
      requestId: 'X1',
      requestedDeadline: extended,
      reason: '冬季无法施工。',
      progressSoFar: '完成 40%。',
    });
    const approved = await act(id, 'approve-extension', tokens.leadership, {
      requestId: 'X1',
      note: '同意。',
      // A central-inspection order's deadline is in the province-approved plan (ORD-PROV-1).
      provincialSignOff: { kind: 'APPROVAL', documentNumber: '黑整改办函〔2025〕9号', approvedOn: today(), approverBody: '省整改办' },
    });
    let order = await read(id, approved.body.position);
    expect(order).toMatchObject({ originalDeadline: original, currentDeadline: extended, status: 'IN_PROGRESS' });
    expect(order.extensions).toEqual([expect.objectContaining({ requestId: 'X1', status: 'APPROVED' })]);

    await act(id, 'complete-measure', tokens.lead, { measureId: 'M1', completedOn: today(), note: null });
    await act(id, 'attach-evidence', tokens.cooperating, { title: '竣工验收报告', measureId: 'M1' });
    await act(id, 'request-acceptance', tokens.lead, { note: '申请验收。' });
    const failed = await act(id, 'record-acceptance-failed', tokens.leadership, {
      recordId: 'A1',
      checkedOn: today(),
      reasons: ['出水总磷超标'],
    });
    expect((await read(id, failed.body.position)).status).toBe('IN_PROGRESS');

    await act(id, 'request-acceptance', tokens.lead);
    await act(id, 'record-acceptance-passed', tokens.supervision, {
      recordId: 'A2',
      checkedOn: today(),
      summary: '通过。',
      documentRef: '牡环验〔2024〕1号',
    });
    await act(id, 'publish-closing-notice', tokens.supervision, { noticeId: 'N1' });
    await act(id, 'record-objection', tokens.supervision, { objectionId: 'O1', summary: '河道仍有异味。', receivedOn: today() });
    const upheld = await act(id, 'settle-objection', tokens.leadership, {
      objectionId: 'O1',
      outcome: 'UPHELD',
      resolution: '异议成立，退回整改。',
    });
    order = await read(id, upheld.body.position);
    expect(order).toMatchObject({ status: 'IN_PROGRESS', hasOpenObjection: false, publicNotice: null });

    await act(id, 'request-acceptance', tokens.lead);
    await act(id, 'record-acceptance-passed', tokens.leadership, {
      recordId: 'A3',
      checkedOn: today(),
      summary: '复验通过。',
      documentRef: '牡环验〔2024〕2号',
    });
    await act(id, 'publish-closing-notice', tokens.supervision, { noticeId: 'N2' });
    const early = await act(id, 'close', tokens.supervision, {}, 409);
    expect(early.body.code).toBe('PUBLIC_NOTICE_NOT_FINISHED');

    const restore = withClockAt(afterNotice());
    try {
      const closed = await act(id, 'close', tokens.supervision);
      expect(closed.headers.etag).toBe(`"${closed.body.version}"`);
      order = await read(id, closed.body.position);
      expect(order.status).toBe('CLOSED');
    } finally {
      restore();
    }

    const history = await t.http().get(`${BASE}/${id}/history`).set('authorization', `Bearer ${tokens.integrator}`).expect(200);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual([
      'OrderIssued',
      'OrderAssigned',
      'RectificationStarted',
      'OrderProgressReported',
      'ExtensionRequested',
      'ExtensionApproved',
      'MeasureCompleted',
      'EvidenceAttached',
      'AcceptanceRequested',
      'AcceptanceFailed',
      'AcceptanceRequested',
      'AcceptancePassed',
      'PublicNoticePublished',
      'ObjectionRecorded',
      'ObjectionSettled',
      'AcceptanceRequested',
      'AcceptancePassed',
      'PublicNoticePublished',
      'OrderClosed',
    ]);
    expect(history.body.items[0]).toMatchObject({
      version: 1,
      actor: { userId: 'test-supervision-office' },
      data: { code: expect.any(String) },
    });

    const asOfToday = await t.http().get(`${BASE}/${id}?asOf=${today()}`).set('authorization', `Bearer ${tokens.integrator}`).expect(200);
    expect(asOfToday.body).toMatchObject({ status: 'CLOSED', asOf: today() });
    const before = await t
      .http()
      .get(`${BASE}/${id}?asOf=${addDays(today(), -1)}`)
      .set('authorization', `Bearer ${tokens.integrator}`)
      .expect(404);
    expect(before.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a stale If-Match with 412', async () => {
    const id = await issueAndStart();
    const res = await t
      .http()
      .post(`${BASE}/${id}/report-progress`)
      .set('authorization', `Bearer ${tokens.lead}`)
      .set('if-match', '"1"')
      .send({ summary: '进展' });
    expect(res.status).toBe(412);
    expect(res.body.code).toBe('STALE_VERSION');
  });
});

describe('a petition case (信访件)', () => {
  it('ends in 办结 with its result made public, after the 复核 and the 回访, never through 验收 and 公示', async () => {
    const id = await issueAndStart({
      source: 'PETITION',
      batch: '中央督察转办信访件',
      petition: { forwardedOn: today(), caseNumber: 'D-1' },
    });
    await act(id, 'report-petition-finding', tokens.lead, { finding: 'UNTRUE', summary: '调查核实情况报告：经核查，反映问题不属实。' });
    await act(id, 'complete-measure', tokens.lead, { measureId: 'M1', completedOn: today() });
    const notAccepted = await act(id, 'request-acceptance', tokens.lead, {}, 409);
    expect(notAccepted.body).toMatchObject({ code: 'PETITION_CASE_CONCLUDED_NOT_CLOSED', rule: 'ORD-CLOSE-6' });
    expect(notAccepted.body.detail).toContain('办结');

    const conclusion = {
      result: '经调查核实，反映问题不属实；已向信访人反馈调查结论。',
      publication: { channel: '牡丹江日报', publishedOn: today(), reference: '第3版' },
    };
    expect((await act(id, 'conclude-petition-case', tokens.supervision, conclusion, 409)).body.code).toBe('SECOND_CHECK_REQUIRED');
    await act(id, 'record-second-check', tokens.lead, { checkedOn: today(), outcome: 'CONFIRMED', summary: '复核维持。' }, 403);
    await act(id, 'record-second-check', tokens.supervision, { checkedOn: today(), outcome: 'CONFIRMED', summary: '复核维持。' });
    const unvisited = await act(id, 'conclude-petition-case', tokens.supervision, conclusion, 409);
    expect(unvisited.body).toMatchObject({ code: 'FOLLOW_UP_VISIT_REQUIRED', rule: 'ORD-PET-6' });
    const visited = await act(id, 'record-follow-up-visit', tokens.lead, {
      visitedOn: today(),
      summary: '电话回访，信访人认可调查结论。',
      satisfied: true,
    });
    const offered = (await read(id, visited.body.position)).allowedActions as Array<{ command: string; allowed: boolean }>;
    expect(offered).toContainEqual(expect.objectContaining({ command: 'ConcludePetitionCase', allowed: true }));
    expect(offered).toContainEqual(expect.objectContaining({ command: 'PublishClosingNotice', allowed: false }));

    await act(id, 'conclude-petition-case', tokens.lead, conclusion, 403);
    const future = { ...conclusion, publication: { ...conclusion.publication, publishedOn: addDays(today(), 1) } };
    await act(id, 'conclude-petition-case', tokens.supervision, future, 422);
    const done = await act(id, 'conclude-petition-case', tokens.supervision, conclusion);
    const order = await read(id, done.body.position);
    expect(order).toMatchObject({
      status: 'CLOSED',
      statusLabel: '已办结',
      closedOn: today(),
      publicNotice: null,
      acceptanceChecks: [],
      petition: {
        finding: 'UNTRUE',
        secondCheckDone: true,
        followUpVisitCount: 1,
        conclusion: { concludedOn: today(), result: conclusion.result, publication: conclusion.publication },
      },
    });
    const ledger = await t
      .http()
      .get(`/api/v1/ledger/orders?text=D-1&pageSize=100`)
      .set('authorization', `Bearer ${tokens.supervision}`)
      .expect(200);
    expect(ledger.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({ statusLabel: '已办结' });
    // 回访 may continue after 办结 (ORD-PET-5); 销号 never applies.
    await act(id, 'record-follow-up-visit', tokens.supervision, { visitedOn: today(), summary: '再次回访，未反弹。', satisfied: true });
    expect((await act(id, 'close', tokens.supervision, {}, 409)).body.code).toBe('PETITION_CASE_CONCLUDED_NOT_CLOSED');
  });

  it('concludes in stages only when linked to an order with a deadline', async () => {
    const linked = await issueAndStart();
    const ongoing = await issueAndStart({ deadlineKind: 'ONGOING', deadline: null });
    const id = await issueAndStart({ source: 'PETITION', petition: { forwardedOn: today(), caseNumber: null } });
    await act(id, 'report-petition-finding', tokens.lead, { finding: 'TRUE', summary: '属实。' });
    const refused = await act(id, 'conclude-in-stages', tokens.supervision, { linkedOrderId: ongoing, summary: '纳入长期任务。' }, 409);
    expect(refused.body.code).toBe('LINKED_ORDER_WITHOUT_DEADLINE');
    const done = await act(id, 'conclude-in-stages', tokens.supervision, { linkedOrderId: linked, summary: '纳入流域治理任务。' });
    expect((await read(id, done.body.position)).petition.linkedOrderId).toBe(linked);
  });
});

describe('department scoping', () => {
  it('refuses writes from a department that is neither lead nor cooperating, and acceptance requests from a cooperating one', async () => {
    const id = await issueAndStart();
    const before = await eventCount(t);
    const foreign = await act(id, 'report-progress', tokens.other, { summary: '越权报送' }, 403);
    expect(foreign.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(foreign.body.code).toBe('DEPARTMENT_NOT_RESPONSIBLE');
    await act(
      id,
      'request-extension',
      tokens.other,
      { requestedDeadline: addDays(today(), 90), reason: '理由', progressSoFar: '进展' },
      403,
    );
    await act(id, 'complete-measure', tokens.cooperating, { measureId: 'M1', completedOn: today() }, 403);
    await act(id, 'request-acceptance', tokens.cooperating, {}, 403);
    expect(await eventCount(t)).toBe(before);
    await act(id, 'report-progress', tokens.cooperating, { summary: '配合单位报送' });
  });
});

describe('修改整改措施 before 交办 (ORD-ISSUE-5)', () => {
  it('replaces the measures while the order is 已下达, and is refused once it is 交办', async () => {
    const issued = await post(BASE, tokens.supervision, issueBody(), 201);
    const id = issued.body.id as string;
    const measures = [
      { measureId: 'M1', description: '建设污水收集管网', dueDate: addDays(today(), 10) },
      { measureId: 'M2', description: '建设村屯污水处理设施', dueDate: addDays(today(), 20) },
    ];
    const revised = await act(id, 'revise-measures', tokens.supervision, { measures, reason: '补充处理设施建设' });
    const order = await read(id, revised.body.position);
    expect(order.measures.map((m: { measureId: string; description: string }) => [m.measureId, m.description])).toEqual([
      ['M1', '建设污水收集管网'],
      ['M2', '建设村屯污水处理设施'],
    ]);

    const unchanged = await act(id, 'revise-measures', tokens.supervision, { measures }, 422);
    expect(unchanged.body).toMatchObject({ code: 'MEASURES_UNCHANGED', rule: 'ORD-ISSUE-5' });
    const outside = await act(
      id,
      'revise-measures',
      tokens.supervision,
      { measures: [{ measureId: 'M1', description: '超出时限', dueDate: addDays(today(), 40) }] },
      422,
    );
    expect(outside.body.code).toBe('MEASURE_DUE_DATE_OUT_OF_RANGE');

    await act(id, 'assign', tokens.supervision, { leadDepartment: LEAD, cooperatingDepartments: [], acceptanceDepartment: COOPERATING });
    const late = await act(id, 'revise-measures', tokens.supervision, { measures: measures.slice(0, 1) }, 409);
    expect(late.body.code).toBe('COMMAND_NOT_ALLOWED_IN_STATUS');
    const history = await t.http().get(`${BASE}/${id}/history`).set('authorization', `Bearer ${tokens.supervision}`).expect(200);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['OrderIssued', 'MeasuresRevised', 'OrderAssigned']);
  });
});

describe('authorization matrix', () => {
  const actions: Record<Exclude<RectificationOrderCommandType, 'IssueOrder' | 'BackfillOrder'>, [string, (id: string) => object]> = {
    AssignOrder: ['assign', () => ({ leadDepartment: LEAD, cooperatingDepartments: [], acceptanceDepartment: COOPERATING })],
    ReviseMeasures: [
      'revise-measures',
      () => ({ measures: [{ measureId: 'M1', description: '修改后的措施', dueDate: addDays(today(), 10) }], reason: '补充' }),
    ],
    ReassignOrder: [
      'reassign',
      () => ({
        leadDepartment: LEAD,
        cooperatingDepartments: [COOPERATING],
        acceptanceDepartment: COOPERATING,
        responsiblePerson: '宁安市人民政府常务副市长',
        reason: '分工调整',
      }),
    ],
    SubmitRectificationPlan: [
      'submit-plan',
      () => ({
        leaderInCharge: '分管副市长',
        measures: [{ measureId: 'P1', description: '措施', dueDate: addDays(today(), 5), responsiblePerson: '科长' }],
      }),
    ],
    ApproveRectificationPlan: ['approve-plan', () => ({ planId: 'none' })],
    ReturnRectificationPlan: ['return-plan', () => ({ planId: 'none', reasons: ['不具体'] })],
    StartRectification: ['start', () => ({})],
    ReportOrderProgress: ['report-progress', () => ({ summary: '进展' })],
    CompleteMeasure: ['complete-measure', () => ({ measureId: 'M1', completedOn: today() })],
    AttachEvidence: ['attach-evidence', () => ({ title: '材料' })],
    RequestExtension: ['request-extension', () => ({ requestedDeadline: addDays(today(), 40), reason: '理由', progressSoFar: '进展' })],
    ApproveExtension: ['approve-extension', () => ({ requestId: 'none' })],
    RejectExtension: ['reject-extension', () => ({ requestId: 'none', reason: '理由' })],
    RequestAcceptance: ['request-acceptance', () => ({})],
    RecordAcceptancePassed: ['record-acceptance-passed', () => ({ checkedOn: today(), summary: '通过', documentRef: '文件' })],
    RecordAcceptanceFailed: ['record-acceptance-failed', () => ({ checkedOn: today(), reasons: ['原因'] })],
    PublishClosingNotice: ['publish-closing-notice', () => ({})],
    RecordObjection: ['record-objection', () => ({ summary: '异议', receivedOn: today() })],
    SettleObjection: ['settle-objection', () => ({ objectionId: 'none', outcome: 'DISMISSED', resolution: '不成立' })],
    CloseOrder: ['close', () => ({})],
    ReopenOrder: ['reopen', () => ({ reason: '反弹' })],
    ReportPetitionFinding: ['report-petition-finding', () => ({ finding: 'TRUE', summary: '属实' })],
    RecordSecondCheck: ['record-second-check', () => ({ checkedOn: today(), outcome: 'CONFIRMED', summary: '维持' })],
    ConcludeInStages: ['conclude-in-stages', (id) => ({ linkedOrderId: id, summary: '阶段性办结' })],
    RecordFollowUpVisit: ['record-follow-up-visit', () => ({ visitedOn: today(), summary: '回访' })],
    ConcludePetitionCase: [
      'conclude-petition-case',
      () => ({ result: '办理结果', publication: { channel: '牡丹江日报', publishedOn: today() } }),
    ],
    SubmitPeriodicReport: ['submit-periodic-report', () => ({ summary: '季度报告' })],
  };
  const tokenFor = (role: Role) =>
    ({
      'project-lead': tokens.lead,
      'supervision-office': tokens.supervision,
      leadership: tokens.leadership,
      integrator: tokens.integrator,
      admin: tokens.admin,
      assessor: tokens.assessor,
    })[role];
  let orderId: string;
  beforeAll(async () => {
    orderId = await issueAndStart();
  });

  const cases = Object.keys(orderCommandPolicies).flatMap((type) => roles.map((role) => [type, role] as const));
  it.each(cases)('%s as %s', async (type, role) => {
    const allowed = orderCommandPolicies[type as RectificationOrderCommandType].roles.includes(role);
    const res =
      type === 'IssueOrder' || type === 'BackfillOrder'
        ? await t
            .http()
            .post(type === 'IssueOrder' ? BASE : `${BASE}/backfill`)
            .set('authorization', `Bearer ${tokenFor(role)}`)
            .send(type === 'IssueOrder' ? issueBody() : { ...issueBody(), issuedOn: '2018-01-10', status: 'ISSUED' })
        : await (() => {
            const [action, body] = actions[type as keyof typeof actions];
            return t
              .http()
              .post(`${BASE}/${orderId}/${action}`)
              .set('authorization', `Bearer ${tokenFor(role)}`)
              .send(body(orderId));
          })();
    if (allowed) {
      expect(res.status).not.toBe(403);
      expect([200, 201, 404, 409, 422]).toContain(res.status);
    } else {
      expect(res.status).toBe(403);
    }
    if (role === 'integrator' || role === 'admin') expect(res.status).toBe(403);
  });
});

describe('bad input', () => {
  async function expectRefused(body: unknown, status: number, code?: string) {
    const before = await eventCount(t);
    const res = await t
      .http()
      .post(BASE)
      .set('authorization', `Bearer ${tokens.supervision}`)
      .send(body as object);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (code) expect(res.body.code).toBe(code);
    expect(await eventCount(t)).toBe(before);
    return res;
  }

  it('missing fields → 400', async () => {
    const { finding: _finding, ...body } = issueBody();
    const res = await expectRefused(body, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'finding' })]));
  });
  it('unknown fields → 400', () => expectRefused({ ...issueBody(), priority: 'high' }, 400, 'VALIDATION_FAILED'));
  it('wrong types → 400', () => expectRefused({ ...issueBody(), deadline: 20241231, measures: 'M1' }, 400, 'VALIDATION_FAILED'));
  it('impossible dates → 400', async () => {
    await expectRefused({ ...issueBody(), deadline: '2023-02-29' }, 400, 'VALIDATION_FAILED');
    await expectRefused(
      { ...issueBody(), measures: [{ measureId: 'M1', description: '措施', dueDate: '2024-13-01' }] },
      400,
      'VALIDATION_FAILED',
    );
  });
  it('a deadline before the issue date → 422', async () => {
    const res = await expectRefused({ ...issueBody(), deadline: addDays(today(), -1), measures: [] }, 422, 'DEADLINE_BEFORE_ISSUE_DATE');
    expect(res.body.detail).toMatch(/不能早于下达日期/);
  });
  it('bad input on an order command → 400 / 422, nothing appended', async () => {
    const id = await issueAndStart();
    const before = await eventCount(t);
    await act(id, 'complete-measure', tokens.lead, { measureId: 'M1', completedOn: '2024-02-30' }, 400);
    await act(id, 'complete-measure', tokens.lead, { measureId: 'M1', completedOn: addDays(today(), 1) }, 422);
    await act(id, 'request-extension', tokens.lead, { requestedDeadline: addDays(today(), 1), reason: '理由', progressSoFar: '进展' }, 422);
    await act(id, 'report-progress', tokens.lead, { summary: '进展', percentComplete: '50' }, 400);
    expect(await eventCount(t)).toBe(before);
  });
  it('unknown order → 404 problem', async () => {
    const res = await t
      .http()
      .get(`${BASE}/00000000-0000-4000-8000-000000000000`)
      .set('authorization', `Bearer ${tokens.integrator}`)
      .expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    await act('00000000-0000-4000-8000-000000000000', 'start', tokens.lead, {}, 404);
  });
});

describe('the orders ledger', () => {
  it('filters, sorts and pages; every role may read', async () => {
    const code = `台账-${Date.now()}`;
    const issued = await post(BASE, tokens.supervision, issueBody({ code, finding: '牡丹江干流某排污口超标排放。' }), 201);
    await t
      .http()
      .get(`${BASE}/${issued.body.id}`)
      .set('authorization', `Bearer ${tokens.admin}`)
      .set('x-min-position', issued.body.position)
      .expect(200);
    const byText = await t
      .http()
      .get(BASE)
      .query({ text: '某排污口', pageSize: 5 })
      .set('authorization', `Bearer ${tokens.integrator}`)
      .expect(200);
    expect(byText.body).toMatchObject({
      total: 1,
      page: 1,
      pageSize: 5,
      items: [{ id: issued.body.id, code, status: 'ISSUED', isSample: false }],
    });
    const byDept = await t
      .http()
      .get(BASE)
      .query({ department: COOPERATING, state: 'IN_PROGRESS', sort: '-issuedOn' })
      .set('authorization', `Bearer ${tokens.lead}`)
      .expect(200);
    expect(byDept.body.items.length).toBeGreaterThan(0);
    for (const item of byDept.body.items) {
      expect(item.status).toBe('IN_PROGRESS');
      expect([item.leadDepartment, ...item.cooperatingDepartments]).toContain(COOPERATING);
    }
    const byCode = await t
      .http()
      .get(BASE)
      .query({ sort: 'code', pageSize: 100 })
      .set('authorization', `Bearer ${tokens.leadership}`)
      .expect(200);
    const codes = byCode.body.items.map((i: { code: string }) => i.code);
    expect(codes).toEqual([...codes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await t.http().get(BASE).query({ pageSize: 101 }).set('authorization', `Bearer ${tokens.integrator}`).expect(400);
    await t.http().get(BASE).query({ sort: 'finding' }).set('authorization', `Bearer ${tokens.integrator}`).expect(400);
    await t.http().get(BASE).expect(401);
  });
});

describe('body limit', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await createTestApp({ BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(() => small.close());

  it('answers an oversized body with 413 problem+json and appends nothing', async () => {
    const before = await eventCount(small);
    const res = await small
      .http()
      .post(BASE)
      .set('authorization', `Bearer ${await small.token('supervision-office')}`)
      .send(issueBody({ finding: '超'.repeat(1400) }));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await eventCount(small)).toBe(before);
  });
});

describe('示例 samples', () => {
  let seeded: TestApp;
  beforeAll(async () => {
    seeded = await createTestApp({ SEED_SAMPLES: 'true' });
  });
  afterAll(() => seeded.close());

  it('drives every sample order to its target state through the real commands, once', async () => {
    const { SAMPLE_ORDERS } = await import('../../libs/domain/src/seed/sample-orders');
    const token = await seeded.token('integrator');
    const head = String((await seeded.db.pool.query('SELECT coalesce(max(position), 0) AS p FROM event_store.events')).rows[0].p);
    const res = await seeded
      .http()
      .get(BASE)
      .query({ pageSize: 100, sort: 'code' })
      .set('authorization', `Bearer ${token}`)
      .set('x-min-position', head)
      .expect(200);
    expect(res.body.total).toBe(SAMPLE_ORDERS.length);
    const byCode = new Map(res.body.items.map((i: { code: string; status: string }) => [i.code, i]));
    for (const sample of SAMPLE_ORDERS) {
      expect(byCode.get(sample.code)).toMatchObject({
        status: sample.targetState,
        isSample: true,
        leadDepartment: sample.targetState === 'ISSUED' ? null : sample.leadDepartment,
      });
    }
    const before = await eventCount(seeded);
    await seeded.app.get(OrderSampleSeeder).onApplicationBootstrap();
    expect(await eventCount(seeded)).toBe(before);
  });

  it('offers the lead department of a reopened order what the API accepts: to start again, not to report progress', async () => {
    const { SAMPLE_ORDERS } = await import('../../libs/domain/src/seed/sample-orders');
    const sample = SAMPLE_ORDERS.find((o) => o.targetState === 'REOPENED');
    if (!sample) throw new Error('no reopened sample');
    const lead = await seeded.token('project-lead', sample.leadDepartment);
    const head = String((await seeded.db.pool.query('SELECT coalesce(max(position), 0) AS p FROM event_store.events')).rows[0].p);
    const detail = async (id: string, position: string) => {
      const res = await seeded
        .http()
        .get(`${BASE}/${id}`)
        .set('authorization', `Bearer ${lead}`)
        .set('x-min-position', position)
        .expect(200);
      return Object.fromEntries(
        (res.body.allowedActions as Array<{ command: string; allowed: boolean; reason?: string; rule?: string }>).map((a) => [
          a.command,
          a,
        ]),
      );
    };
    const list = await seeded
      .http()
      .get(BASE)
      .query({ text: sample.code })
      .set('authorization', `Bearer ${lead}`)
      .set('x-min-position', head)
      .expect(200);
    const id = list.body.items[0].id as string;

    const reopened = await detail(id, head);
    expect(reopened.StartRectification).toEqual({ command: 'StartRectification', allowed: true });
    expect(reopened.ReportOrderProgress).toMatchObject({ allowed: false, rule: 'ORD-STATE-1' });
    const refused = await seeded
      .http()
      .post(`${BASE}/${id}/report-progress`)
      .set('authorization', `Bearer ${lead}`)
      .send({ summary: '继续整改' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ rule: 'ORD-STATE-1', detail: reopened.ReportOrderProgress.reason });

    const started = await seeded.http().post(`${BASE}/${id}/start`).set('authorization', `Bearer ${lead}`).send({}).expect(200);
    const inProgress = await detail(id, started.body.position);
    expect(inProgress.ReportOrderProgress).toEqual({ command: 'ReportOrderProgress', allowed: true });
    expect(inProgress.StartRectification).toMatchObject({ allowed: false, rule: 'ORD-STATE-1' });
  });
});

/**
 * Another API process (or any other writer) appends to a stream this process has cached. The
 * executor decides on its cached fold first; every answer it gives must still be the one the
 * stream as it is now warrants.
 */
describe('a stream moved on by another writer', () => {
  async function otherWriter(id: string, command: RectificationOrderCommand, actor: Actor): Promise<number> {
    const otherProcess = new CommandExecutor({
      store: t.app.get(PostgresEventStore),
      clock: t.app.get(Clock),
      domainConfig: t.app.get(AppConfig).domainConfig,
    });
    return (await otherProcess.execute(rectificationOrders, id, command, { actor })).version;
  }
  const leadActor: Actor = { userId: 'other-process', displayName: '宁安市', roles: ['project-lead'], department: LEAD };

  it('appends on top of the other writer’s events, with the right version', async () => {
    const id = await issueAndStart();
    const theirs = await otherWriter(
      id,
      { type: 'ReportOrderProgress', reportId: 'R-other', summary: '另一实例写入', percentComplete: 20 },
      leadActor,
    );
    const ours = await act(id, 'report-progress', tokens.lead, { summary: '本实例写入', percentComplete: 30 });
    expect(ours.body.version).toBe(theirs + 1);
    const order = await read(id, ours.body.position);
    expect(order.version).toBe(theirs + 1);
  });

  it('accepts a command the cached state would refuse but the current state allows', async () => {
    const id = await issueAndStart();
    await otherWriter(id, { type: 'CompleteMeasure', measureId: 'M1', completedOn: today(), note: null }, leadActor);
    await otherWriter(id, { type: 'RequestAcceptance', note: '另一实例申请验收' }, leadActor);
    const passed = await act(id, 'record-acceptance-passed', tokens.supervision, {
      checkedOn: today(),
      summary: '现场核查通过。',
      documentRef: '牡环验〔2026〕1号',
    });
    expect((await read(id, passed.body.position)).status).toBe('ACCEPTED');
  });

  it('takes an If-Match of the current version even when its cache is behind, and refuses an old one', async () => {
    const id = await issueAndStart();
    const theirs = await otherWriter(
      id,
      { type: 'ReportOrderProgress', reportId: 'R-x', summary: '另一实例写入', percentComplete: 20 },
      leadActor,
    );
    const current = await t
      .http()
      .post(`${BASE}/${id}/report-progress`)
      .set('authorization', `Bearer ${tokens.lead}`)
      .set('if-match', `"${theirs}"`)
      .send({ summary: '基于最新版本' });
    expect(current.status).toBe(200);
    expect(current.body.version).toBe(theirs + 1);
    const stale = await t
      .http()
      .post(`${BASE}/${id}/report-progress`)
      .set('authorization', `Bearer ${tokens.lead}`)
      .set('if-match', `"${theirs - 1}"`)
      .send({ summary: '基于旧版本' });
    expect(stale.status).toBe(412);
    expect(stale.body.currentVersion).toBe(theirs + 1);
  });
});

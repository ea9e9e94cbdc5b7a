import { randomUUID } from 'node:crypto';
import { keyProjectCommandPolicies, roles, shanghaiDate, type KeyProjectCommandType, type Role } from '@app/domain';
import { PostgresEventStore } from '@app/event-store';
import { createTestApp, eventCount, type TestApp } from '../support/app';

const BASE = '/api/v1/key-projects';
const LEAD = 'city-urban-management-bureau';
const COOPERATING = 'city-eco-env-bureau';
const OTHER = 'ning-an-city';

let t: TestApp;
const tokens = {} as Record<Role | 'lead' | 'cooperating' | 'otherLead', string>;

beforeAll(async () => {
  t = await createTestApp();
  for (const role of roles) tokens[role] = await t.token(role, role === 'project-lead' ? LEAD : null);
  tokens.lead = await t.token('project-lead', LEAD, 'u-chengguan');
  tokens.cooperating = await t.token('project-lead', COOPERATING, 'u-huanbao');
  tokens.otherLead = await t.token('project-lead', OTHER, 'u-ningan');
});
afterAll(() => t.close());

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const post = (path: string, token: string, body: object = {}) => t.http().post(path).set(auth(token)).send(body);
const get = (path: string, token = tokens.integrator) => t.http().get(path).set(auth(token));
const daysFromToday = (n: number) => shanghaiDate(new Date(Date.now() + n * 86_400_000));

function registration(code: string, extra: object = {}) {
  return {
    code,
    name: '郭家沟生活垃圾处理场二期填埋库区封场治理暨飞灰处置项目',
    planBox: 8,
    category: 'risk',
    leadDepartment: LEAD,
    cooperatingDepartments: [COOPERATING],
    implementingUnit: '牡丹江市城市管理综合执法局',
    responsiblePerson: '王建国',
    plannedStart: '2023-04-01',
    plannedEnd: '2025-10-31',
    plannedInvestment: null,
    description: '对郭家沟生活垃圾处理场二期填埋库区实施封场治理，并建设飞灰处置设施。',
    ...extra,
  };
}

async function register(code: string, extra: object = {}): Promise<{ id: string; position: string; version: number }> {
  const res = await post(BASE, tokens['supervision-office'], registration(code, extra)).expect(201);
  return res.body;
}

function expectProblem(res: { status: number; headers: Record<string, string>; body: { status: number } }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.status).toBe(status);
}

describe('Guojiagou landfill phase-II closure (ZL8-1) from registration to acceptance', () => {
  let id: string;

  it('is registered by the supervision office: 201, Location, ETag, { id, version, position }', async () => {
    const res = await post(BASE, tokens['supervision-office'], registration('ZL8-1')).expect(201);
    id = res.body.id;
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), version: 1, position: expect.stringMatching(/^\d+$/) });
    expect(res.headers.location).toBe(`${BASE}/${id}`);
    expect(res.headers.etag).toBe('"1"');
  });

  it('refuses a second registration of the same code (409) without appending', async () => {
    const before = await eventCount(t);
    const res = await post(BASE, tokens['supervision-office'], registration('ZL8-1'));
    expectProblem(res, 409);
    expect(await eventCount(t)).toBe(before);
  });

  it('runs milestones, a baseline change approved by leadership, achievement, completion and acceptance', async () => {
    await post(`${BASE}/${id}/plan-milestone`, tokens.lead, {
      milestoneId: 'M1',
      name: '填埋库区封场覆盖完工',
      weight: 60,
      baselineDate: '2024-06-30',
    }).expect(200);
    await post(`${BASE}/${id}/plan-milestone`, tokens['supervision-office'], {
      milestoneId: 'M2',
      name: '飞灰处置设施建成',
      weight: 40,
      baselineDate: '2024-09-30',
    }).expect(200);
    await post(`${BASE}/${id}/start`, tokens.lead, { startedOn: '2023-04-10' }).expect(200);
    await post(`${BASE}/${id}/report-progress`, tokens.cooperating, {
      milestoneId: 'M1',
      percentComplete: 50,
      forecastDate: '2024-08-31',
      narrative: '封场覆盖完成一半。',
    }).expect(200);

    await post(`${BASE}/${id}/request-baseline-change`, tokens.lead, {
      requestId: 'BC-1',
      milestoneId: 'M1',
      proposedBaselineDate: '2024-09-30',
      reason: '冬季低温无法进行覆膜施工。',
    }).expect(200);
    expectProblem(await post(`${BASE}/${id}/approve-baseline-change`, tokens.lead, { requestId: 'BC-1' }), 403);
    await post(`${BASE}/${id}/approve-baseline-change`, tokens.leadership, { requestId: 'BC-1', note: '同意顺延。' }).expect(200);

    await post(`${BASE}/${id}/achieve-milestone`, tokens.lead, {
      milestoneId: 'M1',
      achievedOn: '2024-10-20',
      evidence: [{ evidenceId: 'EV-1', title: '封场覆盖工程竣工验收单', uri: '牡城管发〔2024〕12号' }],
    }).expect(200);
    await post(`${BASE}/${id}/achieve-milestone`, tokens.lead, {
      milestoneId: 'M2',
      achievedOn: '2024-09-25',
      evidence: [{ evidenceId: 'EV-2', title: '飞灰处置设施调试报告' }],
    }).expect(200);
    await post(`${BASE}/${id}/complete`, tokens.lead, { completedOn: '2024-11-15' }).expect(200);
    const accepted = await post(`${BASE}/${id}/accept`, tokens.leadership, {
      acceptanceRecord: {
        recordId: 'YS-2024-008',
        acceptedOn: '2024-12-05',
        acceptingBody: '专家验收组',
        documentRef: '牡环验〔2024〕21号',
        summary: '同意通过验收。',
      },
    }).expect(200);
    expect(accepted.body.version).toBe(11);
    expect(accepted.headers.etag).toBe('"11"');

    const detail = await get(`${BASE}/${id}`).set('x-min-position', accepted.body.position).expect(200);
    expect(detail.headers.etag).toBe('"11"');
    expect(detail.body).toMatchObject({ id, code: 'ZL8-1', status: 'ACCEPTED', statusLabel: '已验收', progress: 100, version: 11 });
    const m1 = detail.body.milestones.find((m: { milestoneId: string }) => m.milestoneId === 'M1');
    expect(m1).toMatchObject({
      originalBaselineDate: '2024-06-30',
      baselineDate: '2024-09-30',
      achievedOn: '2024-10-20',
      varianceDays: 112,
      varianceAgainstCurrentBaselineDays: 20,
      evidenceCount: 1,
    });
    expect(detail.body.baselineChanges).toEqual([
      expect.objectContaining({
        requestId: 'BC-1',
        currentBaselineDate: '2024-06-30',
        proposedBaselineDate: '2024-09-30',
        status: 'APPROVED',
        decidedBy: 'test-leadership',
      }),
    ]);
    expect(detail.body.acceptance).toMatchObject({ recordId: 'YS-2024-008', acceptingBody: '专家验收组' });
    expect(detail.body.latestReport).toMatchObject({ reportedBy: 'u-huanbao', reportedByDepartment: COOPERATING });
  });

  it('lists the history with actor, version and position', async () => {
    const res = await get(`${BASE}/${id}/history`).expect(200);
    expect(res.body.items.map((e: { type: string }) => e.type)).toEqual([
      'KeyProjectRegistered',
      'MilestonePlanned',
      'MilestonePlanned',
      'KeyProjectStarted',
      'ProgressReported',
      'BaselineChangeRequested',
      'BaselineChangeApproved',
      'MilestoneAchieved',
      'MilestoneAchieved',
      'KeyProjectCompleted',
      'KeyProjectAccepted',
    ]);
    expect(res.body.items[6]).toMatchObject({
      version: 7,
      actor: { userId: 'test-leadership', roles: ['leadership'] },
      command: 'ApproveBaselineChange',
    });
    expect(res.body.items[0].recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('replays the state as of a day: before registration 404, today the full state', async () => {
    expectProblem(await get(`${BASE}/${id}?asOf=${daysFromToday(-1)}`), 404);
    const today = await get(`${BASE}/${id}?asOf=${daysFromToday(0)}`).expect(200);
    expect(today.body).toMatchObject({ status: 'ACCEPTED', version: 11, asOf: daysFromToday(0) });
    expectProblem(await get(`${BASE}/${id}?asOf=2023-02-30`), 400);
  });
});

describe('concurrency, idempotency and read-your-write', () => {
  let id: string;
  beforeAll(async () => {
    ({ id } = await register('T-CC-1'));
  });

  it('answers 412 to a stale If-Match and appends nothing', async () => {
    await post(`${BASE}/${id}/plan-milestone`, tokens.lead, { milestoneId: 'M1', name: '节点一', weight: 1, baselineDate: '2025-06-30' })
      .set('if-match', '"1"')
      .expect(200);
    const before = await eventCount(t);
    const res = await post(`${BASE}/${id}/plan-milestone`, tokens.lead, {
      milestoneId: 'M2',
      name: '节点二',
      weight: 1,
      baselineDate: '2025-06-30',
    }).set('if-match', '"1"');
    expectProblem(res, 412);
    expect(res.body.currentVersion).toBe(2);
    expect(await eventCount(t)).toBe(before);
  });

  it('replays an Idempotency-Key repeat with the same body and no new event', async () => {
    const key = `kp-${randomUUID()}`;
    const body = { name: '节点三', weight: 1, baselineDate: '2025-09-30' };
    const first = await post(`${BASE}/${id}/plan-milestone`, tokens.lead, body).set('idempotency-key', key).expect(200);
    const before = await eventCount(t);
    const second = await post(`${BASE}/${id}/plan-milestone`, tokens.lead, body).set('idempotency-key', key).expect(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await eventCount(t)).toBe(before);
  });

  it('reads its own write with X-Min-Position', async () => {
    const res = await post(`${BASE}/${id}/start`, tokens.lead, { startedOn: '2024-01-02' }).expect(200);
    const read = await get(`${BASE}/${id}`).set('x-min-position', res.body.position).expect(200);
    expect(read.body).toMatchObject({ status: 'IN_PROGRESS', version: res.body.version });
    expect(read.headers['x-read-model-stale']).toBeUndefined();
  });
});

describe('commands on one project at once', () => {
  it('serialises 30 parallel progress reports without If-Match: all 2xx, 30 distinct versions, no race to retry', async () => {
    const { id } = await register('T-CC-30');
    await post(`${BASE}/${id}/start`, tokens.lead, { startedOn: '2024-01-02' }).expect(200);
    const store = t.app.get(PostgresEventStore);
    const append = jest.spyOn(store, 'append');
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(`${BASE}/${id}/report-progress`, i % 2 ? tokens.lead : tokens.cooperating, { narrative: `并发报送第 ${i + 1} 份` }),
      ),
    );
    expect(responses.filter((r) => r.status < 200 || r.status >= 300).map((r) => [r.status, r.body.code])).toEqual([]);
    const versions = responses.map((r) => r.body.version as number).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 30 }, (_, i) => i + 3));
    expect(responses.every((r) => r.headers.etag === `"${r.body.version}"`)).toBe(true);
    const { rows } = await t.db.pool.query<{ narrative: string }>(
      `SELECT data->>'narrative' AS narrative FROM event_store.events WHERE stream_id = $1 AND type = 'ProgressReported'`,
      [`key-project-${id}`],
    );
    expect(new Set(rows.map((r) => r.narrative)).size).toBe(30);
    // In one process the commands waited for each other: every append was tried once, none lost a race.
    expect(append.mock.calls.filter(([streamId]) => streamId === `key-project-${id}`)).toHaveLength(30);
    append.mockRestore();
  });

  it('keeps If-Match exact under the same load: one of 10 commands sent with the same version wins, the rest get 412', async () => {
    const { id } = await register('T-CC-412');
    const started = await post(`${BASE}/${id}/start`, tokens.lead, { startedOn: '2024-01-02' }).expect(200);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post(`${BASE}/${id}/report-progress`, tokens.lead, { narrative: `同一版本第 ${i + 1} 份` }).set(
          'if-match',
          `"${started.body.version}"`,
        ),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, ...Array<number>(9).fill(412)]);
    for (const r of responses.filter((x) => x.status === 412)) {
      expectProblem(r, 412);
      expect(r.body.currentVersion).toBe(started.body.version + 1);
    }
  });
});

describe('list', () => {
  beforeAll(async () => {
    await register('T-L-1', {
      name: '宁安市镜泊湖自然保护区及国道两侧历史遗留矿山生态修复项目',
      planBox: 7,
      category: 'ecology',
      leadDepartment: OTHER,
      cooperatingDepartments: [],
    });
    const last = await register('T-L-2', {
      name: '编制并发布《宁安市创建国家生态文明建设示范市规划》',
      planBox: null,
      category: 'ecology',
      leadDepartment: null,
      cooperatingDepartments: [],
      code: 'DC-T2',
    });
    await get(BASE).set('x-min-position', last.position).expect(200);
  });

  it('filters by department, state, plan box, category and text', async () => {
    const byDept = await get(`${BASE}?department=${OTHER}`).expect(200);
    expect(byDept.body.items.map((p: { code: string }) => p.code)).toEqual(['T-L-1']);
    const cooperating = await get(`${BASE}?department=${COOPERATING}`).expect(200);
    expect(cooperating.body.items.every((p: { cooperatingDepartments: string[] }) => p.cooperatingDepartments.includes(COOPERATING))).toBe(
      true,
    );
    const unassigned = await get(`${BASE}?department=unassigned`).expect(200);
    expect(unassigned.body.items.map((p: { code: string }) => p.code)).toEqual(['DC-T2']);
    expect(unassigned.body.items[0]).toMatchObject({ kind: 'COMMITMENT', planBox: null, leadDepartment: null });
    const accepted = await get(`${BASE}?state=ACCEPTED`).expect(200);
    expect(accepted.body.items.map((p: { code: string }) => p.code)).toEqual(['ZL8-1']);
    const box7 = await get(`${BASE}?planBox=7&category=ecology`).expect(200);
    expect(box7.body.total).toBe(1);
    const text = await get(`${BASE}?text=${encodeURIComponent('镜泊湖')}`).expect(200);
    expect(text.body.items.map((p: { code: string }) => p.code)).toEqual(['T-L-1']);
  });

  it('pages and sorts', async () => {
    const all = await get(`${BASE}?pageSize=100`).expect(200);
    const page2 = await get(`${BASE}?page=2&pageSize=1&sort=-code`).expect(200);
    expect(page2.body).toMatchObject({ total: all.body.total, page: 2, pageSize: 1 });
    const codes = all.body.items
      .map((p: { code: string }) => p.code)
      .sort()
      .reverse();
    expect(page2.body.items[0].code).toBe(codes[1]);
    const byProgress = await get(`${BASE}?sort=-progress`).expect(200);
    expect(byProgress.body.items[0].code).toBe('ZL8-1');
  });

  it('refuses bad query parameters with 400', async () => {
    expectProblem(await get(`${BASE}?pageSize=101`), 400);
    expectProblem(await get(`${BASE}?sort=secret`), 400);
    expectProblem(await get(`${BASE}?state=DONE`), 400);
    expectProblem(await get(`${BASE}?bogus=1`), 400);
  });

  it('answers 404 for an unknown id and for a malformed one, as on every route', async () => {
    expectProblem(await get(`${BASE}/${randomUUID()}`), 404);
    expectProblem(await get(`${BASE}/not-a-uuid`), 404);
    expectProblem(await get(`${BASE}/${randomUUID()}/history`), 404);
  });

  it('serves the departments reference to every role', async () => {
    const res = await get('/api/v1/reference/departments').expect(200);
    expect(res.body.items).toContainEqual(
      expect.objectContaining({ id: LEAD, nameZh: '牡丹江市城市管理综合执法局', nameEn: expect.any(String) }),
    );
  });
});

const leader = { name: '王明', title: '副市长' };
const validBodies: Record<KeyProjectCommandType, object> = {
  RegisterKeyProject: {},
  AssignKeyProject: { leadDepartment: 'city-natural-resources-bureau', responsibleLeader: leader },
  ReassignKeyProject: { leadDepartment: 'city-natural-resources-bureau', responsibleLeader: leader, reason: '职能调整' },
  AmendKeyProjectRegistration: { planItemKind: 'TASK', reason: '按规划原文更正' },
  StartKeyProject: { startedOn: '2024-01-02' },
  PlanMilestone: { name: '节点', weight: 1, baselineDate: '2025-06-30' },
  ReportProjectProgress: { narrative: '按计划推进。' },
  RequestBaselineChange: { milestoneId: 'M1', proposedBaselineDate: '2025-12-31', reason: '设备延误' },
  ApproveBaselineChange: { requestId: 'BC-1' },
  RejectBaselineChange: { requestId: 'BC-1', reason: '理由不充分' },
  AchieveMilestone: { milestoneId: 'M1', achievedOn: '2024-06-01', evidence: [{ evidenceId: 'E1', title: '照片' }] },
  SuspendKeyProject: { reason: '冬季停工' },
  ResumeKeyProject: {},
  CompleteKeyProject: { completedOn: '2024-06-01' },
  AcceptKeyProject: { acceptanceRecord: { recordId: 'R1', acceptedOn: '2024-06-01', acceptingBody: '验收组', documentRef: '文号1' } },
  CancelKeyProject: { reason: '并入其他工程' },
};
const paths: Record<Exclude<KeyProjectCommandType, 'RegisterKeyProject'>, string> = {
  AssignKeyProject: 'assign',
  ReassignKeyProject: 'reassign',
  AmendKeyProjectRegistration: 'amend-registration',
  StartKeyProject: 'start',
  PlanMilestone: 'plan-milestone',
  ReportProjectProgress: 'report-progress',
  RequestBaselineChange: 'request-baseline-change',
  ApproveBaselineChange: 'approve-baseline-change',
  RejectBaselineChange: 'reject-baseline-change',
  AchieveMilestone: 'achieve-milestone',
  SuspendKeyProject: 'suspend',
  ResumeKeyProject: 'resume',
  CompleteKeyProject: 'complete',
  AcceptKeyProject: 'accept',
  CancelKeyProject: 'cancel',
};

describe('authorization matrix', () => {
  const cases = (Object.keys(paths) as Array<keyof typeof paths>).flatMap((type) => roles.map((role) => [type, role] as const));

  it.each(cases)('%s by %s: allowed roles reach the project (404 for an unknown one), others get 403', async (type, role) => {
    const before = await eventCount(t);
    const res = await post(`${BASE}/${randomUUID()}/${paths[type]}`, tokens[role], validBodies[type]);
    expectProblem(res, keyProjectCommandPolicies[type].roles.includes(role) ? 404 : 403);
    expect(await eventCount(t)).toBe(before);
  });

  it.each(roles)('RegisterKeyProject by %s', async (role) => {
    const res = await post(BASE, tokens[role], registration(`T-AUTH-${role}`));
    if (role === 'supervision-office') expect(res.status).toBe(201);
    else expectProblem(res, 403);
  });

  it('refuses a project-lead of another department (403) for every project-lead command', async () => {
    const { id } = await register('T-AUTH-DEPT');
    const before = await eventCount(t);
    for (const [type, path] of Object.entries(paths)) {
      if (!keyProjectCommandPolicies[type as KeyProjectCommandType].roles.includes('project-lead')) continue;
      const res = await post(`${BASE}/${id}/${path}`, tokens.otherLead, validBodies[type as KeyProjectCommandType]);
      expectProblem(res, 403);
      expect(res.body.code).toBe('DEPARTMENT_NOT_RESPONSIBLE');
    }
    expect(await eventCount(t)).toBe(before);
  });

  it('lets a cooperating department report progress but not start the project', async () => {
    const { id } = await register('T-AUTH-COOP');
    await post(`${BASE}/${id}/start`, tokens.lead, { startedOn: '2024-01-02' }).expect(200);
    await post(`${BASE}/${id}/report-progress`, tokens.cooperating, { narrative: '配合单位报送。' }).expect(200);
    expectProblem(await post(`${BASE}/${id}/suspend`, tokens.cooperating, { reason: '配合单位无权暂停' }), 403);
  });

  it('answers 401 without a token or with a bad one', async () => {
    expectProblem(await t.http().get(BASE), 401);
    expectProblem(await t.http().get(BASE).set('authorization', 'Bearer not.a.token'), 401);
    expectProblem(await t.http().post(BASE).send(registration('T-401')), 401);
  });
});

describe('bad input', () => {
  let id: string;
  beforeAll(async () => {
    ({ id } = await register('T-BAD-1'));
    await post(`${BASE}/${id}/plan-milestone`, tokens.lead, {
      milestoneId: 'M1',
      name: '节点一',
      weight: 1,
      baselineDate: '2025-06-30',
    }).expect(200);
    await post(`${BASE}/${id}/start`, tokens.lead, { startedOn: '2024-01-02' }).expect(200);
  });

  async function expect400(path: string, body: object, fields: string[]) {
    const before = await eventCount(t);
    const res = await post(path, path === BASE ? tokens['supervision-office'] : tokens.lead, body);
    expectProblem(res, 400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(fields));
    expect(await eventCount(t)).toBe(before);
  }

  it('lists missing fields', () => expect400(BASE, { planBox: 8 }, ['code', 'name', 'category']));
  it('lists unknown fields', () => expect400(BASE, { ...registration('T-BAD-2'), budget: 1 }, ['budget']));
  it('lists wrong types', () =>
    expect400(BASE, { ...registration('T-BAD-3'), planBox: '8', cooperatingDepartments: 'x' }, ['planBox', 'cooperatingDepartments']));
  it('refuses an unknown department id', () =>
    expect400(BASE, registration('T-BAD-4', { leadDepartment: '市城管局' }), ['leadDepartment']));
  it('refuses impossible dates', () => expect400(`${BASE}/${id}/start`, { startedOn: '2025-02-30' }, ['startedOn']));
  it('refuses malformed dates', () =>
    expect400(`${BASE}/${id}/plan-milestone`, { name: 'x', weight: 1, baselineDate: '2025/06/30' }, ['baselineDate']));
  it('checks nested evidence', () =>
    expect400(`${BASE}/${id}/achieve-milestone`, { milestoneId: 'M1', achievedOn: '2024-06-01', evidence: [{ title: 1 }] }, [
      'evidence[0].evidenceId',
      'evidence[0].title',
    ]));

  it('answers 422 to a milestone achieved in the future', async () => {
    const before = await eventCount(t);
    const res = await post(`${BASE}/${id}/achieve-milestone`, tokens.lead, {
      milestoneId: 'M1',
      achievedOn: daysFromToday(2),
      evidence: [{ evidenceId: 'E1', title: '照片' }],
    });
    expectProblem(res, 422);
    expect(res.body.code).toBe('DATE_IN_FUTURE');
    expect(await eventCount(t)).toBe(before);
  });

  it('answers 422 to an achievement without evidence and 409 to a command not allowed in the status', async () => {
    const before = await eventCount(t);
    const noEvidence = await post(`${BASE}/${id}/achieve-milestone`, tokens.lead, {
      milestoneId: 'M1',
      achievedOn: '2024-06-01',
      evidence: [],
    });
    expectProblem(noEvidence, 422);
    expect(noEvidence.body.code).toBe('EVIDENCE_REQUIRED');
    const cancel = await post(`${BASE}/${id}/cancel`, tokens.leadership, { reason: '测试' });
    expectProblem(cancel, 409);
    expect(await eventCount(t)).toBe(before);
  });

  it('answers 404 to a malformed id, as on every route', async () => {
    expectProblem(await post(`${BASE}/123/start`, tokens.lead, { startedOn: '2024-01-02' }), 404);
  });
});

describe('allowed actions on the detail view', () => {
  const actionsOf = (body: { allowedActions: Array<{ command: string; allowed: boolean; reason?: string; rule?: string }> }) =>
    Object.fromEntries(body.allowedActions.map((a) => [a.command, a]));

  it('a planned project offers its lead department 开工, not 报送进展, which the API refuses with the same reason and rule', async () => {
    const { id, position } = await register(`ZL-AA-${randomUUID().slice(0, 8)}`);
    const detail = async (token: string) => actionsOf((await get(`${BASE}/${id}`, token).set('x-min-position', position).expect(200)).body);

    const lead = await detail(tokens.lead);
    expect(lead.StartKeyProject).toEqual({ command: 'StartKeyProject', allowed: true });
    expect(lead.ReportProjectProgress).toEqual({
      command: 'ReportProjectProgress',
      allowed: false,
      reason: expect.stringContaining('计划中'),
      rule: 'KP-STATE-1',
    });
    const refused = await post(`${BASE}/${id}/report-progress`, tokens.lead, { narrative: '已完成场地平整' });
    expectProblem(refused, 409);
    expect(refused.body).toMatchObject({ rule: 'KP-STATE-1', detail: lead.ReportProjectProgress.reason });

    // Another department's project lead: the same commands, withheld, naming the lead department by name.
    const other = await detail(tokens.otherLead);
    expect(other.StartKeyProject).toMatchObject({
      allowed: false,
      rule: 'AUTH-DEPT-1',
      reason: expect.stringContaining('牡丹江市城市管理综合执法局'),
    });
    // Roles that send nothing to a project see nothing.
    expect(await detail(tokens.integrator)).toEqual({});

    const started = await post(`${BASE}/${id}/start`, tokens.lead, { startedOn: daysFromToday(0) }).expect(200);
    const after = actionsOf((await get(`${BASE}/${id}`, tokens.cooperating).set('x-min-position', started.body.position).expect(200)).body);
    expect(after.ReportProjectProgress).toEqual({ command: 'ReportProjectProgress', allowed: true });
    expect(after.StartKeyProject).toMatchObject({ allowed: false, rule: 'AUTH-DEPT-1' });
  });

  it('a view as of a past day offers nothing', async () => {
    const { id } = await register(`ZL-AA-${randomUUID().slice(0, 8)}`);
    const res = await get(`${BASE}/${id}?asOf=${daysFromToday(0)}`, tokens.lead).expect(200);
    expect(res.body.allowedActions).toEqual([]);
  });
});

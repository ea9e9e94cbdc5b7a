import { addDays, shanghaiDate } from '@app/domain';
import { keyProjectIdForCode } from '../../apps/api/src/key-projects/key-project-id';
import { createTestApp, eventCount, type TestApp } from '../support/app';

// Seeding the plan register (about 70 commands) and the scheduler's ticks outlast Jest's 5 s default on a busy machine.
jest.setTimeout(60_000);

/**
 * The plan as a managed programme, over HTTP: the supervision office assigns Lagu (ZL7-1), that
 * department's project lead starts it and reports while another department's lead is refused,
 * leadership approves a baseline change, and `asOf` a moment before the approval shows the old
 * baseline.
 */

const BASE = '/api/v1/key-projects';
const LAGU = keyProjectIdForCode('ZL7-1');
const LEAD = 'city-natural-resources-bureau';
const OTHER = 'ning-an-city';
const MILESTONE = 'ZL7-1-M1';

let t: TestApp;
const tokens: Record<string, string> = {};
const today = () => shanghaiDate(new Date());

beforeAll(async () => {
  t = await createTestApp({ SEED_PLAN: 'true' });
  tokens.supervision = await t.token('supervision-office');
  tokens.leadership = await t.token('leadership', null, 'leader-li');
  tokens.lead = await t.token('project-lead', LEAD, 'lead-zhao');
  tokens.other = await t.token('project-lead', OTHER, 'lead-ning');
});
afterAll(() => t?.close());

async function post(path: string, token: string, body: object, expected = 200) {
  const res = await t.http().post(path).set('authorization', `Bearer ${token}`).send(body);
  if (res.status !== expected) throw new Error(`${path} → ${res.status} (expected ${expected}): ${JSON.stringify(res.body)}`);
  return res;
}

function get(path: string, token: string, position?: string) {
  const req = t.http().get(path).set('authorization', `Bearer ${token}`);
  if (position) req.set('x-min-position', position);
  return req;
}

const action = (body: { allowedActions: Array<{ command: string }> }, command: string) =>
  body.allowedActions.find((a) => a.command === command);

const assignment = () => ({
  leadDepartment: LEAD,
  cooperatingDepartments: ['city-eco-env-bureau'],
  responsibleLeader: { name: '王明', title: '副市长' },
  responsiblePerson: '赵敏',
  plannedStart: today(),
  plannedEnd: addDays(today(), 365),
  milestones: [{ milestoneId: MILESTONE, baselineDate: addDays(today(), 300) }],
});

describe('交办 of Lagu (ZL7-1) through to a baseline change', () => {
  let approvedAt: string;
  const originalDate = () => addDays(today(), 300);
  const newDate = () => addDays(today(), 400);

  it('shows Lagu as 待交办: 交办 offered to the supervision office, start withheld from project leads with 尚未交办', async () => {
    const asOffice = (await get(`${BASE}/${LAGU}`, tokens.supervision).expect(200)).body;
    expect(asOffice).toMatchObject({ code: 'ZL7-1', awaitingAssignment: true, statusLabel: '待交办', source: '专栏7；第一章 二（四）' });
    expect(action(asOffice, 'AssignKeyProject')).toEqual({ command: 'AssignKeyProject', allowed: true });

    const asLead = (await get(`${BASE}/${LAGU}`, tokens.lead).expect(200)).body;
    for (const command of ['StartKeyProject', 'ReportProjectProgress']) {
      expect(action(asLead, command)).toMatchObject({ allowed: false, rule: 'KP-ASSIGN-2', reason: expect.stringContaining('尚未交办') });
    }
    const refused = await t
      .http()
      .post(`${BASE}/${LAGU}/start`)
      .set('authorization', `Bearer ${tokens.lead}`)
      .send({ startedOn: today() })
      .expect(403);
    expect(refused.body).toMatchObject({ code: 'NOT_YET_ASSIGNED', rule: 'KP-ASSIGN-2' });
  });

  it('refuses a 交办 without a 责任领导, or with malformed milestones (400), changing nothing', async () => {
    const before = await eventCount(t);
    for (const responsibleLeader of [undefined, null, '王明', { name: '王明' }]) {
      const res = await t
        .http()
        .post(`${BASE}/${LAGU}/assign`)
        .set('authorization', `Bearer ${tokens.supervision}`)
        .send({ ...assignment(), responsibleLeader });
      expect(res.status).toBe(400);
      expect(res.body.detail).toContain('responsibleLeader');
    }
    for (const milestones of [
      ['ZL7-1-M1'],
      [{ milestoneId: 'ZL7-1-M1' }],
      [{ milestoneId: 'ZL7-1-M1', baselineDate: '2026-02-30' }],
      'M1',
    ]) {
      const res = await t
        .http()
        .post(`${BASE}/${LAGU}/assign`)
        .set('authorization', `Bearer ${tokens.supervision}`)
        .send({ ...assignment(), milestones });
      expect(res.status).toBe(400);
      expect(res.body.detail).toContain('milestones');
    }
    expect(await eventCount(t)).toBe(before);
  });

  it('refuses a 交办 to a department that is not on the reference list, changing nothing', async () => {
    const before = await eventCount(t);
    const res = await t
      .http()
      .post(`${BASE}/${LAGU}/assign`)
      .set('authorization', `Bearer ${tokens.supervision}`)
      .send({ ...assignment(), leadDepartment: '拉古街道' })
      .expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await eventCount(t)).toBe(before);
    await t.http().post(`${BASE}/${LAGU}/assign`).set('authorization', `Bearer ${tokens.leadership}`).send(assignment()).expect(403);
  });

  it('(1) the supervision office assigns Lagu to a department with a 责任领导', async () => {
    const res = await post(`${BASE}/${LAGU}/assign`, tokens.supervision, assignment());
    const detail = (await get(`${BASE}/${LAGU}`, tokens.supervision, res.body.position).expect(200)).body;
    expect(detail).toMatchObject({
      awaitingAssignment: false,
      leadDepartment: LEAD,
      cooperatingDepartments: ['city-eco-env-bureau'],
      responsibleLeader: { name: '王明', title: '副市长' },
      responsiblePerson: '赵敏',
      plannedEnd: addDays(today(), 365),
      labels: { status: '计划中', commands: { StartKeyProject: '开工', CompleteKeyProject: '确认完工' } },
    });
    expect(detail.milestones[0]).toMatchObject({
      milestoneId: MILESTONE,
      baselineDate: originalDate(),
      originalBaselineDate: originalDate(),
    });
    expect(action(detail, 'AssignKeyProject')).toMatchObject({ allowed: false, rule: 'KP-ASSIGN-1' });
    expect(action(detail, 'ReassignKeyProject')).toEqual({ command: 'ReassignKeyProject', allowed: true });

    const again = await t.http().post(`${BASE}/${LAGU}/assign`).set('authorization', `Bearer ${tokens.supervision}`).send(assignment());
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_ASSIGNED', rule: 'KP-ASSIGN-1' });

    const overview = (await get('/api/v1/ledger/overview', tokens.leadership).expect(200)).body;
    expect(overview.awaitingAssignment.count).toBe(30);
    expect(overview.awaitingAssignment.items.map((i: { code: string }) => i.code)).not.toContain('ZL7-1');
  });

  it('(2) that department’s project lead starts it and reports progress; another department’s lead gets 403', async () => {
    const asLead = (await get(`${BASE}/${LAGU}`, tokens.lead).expect(200)).body;
    expect(action(asLead, 'StartKeyProject')).toEqual({ command: 'StartKeyProject', allowed: true });
    const asOther = (await get(`${BASE}/${LAGU}`, tokens.other).expect(200)).body;
    expect(action(asOther, 'StartKeyProject')).toMatchObject({ allowed: false, rule: 'AUTH-DEPT-1' });

    const before = await eventCount(t);
    const otherStart = await t
      .http()
      .post(`${BASE}/${LAGU}/start`)
      .set('authorization', `Bearer ${tokens.other}`)
      .send({ startedOn: today() });
    expect(otherStart.status).toBe(403);
    expect(otherStart.body.detail).toContain('牡丹江市自然资源局');
    expect(await eventCount(t)).toBe(before);

    await post(`${BASE}/${LAGU}/start`, tokens.lead, { startedOn: today() });
    await post(`${BASE}/${LAGU}/report-progress`, tokens.lead, {
      milestoneId: MILESTONE,
      percentComplete: 20,
      narrative: '完成破损山体边坡清理和地形测绘。',
    });
    const otherReport = await t
      .http()
      .post(`${BASE}/${LAGU}/report-progress`)
      .set('authorization', `Bearer ${tokens.other}`)
      .send({ narrative: '越权报送。' });
    expect(otherReport.status).toBe(403);
    expect(otherReport.body.code).toBe('DEPARTMENT_NOT_RESPONSIBLE');
  });

  it('(3) leadership approves a baseline change the lead department requested', async () => {
    await post(`${BASE}/${LAGU}/request-baseline-change`, tokens.lead, {
      requestId: 'BC-LAGU-1',
      milestoneId: MILESTONE,
      proposedBaselineDate: newDate(),
      reason: '雨季边坡失稳，需延后覆绿。',
    });
    const approved = await post(`${BASE}/${LAGU}/approve-baseline-change`, tokens.leadership, { requestId: 'BC-LAGU-1', note: '同意' });
    const detail = (await get(`${BASE}/${LAGU}`, tokens.leadership, approved.body.position).expect(200)).body;
    expect(detail.milestones[0]).toMatchObject({ baselineDate: newDate(), originalBaselineDate: originalDate() });

    const history = (await get(`${BASE}/${LAGU}/history`, tokens.leadership).expect(200)).body;
    expect(history.items.map((e: { type: string }) => e.type)).toEqual([
      'KeyProjectRegistered',
      'MilestonePlanned',
      'KeyProjectAssigned',
      'KeyProjectStarted',
      'ProgressReported',
      'BaselineChangeRequested',
      'BaselineChangeApproved',
    ]);
    expect(history.items[2]).toMatchObject({
      actor: expect.objectContaining({ roles: ['supervision-office'] }),
      data: { leadDepartment: LEAD, responsibleLeader: { name: '王明', title: '副市长' } },
    });
    approvedAt = history.items[6].recordedAt;
  });

  it('(4) asOf a moment before the approval shows the old baseline; asOf the approval and the day show the new one', async () => {
    const justBefore = new Date(Date.parse(approvedAt) - 1).toISOString();
    const before = (await get(`${BASE}/${LAGU}?asOf=${encodeURIComponent(justBefore)}`, tokens.leadership).expect(200)).body;
    expect(before.asOf).toBe(justBefore);
    expect(before.milestones[0].baselineDate).toBe(originalDate());
    expect(before.baselineChanges[0].status).toBe('PENDING');
    expect(before.allowedActions).toEqual([]);

    const atApproval = (await get(`${BASE}/${LAGU}?asOf=${encodeURIComponent(approvedAt)}`, tokens.leadership).expect(200)).body;
    expect(atApproval.milestones[0].baselineDate).toBe(newDate());

    const shanghaiWallClock = new Date(Date.parse(approvedAt) + 8 * 3600 * 1000 - 1).toISOString().slice(0, 23);
    const withOffset = `${shanghaiWallClock}+08:00`;
    const unencoded = (await get(`${BASE}/${LAGU}?asOf=${withOffset}`, tokens.leadership).expect(200)).body;
    expect(unencoded.milestones[0].baselineDate).toBe(originalDate());
    const noOffset = (await get(`${BASE}/${LAGU}?asOf=${shanghaiWallClock}`, tokens.leadership).expect(200)).body;
    expect(noOffset.milestones[0].baselineDate).toBe(originalDate());

    const endOfDay = (await get(`${BASE}/${LAGU}?asOf=${today()}`, tokens.leadership).expect(200)).body;
    expect(endOfDay.milestones[0].baselineDate).toBe(newDate());
  });

  it('refuses an asOf that is neither a date nor a date-time (400)', async () => {
    for (const bad of ['2024-02-30', '2024-06-30T25:00', 'yesterday']) {
      const res = await get(`${BASE}/${LAGU}?asOf=${encodeURIComponent(bad)}`, tokens.leadership);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('reassigns with a reason; both 交办 and 重新交办 stay in the history', async () => {
    const missing = await t
      .http()
      .post(`${BASE}/${LAGU}/reassign`)
      .set('authorization', `Bearer ${tokens.supervision}`)
      .send({ leadDepartment: OTHER, responsibleLeader: { name: '李强', title: '副市长' } });
    expect(missing.status).toBe(400);
    const res = await post(`${BASE}/${LAGU}/reassign`, tokens.supervision, {
      leadDepartment: OTHER,
      responsibleLeader: { name: '李强', title: '副市长' },
      responsiblePerson: '宁安市自然资源局局长',
      reason: '拉古矿山修复移交属地实施。',
    });
    const detail = (await get(`${BASE}/${LAGU}`, tokens.supervision, res.body.position).expect(200)).body;
    expect(detail.assignments.map((a: { type: string; leadDepartment: string }) => [a.type, a.leadDepartment])).toEqual([
      ['ASSIGNED', LEAD],
      ['REASSIGNED', OTHER],
    ]);
    const history = (await get(`${BASE}/${LAGU}/history`, tokens.supervision).expect(200)).body;
    expect(history.items.at(-1)).toMatchObject({
      type: 'KeyProjectReassigned',
      data: { previousLeadDepartment: LEAD, reason: '拉古矿山修复移交属地实施。' },
    });
    await post(`${BASE}/${LAGU}/report-progress`, tokens.other, { narrative: '宁安市接手后继续推进覆绿。' });
    expect(
      (
        await t
          .http()
          .post(`${BASE}/${LAGU}/report-progress`)
          .set('authorization', `Bearer ${tokens.lead}`)
          .send({ narrative: '原牵头单位。' })
      ).status,
    ).toBe(403);
  });
});

describe('words and commands by kind', () => {
  it('a work task (ZL1-2) is 启动 and 完成 and has no 验收', async () => {
    const id = keyProjectIdForCode('ZL1-2');
    const detail = (await get(`${BASE}/${id}`, tokens.supervision).expect(200)).body;
    expect(detail).toMatchObject({
      planItemKind: 'TASK',
      planItemKindLabel: '工作任务',
      labels: {
        words: { start: '启动', complete: '完成', accept: null },
        commands: { StartKeyProject: '启动', CompleteKeyProject: '确认完成' },
      },
    });
    expect(action(detail, 'AcceptKeyProject')).toMatchObject({ allowed: false, rule: 'KP-KIND-1' });
  });

  it('a 争取类 item (DC-01) is shown with its kind', async () => {
    const detail = (await get(`${BASE}/${keyProjectIdForCode('DC-01')}`, tokens.leadership).expect(200)).body;
    expect(detail).toMatchObject({
      planItemKind: 'STRIVE',
      planItemKindLabel: '争取类',
      source: '第三章 一（三）2',
      awaitingAssignment: true,
    });
  });
});

describe('asOf with a time on rectification orders', () => {
  it('tells apart the issue and the assignment of the same day', async () => {
    const issued = await post(
      '/api/v1/rectification-orders',
      tokens.supervision,
      {
        code: '中央督察-ASOF',
        source: 'CENTRAL_INSPECTION',
        batch: '第二轮中央生态环境保护督察',
        finding: '镜泊湖流域部分村屯生活污水未经处理直排入湖河流。',
        target: '沿湖村屯生活污水全部收集处理、稳定达标。',
        deadlineKind: 'BY_DATE',
        deadline: addDays(today(), 30),
        measures: [],
      },
      201,
    );
    const id = issued.body.id as string;
    await post(`/api/v1/rectification-orders/${id}/assign`, tokens.supervision, {
      leadDepartment: OTHER,
      cooperatingDepartments: [],
      acceptanceDepartment: 'city-eco-env-bureau',
    });
    const history = (await get(`/api/v1/rectification-orders/${id}/history`, tokens.supervision).expect(200)).body;
    const assignedAt = history.items[1].recordedAt as string;
    const justBefore = new Date(Date.parse(assignedAt) - 1).toISOString();
    const before = (await get(`/api/v1/rectification-orders/${id}?asOf=${encodeURIComponent(justBefore)}`, tokens.supervision).expect(200))
      .body;
    expect(before.status).toBe('ISSUED');
    const after = (await get(`/api/v1/rectification-orders/${id}?asOf=${encodeURIComponent(assignedAt)}`, tokens.supervision).expect(200))
      .body;
    expect(after.status).toBe('ASSIGNED');
  });
});

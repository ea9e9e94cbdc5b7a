import { keyProjectStreamId } from '@app/domain';
import { PostgresEventStore } from '@app/event-store';
import { Clock } from '@app/platform';
import { SEED_KEY_PROJECTS } from '@app/seed';
import { keyProjectIdForCode } from '../../apps/api/src/key-projects/key-project-id';
import { KeyProjectSeeder } from '../../apps/api/src/key-projects/key-project.seeder';
import { MinPositionInterceptor } from '../../apps/api/src/shared/min-position.interceptor';
import { EscalationScheduler } from '../../apps/worker/src/scheduler/escalation.scheduler';
import { createTestApp, eventCount, type TestApp } from '../support/app';

// Seeding the plan register (about 70 commands) and the scheduler's ticks outlast Jest's 5 s default on a busy machine.
jest.setTimeout(60_000);

const unassignedInPlan = SEED_KEY_PROJECTS.filter((p) => p.leadDepartment === null);
const namedInPlan = SEED_KEY_PROJECTS.filter((p) => p.leadDepartment !== null);

async function settle(t: TestApp): Promise<string> {
  const { rows } = await t.db.pool.query<{ p: string | null }>('SELECT max(position)::text AS p FROM event_store.events');
  if (rows[0].p) await t.app.get(MinPositionInterceptor).waitFor(BigInt(rows[0].p));
  return rows[0].p ?? '0';
}

async function getJson(t: TestApp, path: string) {
  const token = await t.token('leadership');
  return (await t.http().get(path).set('authorization', `Bearer ${token}`).expect(200)).body;
}

describe('plan register seed, fresh start', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SEED_PLAN: 'true' });
  });
  afterAll(() => t?.close());

  it('registers all 23 key projects and 10 commitments with their kind, source and milestones', async () => {
    await settle(t);
    const body = await getJson(t, '/api/v1/key-projects?pageSize=100');
    expect(body.total).toBe(33);
    expect(body.items.filter((p: { kind: string }) => p.kind === 'COMMITMENT')).toHaveLength(10);
    const landfill = body.items.find((p: { code: string }) => p.code === 'ZL8-1');
    expect(landfill).toMatchObject({
      name: '郭家沟生活垃圾处理场二期填埋库区封场治理暨飞灰处置项目',
      planBox: 8,
      leadDepartment: null,
      status: 'PLANNED',
      statusLabel: '待交办',
      awaitingAssignment: true,
      planItemKind: 'PROJECT',
      planItemKindLabel: '工程项目',
      source: '专栏8',
      plannedInvestment: null,
    });
    const milestones = SEED_KEY_PROJECTS.reduce((n, p) => n + p.milestones.length, 0);
    // The plan seed also registers the indicators; this counts the key projects' own events.
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM event_store.events WHERE stream_id LIKE 'key-project-%'`);
    expect(rows[0].n).toBe(33 + milestones + namedInPlan.length);
    const zl11 = body.items.find((p: { code: string }) => p.code === 'ZL1-1');
    expect(zl11).toMatchObject({ planItemKind: 'TASK', source: '专栏1（一）；第三章 一（三）2' });
    expect(zl11.milestones).toHaveLength(4);
    expect(zl11.milestones[0]).toMatchObject({ baselineDate: null, varianceDays: null });
  });

  it('assigns the items whose department the plan names, and the 交办 shows in their history', async () => {
    expect(namedInPlan.map((p) => p.code)).toEqual(['DC-02', 'DC-03']);
    for (const item of namedInPlan) {
      const id = keyProjectIdForCode(item.code);
      const detail = await getJson(t, `/api/v1/key-projects/${id}`);
      expect(detail).toMatchObject({ leadDepartment: 'ning-an-city', awaitingAssignment: false, source: '第三章 七（三）5' });
      const history = await getJson(t, `/api/v1/key-projects/${id}/history`);
      expect(history.items.map((e: { type: string }) => e.type)).toEqual([
        'KeyProjectRegistered',
        'MilestonePlanned',
        'KeyProjectAssigned',
      ]);
      expect(history.items[0].data).toMatchObject({ leadDepartment: null, planItemKind: item.planItemKind });
    }
  });

  it('shows leadership a 待交办 count equal to the unassigned seeded items', async () => {
    const overview = await getJson(t, '/api/v1/ledger/overview');
    expect(overview.awaitingAssignment.count).toBe(unassignedInPlan.length);
    expect(unassignedInPlan.length).toBe(31);
    expect(overview.awaitingAssignment.items.map((i: { code: string }) => i.code).sort()).toEqual(
      unassignedInPlan.map((p) => p.code).sort(),
    );
    const awaiting = await getJson(t, '/api/v1/key-projects?awaitingAssignment=true&pageSize=100');
    expect(awaiting.total).toBe(31);
  });

  it('raises no 问责 and escalates no department for an unassigned item', async () => {
    await settle(t);
    await t.app.get(EscalationScheduler).tick();
    await settle(t);
    const { items } = await getJson(t, '/api/v1/escalations?status=OPEN&pageSize=100');
    const unassignedIds = new Set(unassignedInPlan.map((p) => keyProjectIdForCode(p.code)));
    expect(items.filter((e: { subjectId: string }) => unassignedIds.has(e.subjectId))).toEqual([]);
    expect(items.filter((e: { department: string | null }) => e.department === null)).toEqual([]);
    // DC-03 (争取类) is at most yellow however late; DC-02 is its department's, 宁安市.
    const dc03 = items.filter((e: { subjectCode: string }) => e.subjectCode === 'DC-03');
    expect(dc03.every((e: { level: number }) => e.level <= 1)).toBe(true);
  });

  it('appends nothing when run again', async () => {
    const before = await eventCount(t);
    expect(await t.app.get(KeyProjectSeeder).seed()).toEqual({ registered: 0, milestones: 0, assigned: 0, amended: 0 });
    expect(await eventCount(t)).toBe(before);
  });

  it('escalates the supervision office itself for items still unassigned 30 days on, never above red; the 交办 resolves it', async () => {
    const clock = jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + 31 * 24 * 3600 * 1000));
    try {
      await t.app.get(EscalationScheduler).tick();
      await settle(t);
      type Queue = { items: Array<{ id: string; subjectCode: string; itemKind: string; level: number; department: string | null }> };
      const { items } = (await getJson(t, '/api/v1/escalations?status=OPEN&pageSize=100')) as Queue;
      const awaiting = items.filter((e) => e.itemKind === 'ASSIGNMENT');
      expect(awaiting.map((e) => e.subjectCode).sort()).toEqual(unassignedInPlan.map((p) => p.code).sort());
      expect(awaiting.every((e) => e.level === 2 && e.department === 'city-inspection-rectification-office')).toBe(true);

      const office = await t.token('supervision-office');
      const zl81 = keyProjectIdForCode('ZL8-1');
      await t
        .http()
        .post(`/api/v1/key-projects/${zl81}/assign`)
        .set('authorization', `Bearer ${office}`)
        .send({ leadDepartment: 'city-urban-management-bureau', responsibleLeader: { name: '王明', title: '副市长' } })
        .expect(200);
      await settle(t);
      await t.app.get(EscalationScheduler).tick();
      await settle(t);
      const resolved = awaiting.find((e) => e.subjectCode === 'ZL8-1')!;
      expect(await getJson(t, `/api/v1/escalations/${resolved.id}`)).toMatchObject({ status: 'RESOLVED' });
    } finally {
      clock.mockRestore();
    }
  });
});

describe('plan register seed over a store seeded by an earlier version', () => {
  let t: TestApp;
  const zl33 = keyProjectIdForCode('ZL3-3');
  const dc02 = keyProjectIdForCode('DC-02');
  const older = (code: string, id: string, leadDepartment: string) => {
    const item = SEED_KEY_PROJECTS.find((p) => p.code === code)!;
    // The registration as that version wrote it: no kind, no source, a department inferred from the title.
    return {
      type: 'KeyProjectRegistered',
      data: {
        projectId: id,
        code,
        name: item.name,
        planBox: item.planBox,
        category: item.category,
        leadDepartment,
        cooperatingDepartments: [],
        implementingUnit: null,
        responsiblePerson: null,
        plannedStart: item.plannedStart,
        plannedEnd: item.plannedEnd,
        plannedInvestment: null,
        description: item.description,
        occurredAt: '2025-01-10T02:00:00.000Z',
      },
    };
  };

  beforeAll(async () => {
    t = await createTestApp({ SEED_PLAN: 'false' });
    const store = t.app.get(PostgresEventStore);
    const actor = { userId: 'system:seed', displayName: '系统初始化', roles: ['supervision-office'], department: null };
    await store.append(keyProjectStreamId(zl33), 'no-stream', [older('ZL3-3', zl33, 'linkou-county')], { actor });
    await store.append(keyProjectStreamId(dc02), 'no-stream', [older('DC-02', dc02, 'ning-an-city')], { actor });
    await settle(t);
  });
  afterAll(() => t?.close());

  it('withdraws the inferred department (待交办 again), records kind and source, and assigns what the plan names', async () => {
    const milestones = SEED_KEY_PROJECTS.reduce((n, p) => n + p.milestones.length, 0);
    expect(await t.app.get(KeyProjectSeeder).seed()).toEqual({ registered: 31, milestones, assigned: 2, amended: 2 });
    await settle(t);
    const zl = await getJson(t, `/api/v1/key-projects/${zl33}`);
    expect(zl).toMatchObject({
      leadDepartment: null,
      awaitingAssignment: true,
      planItemKind: 'PROJECT',
      source: '专栏3（三）；第三章 三（一）3',
    });
    const zlHistory = await getJson(t, `/api/v1/key-projects/${zl33}/history`);
    expect(zlHistory.items[1]).toMatchObject({
      type: 'KeyProjectRegistrationAmended',
      data: { withdrawnLeadDepartment: 'linkou-county', planItemKind: 'PROJECT' },
    });
    const dc = await getJson(t, `/api/v1/key-projects/${dc02}`);
    expect(dc).toMatchObject({ leadDepartment: 'ning-an-city', planItemKind: 'TASK', awaitingAssignment: false });
    expect(dc.assignments).toHaveLength(1);
    expect((await getJson(t, '/api/v1/ledger/overview')).awaitingAssignment.count).toBe(31);
  });

  it('leaves the upgraded store alone on the next start', async () => {
    const before = await eventCount(t);
    expect(await t.app.get(KeyProjectSeeder).seed()).toEqual({ registered: 0, milestones: 0, assigned: 0, amended: 0 });
    expect(await eventCount(t)).toBe(before);
  });
});

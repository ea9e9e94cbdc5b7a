import 'reflect-metadata';
import { addDays } from '@app/domain';
import { Clock } from '@app/platform';
import { MinPositionInterceptor } from '../../apps/api/src/shared/min-position.interceptor';
import { createTestApp, type TestApp } from '../support/app';
import { expectCountsToMatchRows } from '../support/read-model-counts';

const ORDERS = '/api/v1/rectification-orders';
const TODAY = '2024-06-30';

let t: TestApp;
let current = new Date();
const tokens: Record<string, string> = {};
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);

/**
 * The hand-computed fixture: [department, original deadline, extended to, closed on (销号)].
 * Expected figures as of 2024-06-30, worked out in the comments of each department's test, by the one
 * definition of the order figures (docs/figures.md).
 */
const FIXTURE: Array<[string, string, string | null, string | null]> = [
  ['ning-an-city', '2024-03-31', null, '2024-03-20'],
  ['ning-an-city', '2024-03-31', null, '2024-03-31'],
  ['ning-an-city', '2024-03-31', null, '2024-04-10'],
  ['ning-an-city', '2024-03-31', '2024-04-30', '2024-04-20'],
  ['ning-an-city', '2024-03-31', '2024-05-31', '2024-06-10'],
  ['ning-an-city', '2024-05-31', null, null],
  ['ning-an-city', '2024-06-29', null, null],
  ['ning-an-city', '2024-07-31', null, null],
  ['ning-an-city', '2024-04-30', '2024-07-31', null],
  ['ning-an-city', '2024-02-29', null, '2024-02-01'],
  ['ning-an-city', '2024-02-29', null, '2024-03-05'],
  ['ning-an-city', '2024-06-30', null, null],
  ['hailin-city', '2024-03-31', null, '2024-03-01'],
  ['hailin-city', '2024-03-31', null, '2024-03-29'],
  ['hailin-city', '2024-03-31', null, '2024-04-30'],
  ['hailin-city', '2024-01-31', null, null],
  ['hailin-city', '2024-05-15', '2024-06-15', '2024-06-15'],
  ['hailin-city', '2024-08-31', null, null],
  ['hailin-city', '2024-06-01', null, '2024-05-31'],
  ['hailin-city', '2024-04-15', '2024-06-30', null],
];

async function post(path: string, token: string, body: object = {}, expected = 200) {
  const res = await t.http().post(path).set('authorization', `Bearer ${token}`).send(body);
  if (res.status !== expected) throw new Error(`${path} → ${res.status} (expected ${expected}): ${JSON.stringify(res.body)}`);
  return res;
}

beforeAll(async () => {
  t = await createTestApp({ SCHEDULER_ENABLED: 'false', PUBLIC_NOTICE_WORKING_DAYS: '1' });
  jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(current.getTime()));
  tokens.supervision = await t.token('supervision-office');
  tokens.leadership = await t.token('leadership');
  tokens.integrator = await t.token('integrator');
  for (const [department, deadline, extendedTo, doneOn] of FIXTURE) {
    const lead = await t.token('project-lead', department);
    current = at('2024-01-01');
    const { body } = await post(
      ORDERS,
      tokens.supervision,
      {
        code: `统计-${Math.random().toString(36).slice(2, 8)}`,
        source: 'PROVINCIAL_INSPECTION',
        batch: '省级生态环境保护督察',
        finding: '城镇污水处理厂出水不稳定达标。',
        target: '稳定达到一级 A 标准。',
        deadlineKind: 'BY_DATE',
        deadline,
        measures: [],
      },
      201,
    );
    await post(`${ORDERS}/${body.id}/assign`, tokens.supervision, {
      leadDepartment: department,
      responsiblePerson: '分管副市长',
      cooperatingDepartments: [],
      acceptanceDepartment: 'city-eco-env-bureau',
    });
    await post(`${ORDERS}/${body.id}/start`, lead);
    if (extendedTo) {
      current = at('2024-01-20');
      await post(`${ORDERS}/${body.id}/request-extension`, lead, {
        requestId: 'X',
        requestedDeadline: extendedTo,
        reason: '工程量增加',
        progressSoFar: '已完成一半',
      });
      await post(`${ORDERS}/${body.id}/approve-extension`, tokens.leadership, {
        requestId: 'X',
        provincialSignOff: { kind: 'FILING', documentNumber: '黑整改办备〔2024〕2号', approvedOn: '2024-01-20', approverBody: '省整改办' },
      });
    }
    if (doneOn) {
      // Accepted and put on notice a week before, closed (销号) on the day of the fixture.
      const accepted = addDays(doneOn, -7);
      current = at(accepted);
      await post(`${ORDERS}/${body.id}/request-acceptance`, lead, { note: '整改完成' });
      await post(`${ORDERS}/${body.id}/record-acceptance-passed`, tokens.supervision, {
        checkedOn: accepted,
        summary: '通过',
        documentRef: '牡环验〔2024〕1号',
      });
      await post(`${ORDERS}/${body.id}/publish-closing-notice`, tokens.supervision);
      current = at(doneOn);
      await post(`${ORDERS}/${body.id}/close`, tokens.supervision);
    }
  }
  current = at(TODAY);
  const { rows } = await t.db.pool.query<{ max: string }>('SELECT max(position) FROM event_store.events');
  await t.app.get(MinPositionInterceptor).waitFor(BigInt(rows[0].max));
}, 60_000);
afterAll(() => t.close());

const department = async (id: string) =>
  (await t.http().get(`/api/v1/departments/${id}`).set('authorization', `Bearer ${tokens.integrator}`).expect(200)).body;

describe('department statistics against a hand-computed fixture of 20 orders', () => {
  it('ning-an-city: 12 orders', async () => {
    // open 6,7,8,9,12; overdue 6 (30 d), 7 (1 d); closed 1,2,3,4,5,10,11, all with a deadline.
    // original: on time 1, 2, 10 → 3 / 7 = 0.429.
    // current: on time 1, 2, 4, 10 → 4 / 7 = 0.571.
    // days overdue of the overdue orders: 6 (30), 7 (1) → 31 / 2 = 15.5.
    expect(await department('ning-an-city')).toMatchObject({
      id: 'ning-an-city',
      nameZh: '宁安市人民政府',
      open: 5,
      overdue: 2,
      closed: 7,
      onTimeRateOriginal: 0.429,
      onTimeRateCurrent: 0.571,
      avgDaysOverdue: 15.5,
    });
  });

  it('hailin-city: 8 orders, the original deadline still counts after an extension', async () => {
    // open 16, 18, 20; overdue 16 (151 d); closed 13, 14, 15, 17, 19.
    // original: on time 13, 14, 19 → 3 / 5 = 0.6.
    // current: on time 13, 14, 17, 19 → 4 / 5 = 0.8.
    // days overdue of the overdue orders: 16 (151) → 151.
    expect(await department('hailin-city')).toMatchObject({
      open: 3,
      overdue: 1,
      closed: 5,
      onTimeRateOriginal: 0.6,
      onTimeRateCurrent: 0.8,
      avgDaysOverdue: 151,
    });
  });

  it('lists every department, with empty figures where nothing is due', async () => {
    const { body } = await t.http().get('/api/v1/departments').set('authorization', `Bearer ${tokens.integrator}`).expect(200);
    expect(body.items.length).toBeGreaterThan(10);
    expect(body.items.find((d: { id: string }) => d.id === 'muling-city')).toMatchObject({
      open: 0,
      onTimeRateOriginal: null,
      avgDaysOverdue: null,
      openEscalationsByLevel: { '0': 0, '1': 0, '2': 0, '3': 0, '4': 0 },
    });
  });
});

describe('deadline calendar', () => {
  it('filters by window, department, kind and timeliness', async () => {
    const get = async (query: string) =>
      (await t.http().get(`/api/v1/deadlines?${query}`).set('authorization', `Bearer ${tokens.integrator}`).expect(200)).body;
    const overdue = await get('department=ning-an-city&kind=ORDER_DEADLINE&timeliness=OVERDUE');
    expect(overdue.items.map((d: { dueDate: string }) => d.dueDate)).toEqual(['2024-05-31', '2024-06-29']);
    expect(overdue.total).toBe(2);
    const extended = await get('department=ning-an-city&from=2024-07-01&to=2024-07-31');
    expect(extended.items).toHaveLength(2);
    expect(extended.total).toBe(2);
    expect(extended.items.map((d: { originalDueDate: string }) => d.originalDueDate).sort()).toEqual(['2024-04-30', '2024-07-31']);
    expect(extended.items.every((d: { timeliness: string }) => d.timeliness === 'ON_TRACK')).toBe(true);
    const dueToday = await get('department=hailin-city&timeliness=AT_RISK');
    expect(dueToday.items.map((d: { dueDate: string }) => d.dueDate)).toEqual(['2024-06-30']);
    expect(dueToday.total).toBe(1);
    const page = await get('pageSize=5&page=2&sort=-dueDate');
    expect(page).toMatchObject({ page: 2, pageSize: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.total).toBeGreaterThanOrEqual(20);
    await t.http().get('/api/v1/deadlines?timeliness=LATE').set('authorization', `Bearer ${tokens.integrator}`).expect(400);
    await expectCountsToMatchRows(t.db.pool);
  });
});

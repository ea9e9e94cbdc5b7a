import 'reflect-metadata';
import { Clock } from '@app/platform';
import { createTestApp, type TestApp } from '../support/app';
import { expectCountsToMatchRows } from '../support/read-model-counts';

/**
 * The deadline calendar's timeliness filter and totals: an order deadline far away is still at risk
 * while one of its measures is overdue (ESC-LEVEL-1 in docs/domain.md), and the totals come from deadline_counts,
 * which must equal the rows through issue, extension, completion and acceptance.
 */
const ORDERS = '/api/v1/rectification-orders';
const LEAD = 'muling-city';
let t: TestApp;
let current = new Date();
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ SCHEDULER_ENABLED: 'false' });
  jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(current.getTime()));
  tokens.supervision = await t.token('supervision-office');
  tokens.leadership = await t.token('leadership');
  tokens.lead = await t.token('project-lead', LEAD);
  tokens.integrator = await t.token('integrator');
});
afterAll(() => t.close());

async function post(path: string, token: string, body: object = {}, expected = 200) {
  const res = await t.http().post(path).set('authorization', `Bearer ${token}`).send(body);
  if (res.status !== expected) throw new Error(`${path} → ${res.status} (expected ${expected}): ${JSON.stringify(res.body)}`);
  return res.body as { id: string; position: string };
}

interface Page {
  total: number;
  items: Array<{ subjectId: string; kind: string; itemId: string; dueDate: string; timeliness: string }>;
}
async function calendar(query: string): Promise<Page> {
  const { rows } = await t.db.pool.query<{ max: string }>('SELECT max(position) FROM event_store.events');
  const res = await t
    .http()
    .get(`/api/v1/deadlines?${query}`)
    .set('authorization', `Bearer ${tokens.integrator}`)
    .set('x-min-position', rows[0].max)
    .expect(200);
  return res.body as Page;
}

async function order(deadline: string, measures: Array<[string, string]>): Promise<string> {
  current = at('2024-03-01');
  const { id } = await post(
    ORDERS,
    tokens.supervision,
    {
      code: `日历-${Math.random().toString(36).slice(2, 8)}`,
      source: 'CENTRAL_INSPECTION',
      batch: '第二轮中央生态环境保护督察',
      finding: '海浪河沿岸部分企业雨污混排。',
      target: '完成雨污分流改造。',
      deadlineKind: 'BY_DATE',
      deadline,
      measures: measures.map(([measureId, dueDate]) => ({ measureId, description: `措施 ${measureId}`, dueDate })),
    },
    201,
  );
  await post(`${ORDERS}/${id}/assign`, tokens.supervision, {
    leadDepartment: LEAD,
    cooperatingDepartments: [],
    acceptanceDepartment: 'city-eco-env-bureau',
  });
  await post(`${ORDERS}/${id}/start`, tokens.lead);
  return id;
}

describe('deadline calendar at 2024-06-30', () => {
  let late: string;
  let fine: string;

  beforeAll(async () => {
    late = await order('2024-12-31', [
      ['M1', '2024-06-01'],
      ['M2', '2024-09-30'],
    ]);
    fine = await order('2024-12-31', [['M1', '2024-08-01']]);
    current = at('2024-06-30');
  });

  it('marks an order deadline at risk while one of its measures is overdue, and filters on it', async () => {
    const lateItems = await calendar(`subjectId=${late}`);
    expect(lateItems.items.map((i) => [i.kind, i.itemId, i.timeliness])).toEqual([
      ['MEASURE', 'measure:M1', 'OVERDUE'],
      ['MEASURE', 'measure:M2', 'ON_TRACK'],
      ['ORDER_DEADLINE', 'deadline', 'AT_RISK'],
    ]);
    expect((await calendar(`subjectId=${fine}&kind=ORDER_DEADLINE`)).items[0].timeliness).toBe('ON_TRACK');

    const atRisk = await calendar(`department=${LEAD}&timeliness=AT_RISK`);
    expect(atRisk.items.map((i) => i.subjectId)).toEqual([late]);
    expect(atRisk.total).toBe(1);
    const onTrack = await calendar(`department=${LEAD}&timeliness=ON_TRACK`);
    expect(onTrack.items.map((i) => `${i.subjectId === late ? 'late' : 'fine'}:${i.itemId}`).sort()).toEqual([
      'fine:deadline',
      'fine:measure:M1',
      'late:measure:M2',
    ]);
    expect(onTrack.total).toBe(3);
    const overdue = await calendar(`department=${LEAD}&timeliness=OVERDUE`);
    expect(overdue).toMatchObject({ total: 1, items: [{ subjectId: late, itemId: 'measure:M1' }] });
    expect(await calendar(`department=${LEAD}&timeliness=DONE`)).toMatchObject({ total: 0, items: [] });
    const window = await calendar(`department=${LEAD}&from=2024-06-01&to=2024-08-31`);
    expect(window.total).toBe(2);
    expect(window.items.map((i) => i.dueDate)).toEqual(['2024-06-01', '2024-08-01']);
    await expectCountsToMatchRows(t.db.pool);
  });

  it('lifts the risk when the overdue measure is completed, and keeps the totals right', async () => {
    await post(`${ORDERS}/${late}/complete-measure`, tokens.lead, { measureId: 'M1', completedOn: '2024-06-30' });
    const lateItems = await calendar(`subjectId=${late}`);
    expect(lateItems.items.map((i) => [i.itemId, i.timeliness])).toEqual([
      ['measure:M1', 'DONE'],
      ['measure:M2', 'ON_TRACK'],
      ['deadline', 'ON_TRACK'],
    ]);
    expect(await calendar(`department=${LEAD}&timeliness=AT_RISK`)).toMatchObject({ total: 0, items: [] });
    expect((await calendar(`department=${LEAD}&timeliness=DONE`)).total).toBe(1);
    expect((await calendar(`department=${LEAD}&timeliness=OVERDUE`)).total).toBe(0);
    expect((await calendar(`department=${LEAD}`)).total).toBe(5);
    await expectCountsToMatchRows(t.db.pool);
  });

  it('answers a subject id that is not a UUID with an empty page, not an error', async () => {
    expect(await calendar('subjectId=not-a-uuid')).toMatchObject({ total: 0, items: [] });
  });
});

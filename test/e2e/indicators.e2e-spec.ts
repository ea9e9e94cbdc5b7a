import 'reflect-metadata';
import { shanghaiDate, addDays } from '@app/domain';
import { Clock } from '@app/platform';
import { SEED_INDICATORS } from '@app/seed';
import { indicatorIdForCode } from '../../apps/api/src/indicators/indicator-id';
import { IndicatorSeeder } from '../../apps/api/src/indicators/indicator.seeder';
import { keyProjectIdForCode } from '../../apps/api/src/key-projects/key-project-id';
import { MinPositionInterceptor } from '../../apps/api/src/shared/min-position.interceptor';
import { EscalationScheduler } from '../../apps/worker/src/scheduler/escalation.scheduler';
import { createTestApp, eventCount, type TestApp } from '../support/app';

/**
 * The plan's indicators over HTTP, on the seeded plan: 交办 and reports by the responsible
 * department, the must-show PM2.5 journey (a value above its trajectory raises one escalation, a later
 * on-track value resolves it, a correction keeps the original), the refusals, the list filters, asOf
 * by date and by instant, and the events feed.
 */

const BASE = '/api/v1/indicators';
const ECO = 'city-eco-env-bureau';
const PM25 = indicatorIdForCode('IND-06');
const RURAL_SEWAGE = indicatorIdForCode('IND-11');

let t: TestApp;
let current = new Date('2026-01-20T10:00:00+08:00');
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ SEED_PLAN: 'true' });
  jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(current.getTime()));
  tokens.supervision = await t.token('supervision-office');
  tokens.leadership = await t.token('leadership');
  tokens.integrator = await t.token('integrator');
  tokens.eco = await t.token('project-lead', ECO, 'eco-reporter');
  tokens.transport = await t.token('project-lead', 'city-transport-bureau', 'transport-reporter');
  tokens.forestry = await t.token('project-lead', 'city-forestry-grassland-bureau', 'forestry-reporter');
  await settle();
}, 120_000);
afterAll(() => t.close());

async function settle(): Promise<void> {
  const { rows } = await t.db.pool.query<{ max: string | null }>('SELECT max(position) FROM event_store.events');
  if (rows[0].max) await t.app.get(MinPositionInterceptor).waitFor(BigInt(rows[0].max));
}

async function tick() {
  await settle();
  const result = await t.app.get(EscalationScheduler).tick();
  await settle();
  return result;
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function post(path: string, token: string, body: object, expected = 200, headers: Record<string, string> = {}) {
  const res = await t
    .http()
    .post(path)
    .set({ ...auth(token), ...headers })
    .send(body);
  if (res.status !== expected) throw new Error(`${path} → ${res.status} (expected ${expected}): ${JSON.stringify(res.body)}`);
  return res;
}

async function get(path: string, token = tokens.integrator, expected = 200) {
  await settle();
  const res = await t.http().get(path).set(auth(token));
  if (res.status !== expected) throw new Error(`${path} → ${res.status} (expected ${expected}): ${JSON.stringify(res.body)}`);
  return res;
}

const report = (period: string, value: unknown, extra: object = {}) => ({ period, value, source: '国控站点自动监测', ...extra });

interface EscalationRow {
  id: string;
  level: number;
  trigger: string;
  status: string;
  department: string | null;
  item_kind: string;
  resolution_reason: string | null;
}
async function escalationsOf(indicatorId: string): Promise<EscalationRow[]> {
  const { rows } = await t.db.pool.query<EscalationRow>(
    `SELECT id, level, trigger, status, department, item_kind, resolution_reason FROM read_models.escalations
     WHERE subject_type = 'INDICATOR' AND subject_id = $1 ORDER BY raised_at`,
    [indicatorId],
  );
  return rows;
}

async function raisedEventsOf(indicatorId: string): Promise<number> {
  const { rows } = await t.db.pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM event_store.events WHERE type = 'EscalationRaised' AND data->>'subjectId' = $1`,
    [indicatorId],
  );
  return Number(rows[0].n);
}

describe('the seeded indicators', () => {
  it('lists every indicator of 表2 and every chapter target once, waiting for 交办', async () => {
    const { body } = await get(`${BASE}?pageSize=100`);
    expect(body.total).toBe(SEED_INDICATORS.length);
    expect(body.items.map((i: { code: string }) => i.code)).toEqual(SEED_INDICATORS.map((i) => i.code).sort());
    const pm25 = body.items.find((i: { code: string }) => i.code === 'IND-06');
    expect(pm25).toMatchObject({
      name: '细颗粒物（PM2.5）浓度',
      unit: 'μg/m³',
      attribute: 'BINDING',
      attributeLabel: '约束性',
      baseline: { year: 2020, value: 31 },
      target: { year: 2025, value: 30, wording: '30' },
      status: 'NO_DATA',
      statusLabel: '无数据',
      assignmentStatus: 'UNASSIGNED',
      latest: null,
      sparkline: [],
    });
  });

  it('appends nothing when the seed runs again', async () => {
    const before = await eventCount(t);
    expect(await t.app.get(IndicatorSeeder).seed()).toEqual({ registered: 0, linked: 0 });
    expect(await eventCount(t)).toBe(before);
  });

  it('links the key projects the plan ties to an indicator', async () => {
    const { body } = await get(`${BASE}/${RURAL_SEWAGE}`);
    expect(body.contributingProjects).toEqual([
      expect.objectContaining({
        projectId: keyProjectIdForCode('ZL6-2'),
        projectCode: 'ZL6-2',
        projectName: expect.stringContaining('农村环境综合整治'),
      }),
    ]);
  });

  it('accepts no report from a project lead while the indicator waits for 交办', async () => {
    const before = await eventCount(t);
    const res = await t.http().post(`${BASE}/${PM25}/report-value`).set(auth(tokens.eco)).send(report('2025-11', 35));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'DEPARTMENT_NOT_RESPONSIBLE', rule: 'AUTH-DEPT-1' });
    expect(await eventCount(t)).toBe(before);
  });
});

describe('PM2.5 (IND-06): the must-show journey', () => {
  let reportedAt: string;

  it('the supervision office assigns it to the city eco-environment bureau with the transport bureau cooperating', async () => {
    await post(`${BASE}/${PM25}/assign`, tokens.eco, { leadDepartment: ECO }, 403);
    await post(`${BASE}/${PM25}/assign`, tokens.supervision, {
      leadDepartment: ECO,
      cooperatingDepartments: ['city-transport-bureau'],
      leaderInCharge: { name: '王某', title: '副市长' },
      responsiblePerson: '大气环境科科长',
    });
    const { body } = await get(`${BASE}/${PM25}`, tokens.eco);
    expect(body).toMatchObject({
      assignmentStatus: 'ASSIGNED',
      leadDepartmentName: '牡丹江市生态环境局',
      cooperatingDepartmentNames: ['牡丹江市交通运输局'],
      leaderInCharge: { name: '王某', title: '副市长' },
    });
    expect(body.allowedActions).toEqual([
      { command: 'ReportIndicatorValue', allowed: true },
      expect.objectContaining({ command: 'CorrectIndicatorValue', allowed: false, rule: 'IND-CORRECT-1' }),
    ]);
  });

  it('1. a value above its trajectory is 滞后 and raises one escalation to the lead department; a second tick raises no other', async () => {
    const res = await post(`${BASE}/${PM25}/report-value`, tokens.eco, report('2025-11', 35, { unit: 'ug/m3', note: '1—11月累计均值' }));
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    const { body } = await get(`${BASE}/${PM25}`);
    expect(body).toMatchObject({
      status: 'LAGGING',
      statusLabel: '滞后',
      latest: { period: '2025-11', value: 35, yardstick: { value: 30 } },
      targetMet: false,
    });
    expect(body.statusReason).toContain('落后于');
    reportedAt = (await get(`${BASE}/${PM25}/history`)).body.items.find(
      (e: { type: string }) => e.type === 'IndicatorValueReported',
    ).recordedAt;

    await tick();
    await tick();
    const escalations = await escalationsOf(PM25);
    expect(escalations).toEqual([
      expect.objectContaining({
        level: 2,
        trigger: 'indicator-lagging',
        status: 'OPEN',
        department: ECO,
        item_kind: 'INDICATOR_TRAJECTORY',
      }),
    ]);
    expect(await raisedEventsOf(PM25)).toBe(1);
    const queue = await get(`/api/v1/escalations?subjectType=INDICATOR&status=OPEN`, tokens.leadership);
    expect(queue.body.items).toEqual([expect.objectContaining({ subjectId: PM25, subjectCode: 'IND-06', department: ECO, level: 2 })]);
  });

  it('2. a later value on its trajectory resolves the escalation', async () => {
    await post(`${BASE}/${PM25}/report-value`, tokens.transport, report('2025-12', 29));
    expect((await get(`${BASE}/${PM25}`)).body).toMatchObject({ status: 'ON_TARGET', latest: { period: '2025-12', value: 29 } });
    await tick();
    expect(await escalationsOf(PM25)).toEqual([expect.objectContaining({ status: 'RESOLVED', resolution_reason: 'COMPLETED' })]);
    await tick();
    expect(await raisedEventsOf(PM25)).toBe(1);
  });

  it('3. a correction is a new event and keeps the value first reported in the history', async () => {
    await post(`${BASE}/${PM25}/correct-value`, tokens.eco, {
      period: '2025-11',
      value: 33.2,
      source: '省站审核数据',
      reason: '剔除沙尘天气影响',
    });
    const history = (await get(`${BASE}/${PM25}/history`)).body.items as Array<{ type: string; data: Record<string, unknown> }>;
    expect(history.map((e) => e.type)).toEqual([
      'IndicatorRegistered',
      'IndicatorAssigned',
      'IndicatorValueReported',
      'IndicatorValueReported',
      'IndicatorValueCorrected',
    ]);
    expect(history[2].data).toMatchObject({ period: '2025-11', value: 35, source: '国控站点自动监测', reportedBy: 'eco-reporter' });
    expect(history[4].data).toMatchObject({ period: '2025-11', previousValue: 35, value: 33.2, reason: '剔除沙尘天气影响' });
    const { body } = await get(`${BASE}/${PM25}`);
    expect(body.values[0]).toMatchObject({
      period: '2025-11',
      value: 33.2,
      source: '省站审核数据',
      reported: { value: 35, source: '国控站点自动监测' },
      corrections: [{ previousValue: 35, value: 33.2 }],
    });
    expect(body.series[0]).toMatchObject({ value: 33.2, reportedValue: 35, corrected: true, status: 'LAGGING' });
  });

  it('shows the indicator as of an instant between two changes of the same day, and as of a day before it existed', async () => {
    const justAfterReport = new Date(Math.ceil(Date.parse(reportedAt) + 1)).toISOString();
    const { body } = await get(`${BASE}/${PM25}?asOf=${encodeURIComponent(justAfterReport)}`);
    expect(body).toMatchObject({ asOf: justAfterReport, status: 'LAGGING', allowedActions: [] });
    expect(body.values).toEqual([expect.objectContaining({ period: '2025-11', value: 35, corrections: [] })]);
    const yesterday = addDays(shanghaiDate(new Date(reportedAt)), -1);
    const before = await get(`${BASE}/${PM25}?asOf=${yesterday}`, tokens.integrator, 404);
    expect(before.body.detail).toContain('尚未登记');
    const bad = await get(`${BASE}/${PM25}?asOf=2025-13-01`, tokens.integrator, 400);
    expect(bad.body.detail).toContain('asOf');
  });
});

describe('bad input is refused with a clear reason and changes nothing', () => {
  async function refused(path: string, token: string, body: object, status: number, headers: Record<string, string> = {}) {
    await settle();
    const before = await eventCount(t);
    const res = await t
      .http()
      .post(path)
      .set({ ...auth(token), ...headers })
      .send(body);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toMatch(/[\u4e00-\u9fff]/);
    expect(await eventCount(t)).toBe(before);
    return res.body;
  }

  it('a value in another unit', async () => {
    const problem = await refused(`${BASE}/${PM25}/report-value`, tokens.eco, report('2025-10', 31, { unit: 'mg/m³' }), 422);
    expect(problem).toMatchObject({ code: 'UNIT_MISMATCH', rule: 'IND-VALUE-1' });
    expect(problem.detail).toContain('“μg/m³”');
  });

  it('a value that is not a number for a numeric indicator', async () => {
    const problem = await refused(`${BASE}/${PM25}/report-value`, tokens.eco, report('2025-10', '三十一'), 422);
    expect(problem).toMatchObject({ code: 'VALUE_NOT_A_NUMBER', rule: 'IND-VALUE-1' });
    expect(problem.detail).toContain('细颗粒物（PM2.5）浓度');
  });

  it('a period in the future', async () => {
    const problem = await refused(`${BASE}/${PM25}/report-value`, tokens.eco, report('2026-03', 28), 422);
    expect(problem).toMatchObject({ code: 'PERIOD_NOT_ENDED', rule: 'IND-PERIOD-1' });
    expect(problem.detail).toContain('尚未开始');
  });

  it('a period already reported: that is a correction', async () => {
    const problem = await refused(`${BASE}/${PM25}/report-value`, tokens.eco, report('2025-11', 30), 409);
    expect(problem).toMatchObject({ code: 'PERIOD_ALREADY_REPORTED', rule: 'IND-REPORT-1' });
    expect(problem.detail).toContain('更正');
  });

  it('a department that does not answer for the indicator, named by its lead department', async () => {
    const problem = await refused(`${BASE}/${PM25}/report-value`, tokens.forestry, report('2025-10', 31), 403);
    expect(problem).toMatchObject({ code: 'DEPARTMENT_NOT_RESPONSIBLE', rule: 'AUTH-DEPT-1' });
    expect(problem.detail).toContain('牡丹江市生态环境局');
    await refused(
      `${BASE}/${PM25}/set-yearly-targets`,
      tokens.leadership,
      { targets: [{ year: 2024, value: 30.2 }], grounds: '省定' },
      403,
    );
  });

  it('a malformed body, an unknown indicator, a stale If-Match', async () => {
    const malformed = await refused(`${BASE}/${PM25}/report-value`, tokens.eco, { period: '2025-10', value: true }, 400);
    expect(malformed.errors.map((e: { field: string }) => e.field).sort()).toEqual(['source', 'value']);
    await refused(`${BASE}/${indicatorIdForCode('IND-99')}/report-value`, tokens.supervision, report('2025-10', 31), 404);
    await refused(`${BASE}/not-a-uuid/report-value`, tokens.supervision, report('2025-10', 31), 404);
    const stale = await refused(`${BASE}/${PM25}/report-value`, tokens.eco, report('2025-10', 31), 412, { 'if-match': '"1"' });
    expect(stale.code).toBeDefined();
  });

  it('a repeated request with the same Idempotency-Key is answered once', async () => {
    const headers = { 'idempotency-key': 'ind-report-2025-10-pm25' };
    const first = await post(`${BASE}/${PM25}/report-value`, tokens.eco, report('2025-10', 30.9), 200, headers);
    const before = await eventCount(t);
    const again = await post(`${BASE}/${PM25}/report-value`, tokens.eco, report('2025-10', 30.9), 200, headers);
    expect(again.body).toEqual(first.body);
    expect(await eventCount(t)).toBe(before);
  });
});

describe('yearly targets and qualitative indicators', () => {
  it('judges 完成省定目标任务值 only once the province’s figure is set', async () => {
    const heavyPollution = indicatorIdForCode('IND-07');
    await post(`${BASE}/${heavyPollution}/report-value`, tokens.supervision, report('2025-12', 0.8, { source: '省站数据' }));
    expect((await get(`${BASE}/${heavyPollution}`)).body).toMatchObject({ status: 'NOT_ASSESSABLE', statusLabel: '待定目标' });
    await post(`${BASE}/${heavyPollution}/set-yearly-targets`, tokens.supervision, {
      targets: [{ year: 2025, value: 1 }],
      grounds: '省下达2025年目标',
    });
    expect((await get(`${BASE}/${heavyPollution}`)).body).toMatchObject({ status: 'ON_TARGET', trajectory: [{ year: 2025, value: 1 }] });
  });

  it('takes 达到 / 未达到 for a qualitative indicator and withholds yearly targets from it', async () => {
    const land = indicatorIdForCode('IND-09');
    await post(`${BASE}/${land}/report-value`, tokens.supervision, report('2025', 'MET', { source: '自然资源部门核查' }));
    const { body } = await get(`${BASE}/${land}`, tokens.supervision);
    expect(body).toMatchObject({ status: 'ON_TARGET', latest: { value: 'MET' } });
    expect(body.allowedActions).toContainEqual(
      expect.objectContaining({ command: 'SetYearlyTargets', allowed: false, rule: 'IND-TARGET-1' }),
    );
  });
});

describe('list filters', () => {
  const codes = async (query: string) => {
    const { body } = await get(`${BASE}?pageSize=100&${query}`);
    expect(body.total).toBe(body.items.length);
    return (body.items as Array<{ code: string }>).map((i) => i.code);
  };
  const seeded = (pick: (i: (typeof SEED_INDICATORS)[number]) => boolean) =>
    SEED_INDICATORS.filter(pick)
      .map((i) => i.code)
      .sort();

  it('by attribute, category, status and department', async () => {
    expect(await codes('attribute=BINDING')).toEqual(seeded((i) => i.attribute === 'BINDING'));
    expect(await codes('attribute=NONE')).toEqual(seeded((i) => i.attribute === null));
    expect(await codes('category=AIR')).toEqual(seeded((i) => i.category === 'AIR'));
    expect(await codes('status=LAGGING')).toEqual([]);
    expect(await codes('status=ON_TARGET')).toEqual(['IND-06', 'IND-07', 'IND-09']);
    expect(await codes(`department=${ECO}`)).toEqual(['IND-06']);
    expect(await codes('department=city-transport-bureau')).toEqual(['IND-06']);
    expect(await codes('department=unassigned')).toHaveLength(SEED_INDICATORS.length - 1);
    expect(await codes('attribute=BINDING&category=AIR&status=NO_DATA')).toEqual(['IND-05']);
  });

  it('refuses an unknown filter value with 400', async () => {
    const res = await get(`${BASE}?status=RED`, tokens.integrator, 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);
  });
});

describe('the HTTP event feed', () => {
  it('serves the indicator events under category=indicator', async () => {
    const { body } = await get('/api/v1/events?after=0&limit=1000&category=indicator');
    const types = new Set((body.items as Array<{ type: string; subject: string }>).map((e) => e.type));
    expect([...types].sort()).toEqual(
      [
        'ContributingProjectLinked',
        'IndicatorAssigned',
        'IndicatorRegistered',
        'IndicatorValueCorrected',
        'IndicatorValueReported',
        'YearlyTargetsSet',
      ].sort(),
    );
    expect(body.items.every((e: { subject: string }) => e.subject.startsWith('indicator-'))).toBe(true);
  });
});

describe('an indicator waiting for 交办', () => {
  it('is escalated to no department, however far it lags', async () => {
    const goodDays = indicatorIdForCode('IND-05');
    await post(`${BASE}/${goodDays}/report-value`, tokens.supervision, report('2025-12', 80, { source: '省站数据' }));
    expect((await get(`${BASE}/${goodDays}`)).body).toMatchObject({ assignmentStatus: 'UNASSIGNED', status: 'LAGGING' });
    await tick();
    expect(await escalationsOf(goodDays)).toEqual([]);
    const { rows } = await t.db.pool.query(`SELECT DISTINCT subject_id FROM read_models.escalations WHERE subject_type = 'INDICATOR'`);
    expect(rows.map((r) => r.subject_id)).toEqual([PM25]);
  });
});

describe('a value owed for a period (IND-ESC-2)', () => {
  it('gives notice before it is due (level 0), warns once it is late (level 1), and is resolved by the report', async () => {
    const reportsOf = async () =>
      (await escalationsOf(PM25)).filter((e) => e.item_kind === 'INDICATOR_REPORT').map((e) => [e.level, e.trigger, e.status]);
    current = new Date('2026-02-05T10:00:00+08:00');
    await tick();
    expect(await reportsOf()).toEqual([[0, 'report-due', 'OPEN']]);
    current = new Date('2026-02-11T10:00:00+08:00');
    await tick();
    await tick();
    expect(await reportsOf()).toEqual([
      [0, 'report-due', 'RESOLVED'],
      [1, 'report-missing', 'OPEN'],
    ]);
    await post(`${BASE}/${PM25}/report-value`, tokens.eco, report('2026-01', 28.4));
    await tick();
    expect(await reportsOf()).toEqual([
      [0, 'report-due', 'RESOLVED'],
      [1, 'report-missing', 'RESOLVED'],
    ]);
    expect((await escalationsOf(PM25)).map((e) => e.resolution_reason)).toEqual(['COMPLETED', 'SUPERSEDED', 'COMPLETED']);
  });
});

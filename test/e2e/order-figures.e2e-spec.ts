import 'reflect-metadata';
import { addDays, shanghaiDate } from '@app/domain';
import { Clock } from '@app/platform';
import { createTestApp, type TestApp } from '../support/app';

/**
 * One definition of the figures (docs/figures.md): the department figures of the league table
 * (GET /ledger/overview) and of the department statistics (GET /departments) are what anyone gets by
 * counting the ledger's own rows.
 */
const BASE = '/api/v1/rectification-orders';
const NINGAN = 'ning-an-city';
const DONGAN = 'dongan-district';
const ECO = 'city-eco-env-bureau';
const today = () => shanghaiDate(new Date());

let t: TestApp;
const tokens: Record<string, string> = {};
/** The position of the last write: reads wait for the read models to pass it (X-Min-Position). */
let last = '0';

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_NOTICE_WORKING_DAYS: '1' });
  tokens.supervision = await t.token('supervision-office');
  tokens.ningan = await t.token('project-lead', NINGAN);
  tokens.dongan = await t.token('project-lead', DONGAN);
  tokens.reader = await t.token('leadership');
});
afterAll(() => t.close());

async function post(path: string, token: string, body: object = {}, expected = 200) {
  const res = await t.http().post(path).set('authorization', `Bearer ${token}`).send(body);
  if (res.status !== expected) throw new Error(`${path} → ${res.status} (expected ${expected}): ${JSON.stringify(res.body)}`);
  if (res.body?.position && BigInt(res.body.position) > BigInt(last)) last = res.body.position;
  return res.body as { id: string; position: string };
}

const order = (code: string, deadline: string) => ({
  code,
  source: 'CENTRAL_INSPECTION',
  batch: '口径测试批次',
  finding: '问题',
  target: '目标',
  deadlineKind: 'BY_DATE',
  deadline,
  measures: [],
});
const assignment = (lead: string) => ({ leadDepartment: lead, cooperatingDepartments: [], acceptanceDepartment: ECO });

/** A backfilled order, 整改中 since its issue, whose deadline lies in the past: overdue. */
async function overdue(code: string, lead: string): Promise<string> {
  const { id } = await post(
    `${BASE}/backfill`,
    tokens.supervision,
    { ...order(code, addDays(today(), -5)), issuedOn: addDays(today(), -60), status: 'IN_PROGRESS', assignment: assignment(lead) },
    201,
  );
  return id;
}

async function accept(id: string, leadToken: string) {
  await post(`${BASE}/${id}/request-acceptance`, leadToken);
  await post(`${BASE}/${id}/record-acceptance-passed`, tokens.supervision, {
    checkedOn: today(),
    summary: '通过',
    documentRef: '牡环验〔2025〕1号',
  });
}

async function close(id: string) {
  await post(`${BASE}/${id}/publish-closing-notice`, tokens.supervision);
  const spy = jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 10 * 24 * 3600 * 1000));
  try {
    await post(`${BASE}/${id}/close`, tokens.supervision);
  } finally {
    spy.mockRestore();
  }
}

interface Row {
  status: string;
  leadDepartment: string | null;
  originalDeadline: string | null;
  currentDeadline: string | null;
  closedOn: string | null;
  timeliness: string;
  daysOverdue: number | null;
}

beforeAll(async () => {
  // 宁安市: one overdue 整改中, one closed on time (deadline in 30 days; closed today + 10 under the clock).
  await overdue('口径-1', NINGAN);
  const { id: onTime } = await post(BASE, tokens.supervision, order('口径-2', addDays(today(), 30)), 201);
  await post(`${BASE}/${onTime}/assign`, tokens.supervision, assignment(NINGAN));
  await post(`${BASE}/${onTime}/start`, tokens.ningan);
  await accept(onTime, tokens.ningan);
  await close(onTime);
  // 东安区: 验收通过 five days past its deadline (open and overdue, not closed), and one closed late.
  await accept(await overdue('口径-3', DONGAN), tokens.dongan);
  const late = await overdue('口径-4', DONGAN);
  await accept(late, tokens.dongan);
  await close(late);
});

describe('department figures', () => {
  it('league table and department statistics = the figures counted from the ledger rows', async () => {
    const ledger = await t
      .http()
      .get('/api/v1/ledger/orders?pageSize=100')
      .set('authorization', `Bearer ${tokens.reader}`)
      .set('x-min-position', last)
      .expect(200);
    const rows = ledger.body.items as Row[];
    expect(rows).toHaveLength(4);
    const counted = new Map<
      string,
      { open: number; overdue: number; closed: number; onTimeOriginal: number | null; onTimeCurrent: number | null }
    >();
    for (const dept of [NINGAN, DONGAN]) {
      const mine = rows.filter((r) => r.leadDepartment === dept);
      const closed = mine.filter((r) => r.status === 'CLOSED');
      const withDeadline = closed.filter((r) => r.originalDeadline && r.currentDeadline);
      const share = (n: number) => (withDeadline.length ? Math.round((n / withDeadline.length) * 1000) / 1000 : null);
      counted.set(dept, {
        open: mine.length - closed.length,
        overdue: mine.filter((r) => r.timeliness === 'OVERDUE').length,
        closed: closed.length,
        onTimeOriginal: share(withDeadline.filter((r) => r.closedOn! <= r.originalDeadline!).length),
        onTimeCurrent: share(withDeadline.filter((r) => r.timeliness === 'DONE_ON_TIME').length),
      });
    }
    const overview = await t
      .http()
      .get('/api/v1/ledger/overview')
      .set('authorization', `Bearer ${tokens.reader}`)
      .set('x-min-position', last)
      .expect(200);
    const league = overview.body.departments as Array<{
      id: string;
      open: number;
      overdue: number;
      closed: number;
      onTimeRateOriginal: number | null;
      onTimeRateCurrent: number | null;
    }>;
    for (const [dept, figures] of counted) {
      const entry = league.find((d) => d.id === dept)!;
      expect({
        open: entry.open,
        overdue: entry.overdue,
        closed: entry.closed,
        onTimeOriginal: entry.onTimeRateOriginal,
        onTimeCurrent: entry.onTimeRateCurrent,
      }).toEqual(figures);
    }
    const listed = await t
      .http()
      .get('/api/v1/departments')
      .set('authorization', `Bearer ${tokens.reader}`)
      .set('x-min-position', last)
      .expect(200);
    for (const [dept, figures] of counted) {
      const entry = (listed.body.items as typeof league).find((d) => d.id === dept)!;
      expect({
        open: entry.open,
        overdue: entry.overdue,
        closed: entry.closed,
        onTimeOriginal: entry.onTimeRateOriginal,
        onTimeCurrent: entry.onTimeRateCurrent,
      }).toEqual(figures);
      const one = await t.http().get(`/api/v1/departments/${dept}`).set('authorization', `Bearer ${tokens.reader}`).expect(200);
      expect(one.body).toMatchObject({ open: entry.open, overdue: entry.overdue, closed: entry.closed });
    }
    // The case of the issue: 东安区's order 验收通过 and overdue is open and overdue, and its one closed order was late.
    expect(counted.get(DONGAN)).toEqual({ open: 1, overdue: 1, closed: 1, onTimeOriginal: 0, onTimeCurrent: 0 });
    expect(counted.get(NINGAN)).toEqual({ open: 1, overdue: 1, closed: 1, onTimeOriginal: 1, onTimeCurrent: 1 });
  });

  it('the order page names the same timeliness as its ledger row', async () => {
    const ledger = await t
      .http()
      .get('/api/v1/ledger/orders?pageSize=100')
      .set('authorization', `Bearer ${tokens.reader}`)
      .set('x-min-position', last)
      .expect(200);
    for (const row of ledger.body.items as Array<Row & { id: string; timelinessLabel: string }>) {
      const detail = await t.http().get(`${BASE}/${row.id}`).set('authorization', `Bearer ${tokens.reader}`).expect(200);
      expect([detail.body.timeliness, detail.body.timelinessLabel]).toEqual([row.timeliness, row.timelinessLabel]);
    }
  });
});

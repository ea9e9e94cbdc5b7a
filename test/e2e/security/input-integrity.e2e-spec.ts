import { randomUUID } from 'node:crypto';
import { createTestApp, eventCount, type TestApp } from '../../support/app';

/**
 * Values that reach the log and the exports are checked where they enter: department ids against
 * the reference list, order codes unique per source and batch even under concurrent writes.
 */
const BASE = '/api/v1/rectification-orders';
let t: TestApp;
let office: string;

beforeAll(async () => {
  t = await createTestApp({ RUN_WORKER: 'false' });
  office = await t.token('supervision-office', 'supervision-office');
});
afterAll(() => t?.close());

function issueBody(code: string, batch = '安全测试批次') {
  return {
    code,
    source: 'CENTRAL_INSPECTION',
    batch,
    finding: '镜泊湖流域部分村屯生活污水直排。',
    target: '生活污水全部收集处理。',
    deadlineKind: 'BY_DATE',
    deadline: '2099-06-30',
    measures: [{ measureId: 'M1', description: '建设污水管网', dueDate: '2099-05-31' }],
  };
}

describe('department ids', () => {
  it('refuses assigning to departments that are not on the reference list, and stores nothing', async () => {
    const issued = await t
      .http()
      .post(BASE)
      .set('authorization', `Bearer ${office}`)
      .send(issueBody(`部门-${randomUUID().slice(0, 8)}`))
      .expect(201);
    const before = await eventCount(t);
    const bad: Array<[string, Record<string, unknown>]> = [
      ['leadDepartment', { leadDepartment: "x' OR 1=1--", cooperatingDepartments: [], acceptanceDepartment: 'city-eco-env-bureau' }],
      [
        'cooperatingDepartments',
        {
          leadDepartment: 'ning-an-city',
          cooperatingDepartments: ['=HYPERLINK("http://evil","点击")'],
          acceptanceDepartment: 'city-eco-env-bureau',
        },
      ],
      ['acceptanceDepartment', { leadDepartment: 'ning-an-city', cooperatingDepartments: [], acceptanceDepartment: '宁安市' }],
    ];
    for (const [field, body] of bad) {
      const res = await t.http().post(`${BASE}/${issued.body.id}/assign`).set('authorization', `Bearer ${office}`).send(body);
      expect({ field, status: res.status, code: res.body.code }).toEqual({ field, status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(res.body.detail).toMatch(/不是本市已登记的单位/);
      // The detail a person reads is Chinese only: no English constraint text, no list of department ids.
      expect(res.body.detail).not.toMatch(/must be|reference\/departments/);
    }
    expect(await eventCount(t)).toBe(before);
    await t
      .http()
      .post(`${BASE}/${issued.body.id}/assign`)
      .set('authorization', `Bearer ${office}`)
      .send({
        leadDepartment: 'ning-an-city',
        cooperatingDepartments: ['city-eco-env-bureau'],
        acceptanceDepartment: 'city-eco-env-bureau',
      })
      .expect(200);
  });
});

describe('order codes', () => {
  it('are unique per source and batch: a second order with the code is 409, another batch may reuse it', async () => {
    const code = `重复-${randomUUID().slice(0, 8)}`;
    await t.http().post(BASE).set('authorization', `Bearer ${office}`).send(issueBody(code)).expect(201);
    const again = await t.http().post(BASE).set('authorization', `Bearer ${office}`).send(issueBody(code));
    expect({ status: again.status, code: again.body.code, type: again.headers['content-type'] }).toEqual({
      status: 409,
      code: 'ORDER_CODE_TAKEN',
      type: expect.stringMatching(/^application\/problem\+json/),
    });
    expect(again.body.detail).toContain(`“${code}”`);
    await t.http().post(BASE).set('authorization', `Bearer ${office}`).send(issueBody(code, '另一批次')).expect(201);
  });

  it('hold under concurrency: of twelve simultaneous orders with one code, exactly one is issued', async () => {
    const code = `并发-${randomUUID().slice(0, 8)}`;
    const statuses = await Promise.all(
      Array.from({ length: 12 }, () =>
        t
          .http()
          .post(BASE)
          .set('authorization', `Bearer ${office}`)
          .send(issueBody(code))
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    const { rows } = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM event_store.events WHERE type = 'OrderIssued' AND data->>'code' = $1`,
      [code],
    );
    expect(rows[0].n).toBe(1);
  });
});

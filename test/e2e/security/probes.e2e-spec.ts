import { SignJWT } from 'jose';
import { createTestApp, eventCount, TEST_JWT_SECRET, type TestApp } from '../../support/app';

/**
 * The probes of the security review (issue "Security and personal data"), run again as a table: each
 * request an attacker or auditor sent, and the status the API must answer now. Every refusal is
 * problem+json and appends nothing. The deeper checks of each are in the other files of this folder
 * and in test/e2e/web/xss.e2e-spec.ts; this file is the list, printed for the record.
 */
const ORDERS = '/api/v1/rectification-orders';
let t: TestApp;
let office: string;
let orderId: string;
const rows: string[] = [];

function sign(claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT) {
  return build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('probe')).sign(
    new TextEncoder().encode(TEST_JWT_SECRET),
  );
}

function issueBody(code: string) {
  return {
    code,
    source: 'CENTRAL_INSPECTION',
    batch: '安全复测批次',
    finding: '镜泊湖流域部分村屯生活污水直排。',
    target: '生活污水全部收集处理。',
    deadlineKind: 'BY_DATE',
    deadline: '2099-06-30',
    measures: [{ measureId: 'M1', description: '建设污水管网', dueDate: '2099-05-31' }],
  };
}

beforeAll(async () => {
  t = await createTestApp({ RUN_WORKER: 'false' });
  office = await t.token('supervision-office', 'supervision-office');
  orderId = (await t.http().post(ORDERS).set('authorization', `Bearer ${office}`).send(issueBody('复测-1')).expect(201)).body.id;
});
afterAll(() => {
  console.log(`security probes, re-run:\n${rows.join('\n')}`);
  return t?.close();
});

async function probe(name: string, expected: number, send: () => Promise<{ status: number; headers: Record<string, string> }>) {
  const before = await eventCount(t);
  const res = await send();
  rows.push(`${String(res.status).padEnd(4)} ${name}`);
  expect({ name, status: res.status }).toEqual({ name, status: expected });
  if (expected >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(await eventCount(t)).toBe(before);
}

describe('security probes, re-run', () => {
  it('open demo tokens: none for a client that is not on this machine', async () => {
    await probe('GET /api/v1/auth/demo-users (not the embedded default)', 404, () => t.http().get('/api/v1/auth/demo-users'));
  });

  it('reads allowed by default: a token whose only role is unknown reads nothing', async () => {
    const unknown = await sign({ roles: ['auditor'] }, (jwt) => jwt.setIssuedAt().setExpirationTime('1h'));
    for (const path of [
      '/api/v1/ledger/orders',
      '/api/v1/ledger/overview',
      `${ORDERS}/export.xlsx`,
      `${ORDERS}/${orderId}/history`,
      '/api/v1/reference/departments',
    ]) {
      await probe(`GET ${path.replace(orderId, '{id}')} with an unknown role`, 403, () =>
        t.http().get(path).set('authorization', `Bearer ${unknown}`),
      );
    }
  });

  it('a signed token without exp never expired: now refused', async () => {
    const noExp = await sign({ roles: ['leadership'] }, (jwt) => jwt.setIssuedAt());
    await probe('GET /api/v1/ledger/orders with a token without exp', 401, () =>
      t.http().get('/api/v1/ledger/orders').set('authorization', `Bearer ${noExp}`),
    );
  });

  it('department ids were not checked on assign', async () => {
    for (const dept of ["x' OR 1=1--", '=HYPERLINK("http://example.invalid","点此")']) {
      await probe(`POST …/assign to department ${JSON.stringify(dept)}`, 400, () =>
        t
          .http()
          .post(`${ORDERS}/${orderId}/assign`)
          .set('authorization', `Bearer ${office}`)
          .send({ leadDepartment: dept, cooperatingDepartments: [] }),
      );
    }
  });

  it('duplicate order codes were accepted', async () => {
    await probe('POST /rectification-orders with a code already used in the batch', 409, () =>
      t.http().post(ORDERS).set('authorization', `Bearer ${office}`).send(issueBody('复测-1')),
    );
  });

  it('a lone surrogate, JSON nested 3,000 deep and a bad escape in the path gave 500 or a raw error', async () => {
    await probe('POST /rectification-orders with a lone surrogate (\\ud800)', 400, () =>
      t
        .http()
        .post(ORDERS)
        .set('authorization', `Bearer ${office}`)
        .set('content-type', 'application/json')
        .send(JSON.stringify(issueBody('复测-2')).replace('镜泊湖', '\\ud800')),
    );
    await probe('POST /rectification-orders with JSON nested 3,000 deep', 400, () =>
      t
        .http()
        .post(ORDERS)
        .set('authorization', `Bearer ${office}`)
        .set('content-type', 'application/json')
        .send(`{"code":"复测-3","x":${'['.repeat(3000)}${']'.repeat(3000)}}`),
    );
    await probe('GET /api/v1/rectification-orders/%zz', 400, () => t.http().get(`${ORDERS}/%zz`).set('authorization', `Bearer ${office}`));
  });

  it('the octet-stream parser ran before authentication on every route', async () => {
    await probe('POST /rectification-orders/import without a token, binary body', 401, () =>
      t.http().post(`${ORDERS}/import`).set('content-type', 'application/octet-stream').send(Buffer.alloc(1024)),
    );
    await probe('POST /rectification-orders (not the import) with a binary body', 415, () =>
      t
        .http()
        .post(ORDERS)
        .set('authorization', `Bearer ${office}`)
        .set('content-type', 'application/octet-stream')
        .send(Buffer.alloc(1024)),
    );
  });

  it('the public AsyncAPI document listed the internal brokers', async () => {
    const res = await t.http().get('/api/asyncapi.json').expect(200);
    rows.push(
      `200  GET /api/asyncapi.json: servers ${JSON.stringify(Object.values(res.body.servers ?? {}).map((s) => (s as { host: string }).host))}`,
    );
    expect(JSON.stringify(res.body.servers)).not.toContain(process.env.KAFKA_BROKERS ?? '127.0.0.1:19092');
  });
});

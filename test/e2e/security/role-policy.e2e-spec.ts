import { SignJWT } from 'jose';
import { ROLES } from '@app/auth';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../../support/app';

/**
 * Deny by default. The OpenAPI document is the list of what the API serves: every operation must
 * declare who may call it (`x-roles`, set by the same @Roles decorator the guard reads) or be on this
 * explicit public allow-list. The guard is then probed on every operation with a token whose only
 * role the API does not know.
 */
const PUBLIC_OPERATIONS = new Set([
  'GET /health',
  'GET /health/live',
  'GET /health/ready',
  'GET /api/asyncapi.json',
  'POST /api/v1/auth/session',
  'DELETE /api/v1/auth/session',
  'GET /api/v1/auth/demo-users',
  'POST /api/v1/auth/demo-session',
]);

interface Operation {
  'x-roles'?: string[];
  'x-public'?: boolean;
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

let t: TestApp;
let document: OpenApi;

beforeAll(async () => {
  t = await createTestApp();
  document = (await t.http().get('/api/docs-json').expect(200)).body as OpenApi;
});
afterAll(() => t.close());

function operations(): Array<{ key: string; method: string; path: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, method, path, operation })),
  );
}

function sign(claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT = (jwt) => jwt.setIssuedAt().setExpirationTime('1h')) {
  return build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('probe')).sign(
    new TextEncoder().encode(TEST_JWT_SECRET),
  );
}

describe('role policy (deny by default)', () => {
  it('every operation of the OpenAPI document declares its roles, or is on the public allow-list', () => {
    const all = operations();
    expect(all.length).toBeGreaterThan(40);
    const undeclared = all.filter((o) => !PUBLIC_OPERATIONS.has(o.key) && !(o.operation['x-roles'] ?? []).length).map((o) => o.key);
    expect(undeclared).toEqual([]);
    const unknownRoles = all.flatMap((o) =>
      (o.operation['x-roles'] ?? []).filter((r) => !ROLES.includes(r as never)).map((r) => `${o.key}: ${r}`),
    );
    expect(unknownRoles).toEqual([]);
    // The allow-list names only what is really public, and everything public is on it.
    const publicOps = all.filter((o) => o.operation['x-public']).map((o) => o.key);
    expect(publicOps.sort()).toEqual([...PUBLIC_OPERATIONS].sort());
  });

  it('the guard refuses a token without a recognised role on every declared operation', async () => {
    const token = await sign({ roles: ['auditor'], name: '外部系统用户' });
    const allowed: string[] = [];
    for (const o of operations().filter((op) => !PUBLIC_OPERATIONS.has(op.key))) {
      const url = o.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const call = t.http()[o.method as 'get' | 'post' | 'put' | 'patch' | 'delete'](url).set('authorization', `Bearer ${token}`);
      const res = o.method === 'get' || o.method === 'delete' ? await call : await call.send({});
      if (res.status !== 403 || res.body.code !== 'NO_RECOGNISED_ROLE') allowed.push(`${o.key} → ${res.status}`);
    }
    expect(allowed).toEqual([]);
  });

  it('reads that were open to any token now need a recognised role', async () => {
    const token = await sign({ roles: ['auditor'] });
    for (const path of [
      '/api/v1/ledger/orders',
      '/api/v1/ledger/overview',
      '/api/v1/rectification-orders/export.xlsx',
      '/api/v1/reference/departments',
    ]) {
      const res = await t.http().get(path).set('authorization', `Bearer ${token}`);
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({
        path,
        status: 403,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
    }
    const lead = await t.token('project-lead', 'ning-an-city');
    await t.http().get('/api/v1/ledger/orders').set('authorization', `Bearer ${lead}`).expect(200);
  });

  it('refuses tokens without exp, without iat, or older or longer-lived than the maximum age', async () => {
    const roles = { roles: ['leadership'] };
    const noExp = await sign(roles, (jwt) => jwt.setIssuedAt());
    const noIat = await sign(roles, (jwt) => jwt.setExpirationTime('1h'));
    const tooLong = await sign(roles, (jwt) => jwt.setIssuedAt().setExpirationTime('30d'));
    const tooOld = await sign(roles, (jwt) => jwt.setIssuedAt(Math.floor(Date.now() / 1000) - 13 * 3600).setExpirationTime('1h'));
    for (const [name, token] of Object.entries({ noExp, noIat, tooLong, tooOld })) {
      const res = await t.http().get('/api/v1/ledger/orders').set('authorization', `Bearer ${token}`);
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status: 401, code: 'UNAUTHORIZED' });
    }
    const fine = await sign(roles);
    await t.http().get('/api/v1/ledger/orders').set('authorization', `Bearer ${fine}`).expect(200);
  });
});

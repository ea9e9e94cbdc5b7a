import { Writable } from 'node:stream';
import { AppConfig } from '@app/platform';
import { createTestApp, type TestApp } from '../../support/app';

/**
 * The web app's session (httpOnly cookie + CSRF token), the demo users of the embedded default
 * (loopback only, switchable), and the request and audit logs (every request with its user, status
 * and duration; credentials never written; 401, 403 and exports audited).
 */
const lines: Array<Record<string, unknown>> = [];
const rawLog: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      rawLog.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RUN_WORKER: 'false', LOG_LEVEL: 'info' }, { logDestination: capture });
});
afterAll(() => t?.close());

function cookieOf(setCookie: string[] | string | undefined): string {
  const header = ([] as string[]).concat(setCookie ?? []).find((c) => c.startsWith('mdj_session='));
  if (!header) throw new Error('no session cookie set');
  return header.split(';')[0];
}

describe('the web session', () => {
  it('keeps the token in an httpOnly, SameSite=Strict cookie and asks for the CSRF token on writes', async () => {
    const token = await t.token('supervision-office', 'supervision-office', 'office-cookie');
    const signIn = await t.http().post('/api/v1/auth/session').send({ token }).expect(200);
    const setCookie = ([] as string[]).concat(signIn.headers['set-cookie']).join('\n');
    expect(setCookie).toMatch(/mdj_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\/api/);
    expect(signIn.body).toMatchObject({ user: { userId: 'office-cookie', roles: ['supervision-office'] }, csrfToken: expect.any(String) });
    expect(JSON.stringify(signIn.body)).not.toContain(token);
    const cookie = cookieOf(signIn.headers['set-cookie']);

    const session = await t.http().get('/api/v1/auth/session').set('cookie', cookie).expect(200);
    expect(session.body.csrfToken).toBe(signIn.body.csrfToken);
    await t.http().get('/api/v1/ledger/orders').set('cookie', cookie).expect(200);

    const body = {
      code: `会话-${Date.now()}`,
      source: 'SELF_FOUND',
      batch: '会话测试',
      finding: '河道垃圾',
      target: '清理到位',
      deadlineKind: 'BY_DATE',
      deadline: '2099-06-30',
      measures: [{ measureId: 'M1', description: '清理', dueDate: '2099-05-31' }],
    };
    const noCsrf = await t.http().post('/api/v1/rectification-orders').set('cookie', cookie).send(body);
    expect({ status: noCsrf.status, code: noCsrf.body.code }).toEqual({ status: 403, code: 'CSRF_TOKEN_INVALID' });
    const wrongCsrf = await t.http().post('/api/v1/rectification-orders').set('cookie', cookie).set('x-csrf-token', 'guess').send(body);
    expect(wrongCsrf.status).toBe(403);
    const crossSite = await t
      .http()
      .post('/api/v1/rectification-orders')
      .set('cookie', cookie)
      .set('x-csrf-token', signIn.body.csrfToken)
      .set('sec-fetch-site', 'cross-site')
      .send(body);
    expect(crossSite.status).toBe(403);
    await t
      .http()
      .post('/api/v1/rectification-orders')
      .set('cookie', cookie)
      .set('x-csrf-token', signIn.body.csrfToken)
      .send(body)
      .expect(201);

    const signOut = await t.http().delete('/api/v1/auth/session').set('cookie', cookie).expect(204);
    expect(([] as string[]).concat(signOut.headers['set-cookie']).join('\n')).toMatch(/mdj_session=;.*Max-Age=0/i);
  });

  it('refuses to open a session for an invalid token or one without a recognised role', async () => {
    await t.http().post('/api/v1/auth/session').send({ token: 'a.b.c' }).expect(401);
    const stranger = await t.token('auditor' as never);
    const res = await t.http().post('/api/v1/auth/session').send({ token: stranger });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'NO_RECOGNISED_ROLE' });
  });
});

describe('demo users', () => {
  it('exist only in the embedded default, for clients on this machine, without tokens, and can be turned off', async () => {
    await t.http().get('/api/v1/auth/demo-users').expect(404);
    const config = t.app.get(AppConfig);
    Object.defineProperty(config, 'embedded', { get: () => true, configurable: true });
    try {
      const list = await t.http().get('/api/v1/auth/demo-users').expect(200);
      expect(list.body.items.length).toBe(5);
      expect(JSON.stringify(list.body)).not.toMatch(/eyJ/);
      // A request that came through a proxy may come from anywhere.
      await t.http().get('/api/v1/auth/demo-users').set('x-forwarded-for', '127.0.0.1').expect(404);
      await t.http().post('/api/v1/auth/demo-session').set('x-forwarded-for', '10.1.2.3').send({ userId: 'demo-admin' }).expect(404);
      const signIn = await t.http().post('/api/v1/auth/demo-session').send({ userId: 'demo-leader' }).expect(200);
      expect(signIn.body.user).toMatchObject({ userId: 'demo-leader', roles: ['leadership'] });
      expect(cookieOf(signIn.headers['set-cookie'])).toMatch(/^mdj_session=/);
      config.DEMO_USERS = false;
      await t.http().get('/api/v1/auth/demo-users').expect(404);
    } finally {
      delete (config as unknown as Record<string, unknown>).embedded;
      config.DEMO_USERS = undefined;
    }
  });
});

describe('request and audit logs', () => {
  it('log every request with its id, user, status and duration, audit 401, 403 and exports, and never write a credential', async () => {
    lines.length = 0;
    rawLog.length = 0;
    const leader = await t.token('leadership', null, 'leader-log');
    const lead = await t.token('project-lead', 'ning-an-city', 'lead-log');
    await t
      .http()
      .get('/api/v1/ledger/orders?text=张三')
      .set('authorization', `Bearer ${leader}`)
      .set('x-request-id', 'req-ok-1')
      .expect(200);
    await t.http().get('/api/v1/ledger/orders').set('authorization', 'Bearer not-a-token').set('x-request-id', 'req-401').expect(401);
    await t
      .http()
      .post('/api/v1/rectification-orders/import')
      .set('authorization', `Bearer ${lead}`)
      .set('x-request-id', 'req-403')
      .send({})
      .expect(403);
    await t
      .http()
      .get('/api/v1/rectification-orders/export.xlsx?source=CENTRAL_INSPECTION&text=张三')
      .set('authorization', `Bearer ${leader}`)
      .set('x-request-id', 'req-export')
      .expect(200);
    const session = await t.http().post('/api/v1/auth/session').send({ token: leader }).set('x-request-id', 'req-session').expect(200);

    const http = lines.filter((l) => l.log === 'http' && !l.audit);
    const byId = (id: string) => http.find((l) => l.reqId === id);
    expect(byId('req-ok-1')).toMatchObject({
      method: 'GET',
      route: '/api/v1/ledger/orders',
      userId: 'leader-log',
      roles: ['leadership'],
      status: 200,
      durationMs: expect.any(Number),
      queryKeys: ['text'],
    });
    expect(byId('req-401')).toMatchObject({ status: 401, userId: null, problem: 'UNAUTHORIZED' });
    expect(byId('req-403')).toMatchObject({ status: 403, userId: 'lead-log', problem: 'ROLE_NOT_PERMITTED' });
    expect(byId('req-session')).toMatchObject({ status: 200 });

    const audit = lines.filter((l) => l.audit === true);
    expect(audit.find((l) => l.reqId === 'req-401')).toMatchObject({ event: 'authentication.refused', status: 401 });
    expect(audit.find((l) => l.reqId === 'req-403')).toMatchObject({ event: 'access.denied', status: 403, userId: 'lead-log' });
    expect(audit.find((l) => l.reqId === 'req-export')).toMatchObject({
      event: 'ledger.exported',
      userId: 'leader-log',
      rows: expect.any(Number),
      filter: { source: 'CENTRAL_INSPECTION', text: '[redacted]' },
    });

    const everything = rawLog.join('\n');
    for (const secret of [leader, lead, session.body.csrfToken as string, '张三']) expect(everything).not.toContain(secret);
  });
});

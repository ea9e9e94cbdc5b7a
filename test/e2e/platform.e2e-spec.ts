import { createTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('platform', () => {
  it('reports health with the database check', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.components.securitySchemes.bearer).toBeDefined();
  });

  it('documents allowedActions on every detail view', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    type Schema = { $ref?: string; allOf?: Schema[]; properties?: Record<string, Schema>; items?: Schema };
    const schemas = res.body.components.schemas as Record<string, Schema>;
    const resolve = (s: Schema): Schema => (s.$ref ? resolve(schemas[s.$ref.replace('#/components/schemas/', '')]) : s);
    /** A property of an object schema, through $refs and allOf (the generated views compose types so). */
    const property = (s: Schema, name: string): Schema | undefined => {
      const r = resolve(s);
      return r.properties?.[name] ?? r.allOf?.map((part) => property(part, name)).find(Boolean);
    };
    for (const path of ['/api/v1/key-projects/{id}', '/api/v1/rectification-orders/{id}', '/api/v1/escalations/{id}']) {
      const schema = res.body.paths[path].get.responses['200'].content['application/json'].schema as Schema;
      const allowedActions = property(schema, 'allowedActions');
      expect({ path, fields: Object.keys(resolve(allowedActions!.items!).properties ?? {}).sort() }).toEqual({
        path,
        fields: ['allowed', 'command', 'reason', 'rule'],
      });
    }
  });

  it('answers unknown routes with a Chinese problem+json 404', async () => {
    const res = await t.http().get('/api/v1/no-such-thing').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found', code: 'NOT_FOUND' });
    expect(res.body.detail).toMatch(/没有这个接口|未找到/);
  });

  it('echoes a request id', async () => {
    const res = await t.http().get('/health').set('x-request-id', 'req-12345').expect(200);
    expect(res.headers['x-request-id']).toBe('req-12345');
  });

  it('keeps one command route per command: the paths of every aggregate’s commands', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    const posts = Object.entries(res.body.paths as Record<string, Record<string, unknown>>)
      .filter(([path, methods]) => 'post' in methods && !path.startsWith('/api/v1/auth/'))
      .map(([path]) => path)
      .sort();
    const under = (base: string, actions: string[]) => actions.map((a) => `${base}/{id}/${a}`);
    expect(posts).toEqual(
      [
        '/api/v1/key-projects',
        ...under('/api/v1/key-projects', [
          'assign',
          'reassign',
          'amend-registration',
          'start',
          'plan-milestone',
          'report-progress',
          'request-baseline-change',
          'approve-baseline-change',
          'reject-baseline-change',
          'achieve-milestone',
          'suspend',
          'resume',
          'complete',
          'accept',
          'cancel',
        ]),
        '/api/v1/rectification-orders',
        '/api/v1/rectification-orders/backfill',
        '/api/v1/rectification-orders/import',
        '/api/v1/circulars',
        '/api/v1/documents/supervision-notices',
        '/api/v1/documents/overdue-circulars',
        '/api/v1/documents/closure-approvals',
        '/api/v1/documents/assessment-results',
        '/api/v1/target-responsibility/{year}/departments/{department}/sign',
        '/api/v1/bulletins',
        '/api/v1/evaluations/{year}/findings',
        '/api/v1/reminders',
        // Configuration of integrators, not commands of the domain (docs/architecture.md, Webhooks).
        '/api/v1/webhooks/subscriptions',
        '/api/v1/webhooks/subscriptions/{id}/replay',
        ...under('/api/v1/rectification-orders', [
          'revise-measures',
          'assign',
          'reassign',
          'submit-plan',
          'approve-plan',
          'return-plan',
          'start',
          'report-progress',
          'complete-measure',
          'attach-evidence',
          'request-extension',
          'approve-extension',
          'reject-extension',
          'request-acceptance',
          'record-acceptance-passed',
          'record-acceptance-failed',
          'publish-closing-notice',
          'record-objection',
          'settle-objection',
          'close',
          'reopen',
          'report-petition-finding',
          'record-second-check',
          'conclude-in-stages',
          'record-follow-up-visit',
          'conclude-petition-case',
          'submit-periodic-report',
          'evidence-files',
        ]),
        '/api/v1/personal-data/subjects/{id}/erasure',
        ...under('/api/v1/escalations', ['acknowledge', 'instruct', 'supervision-notice', 'summon', 'refer-accountability']),
        ...under('/api/v1/indicators', ['assign', 'reassign', 'set-yearly-targets', 'report-value', 'correct-value', 'link-project']),
      ].sort(),
    );
  });
});

describe('an id that is not a UUID', () => {
  const routes: Array<[string, string, Parameters<TestApp['token']>[0]]> = [
    ['GET', '/api/v1/key-projects/not-a-uuid', 'integrator'],
    ['GET', '/api/v1/key-projects/not-a-uuid/history', 'integrator'],
    ['POST', '/api/v1/key-projects/not-a-uuid/start', 'project-lead'],
    ['GET', '/api/v1/rectification-orders/123', 'integrator'],
    ['GET', '/api/v1/rectification-orders/123/history', 'integrator'],
    ['POST', '/api/v1/rectification-orders/123/close', 'supervision-office'],
    ['GET', '/api/v1/escalations/x-1', 'leadership'],
    ['POST', '/api/v1/escalations/x-1/acknowledge', 'leadership'],
    ['GET', '/api/v1/indicators/IND-06', 'integrator'],
    ['POST', '/api/v1/indicators/IND-06/report-value', 'supervision-office'],
  ];

  it.each(routes)('%s %s answers 404 problem+json, like every other route', async (method, path, role) => {
    const token = await t.token(role, role === 'project-lead' ? 'ning-an-city' : null);
    const body = path.endsWith('/start') ? { startedOn: '2024-01-02' } : {};
    const req = method === 'GET' ? t.http().get(path) : t.http().post(path).send(body);
    const res = await req.set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(res.body.detail).toMatch(/编号应为 UUID/);
  });
});

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
    expect(Object.keys(res.body.components.schemas.AllowedActionDto.properties).sort()).toEqual(['allowed', 'command', 'reason', 'rule']);
    for (const path of ['/api/v1/key-projects/{id}', '/api/v1/rectification-orders/{id}', '/api/v1/escalations/{id}']) {
      const schema = res.body.paths[path].get.responses['200'].content['application/json'].schema;
      expect({ path, items: schema.properties.allowedActions.items }).toEqual({
        path,
        items: { $ref: '#/components/schemas/AllowedActionDto' },
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
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactFiles, buildApiArtifacts, type ApiArtifacts } from './api-types';

const root = join(__dirname, '../../../..');

/**
 * The web app is typed against the API through three generated, committed files: the response schemas
 * (from the query handlers' TypeScript types), the OpenAPI document, and apps/web/src/api/schema.d.ts.
 * When a controller, DTO or view changes and `npm run api:types` was not run, this fails and says so.
 */
describe('generated API types', () => {
  let artifacts: ApiArtifacts;

  beforeAll(async () => {
    artifacts = await buildApiArtifacts(root);
  }, 240_000);

  it.each(['apps/api/openapi/views.schema.json', 'apps/api/openapi/openapi.json', 'apps/web/src/api/schema.d.ts'])(
    '%s is what the current code generates (else run `npm run api:types`)',
    (path) => {
      const expected = new Map(artifactFiles(artifacts)).get(path);
      const committed = readFileSync(join(root, path), 'utf8');
      if (committed !== expected) throw new Error(`${path} is stale: run \`npm run api:types\` and commit the result`);
    },
  );

  it('types the response of every JSON query the web app reads', () => {
    const paths = artifacts.document.paths;
    const okSchema = (path: string) => {
      const content = paths[path]?.get?.responses?.['200'] as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined;
      return content?.content?.['application/json']?.schema?.$ref;
    };
    expect(okSchema('/api/v1/rectification-orders/{id}')).toBe('#/components/schemas/OrderDetail');
    expect(okSchema('/api/v1/rectification-orders/{id}/history')).toBe('#/components/schemas/OrderHistory');
    expect(okSchema('/api/v1/ledger/orders')).toBe('#/components/schemas/LedgerPage');
    expect(okSchema('/api/v1/key-projects/{id}')).toBe('#/components/schemas/KeyProjectDetail');
    const history = artifacts.document.components?.schemas?.OrderHistory as { properties?: Record<string, unknown> };
    expect(Object.keys(history.properties ?? {})).toEqual(expect.arrayContaining(['id', 'events']));
  });
});

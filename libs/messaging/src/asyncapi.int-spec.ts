import { resolve } from 'node:path';
import { buildAsyncApiDocument, readAsyncApiDocument } from './asyncapi';
import { generateEventDataSchemas } from './asyncapi.generate';

// Compiles the domain's event types (several seconds), hence an integration-tier test.
it('the committed AsyncAPI document equals what npm run asyncapi:generate makes from the current event types', () => {
  const fresh = buildAsyncApiDocument(generateEventDataSchemas(resolve(__dirname, '../../..')));
  expect(readAsyncApiDocument()).toEqual(JSON.parse(JSON.stringify(fresh)));
}, 120_000);

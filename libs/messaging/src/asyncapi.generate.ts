import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { ASYNCAPI_CATEGORIES, ASYNCAPI_PATH, buildAsyncApiDocument, type EventDataSchemas, type JsonSchema } from './asyncapi';

/**
 * JSON Schemas of every event's `data`, generated from the domain's TypeScript event unions
 * (`DomainEvent<'Type', Data>` members) by ts-json-schema-generator. Used by `npm run asyncapi:generate`
 * and by the unit test that keeps the committed document in step with the code.
 */
export function generateEventDataSchemas(root: string): EventDataSchemas[] {
  return ASYNCAPI_CATEGORIES.map(({ category, union, file }) => {
    const generator = createGenerator({
      path: join(root, file),
      tsconfig: join(root, 'tsconfig.json'),
      type: union,
      expose: 'none',
      topRef: false,
      skipTypeCheck: true,
      // Consumers must tolerate new optional fields, so objects stay open.
      additionalProperties: true,
      jsDoc: 'extended',
      sortProps: true,
    });
    const schema = generator.createSchema(union) as { anyOf?: JsonSchema[] };
    const members = schema.anyOf ?? [schema as JsonSchema];
    const events = members.map((member) => {
      const props = member.properties as { type?: { const?: unknown }; data?: JsonSchema } | undefined;
      const type = props?.type?.const;
      if (typeof type !== 'string' || !props?.data) throw new Error(`${union}: a member is not DomainEvent<'Type', Data>`);
      return { type, data: props.data };
    });
    return { category, events };
  });
}

/** Writes the document; returns its path. */
export function writeAsyncApiDocument(root: string): string {
  const doc = buildAsyncApiDocument(generateEventDataSchemas(root));
  const out = join(root, ASYNCAPI_PATH);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
  return out;
}

if (require.main === module) {
  const out = writeAsyncApiDocument(process.cwd());
  console.log(`wrote ${out}`);
}

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the generated schemas of the query responses live (committed; `npm run api:types` writes it). */
export const VIEW_SCHEMAS_PATH = 'apps/api/openapi/views.schema.json';

export type JsonSchema = { [key: string]: unknown };

/** The checkout's root: the working directory when it holds the file, else found upwards from here. */
export function repoRoot(): string {
  if (existsSync(join(process.cwd(), VIEW_SCHEMAS_PATH))) return process.cwd();
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, VIEW_SCHEMAS_PATH))) return dir;
  }
  return process.cwd();
}

/** The committed schemas (components.schemas of the OpenAPI document); empty when the file is missing. */
export function loadViewSchemas(root = repoRoot()): Record<string, JsonSchema> {
  const file = join(root, VIEW_SCHEMAS_PATH);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, JsonSchema>) : {};
}

/** A component name OpenAPI accepts (^[A-Za-z0-9._-]+$), for generic names such as AllowedAction<"A"|"B">. */
function componentName(name: string): string {
  const plain = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/_+$/, '');
  if (plain === name) return name;
  const base = name.split('<')[0].replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${base}_${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

/**
 * JSON Schema (draft-07, as typescript-json-schema writes it) to the OpenAPI 3.0 schema dialect:
 * `type: [T, "null"]` and `anyOf [X, {type: null}]` become `nullable`, `const` becomes a one-value enum,
 * `#/definitions/` refs point into components.schemas.
 */
export function toOpenApi30(schema: unknown, rename: (name: string) => string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => toOpenApi30(s, rename));
  if (!schema || typeof schema !== 'object') return schema;
  const s = { ...(schema as JsonSchema) };
  delete s.$schema;
  if (typeof s.$ref === 'string') {
    const name = decodeURIComponent(s.$ref.replace('#/definitions/', ''));
    return { $ref: `#/components/schemas/${rename(name)}` };
  }
  if ('const' in s) {
    s.enum = [s.const];
    delete s.const;
  }
  if (Array.isArray(s.type)) {
    const types = (s.type as string[]).filter((t) => t !== 'null');
    const nullable = types.length < (s.type as string[]).length;
    if (types.length === 1) s.type = types[0];
    else {
      delete s.type;
      s.anyOf = types.map((type) => ({ type }));
    }
    if (nullable) s.nullable = true;
    if (nullable && Array.isArray(s.enum)) s.enum = [...(s.enum as unknown[]), null];
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const list = s[key];
    if (!Array.isArray(list)) continue;
    const rest = list.filter((x: JsonSchema) => !(x && x.type === 'null' && Object.keys(x).length === 1));
    if (rest.length < list.length) {
      s.nullable = true;
      if (rest.length === 1) {
        delete s[key];
        const only = toOpenApi30(rest[0], rename) as JsonSchema;
        // A $ref cannot carry nullable beside it in 3.0: wrap it in allOf.
        if (only.$ref) return { ...s, type: 'object', allOf: [only], nullable: true };
        const merged: JsonSchema = { ...s, ...only, nullable: true };
        if (!merged.type && Array.isArray(merged.enum)) merged.type = typeof merged.enum.find((v) => v !== null);
        if (!merged.type) merged.type = 'object';
        return merged;
      }
      s[key] = rest;
    }
  }
  // typescript-json-schema writes Record<string, T> as a bare object: say it is a map of anything.
  if (s.type === 'object' && !s.properties && !('additionalProperties' in s)) s.additionalProperties = {};
  for (const [key, value] of Object.entries(s)) {
    if (key === 'properties' && value && typeof value === 'object') {
      s.properties = Object.fromEntries(Object.entries(value).map(([p, v]) => [p, toOpenApi30(v, rename)]));
    } else if (['items', 'additionalProperties', 'anyOf', 'oneOf', 'allOf', 'not'].includes(key)) {
      s[key] = toOpenApi30(value, rename);
    }
  }
  return s;
}

/**
 * The schemas of the query responses, generated from the TypeScript types in api-views.ts by
 * typescript-json-schema (it reads the compiler's inferred types, so views built by functions such as
 * `orderDetail` are described exactly). Each ApiViews member becomes a component of its own name.
 */
export async function generateViewSchemas(root: string): Promise<Record<string, JsonSchema>> {
  const ts = await import('typescript');
  const TJS = await import('typescript-json-schema');
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, root);
  const program = TJS.getProgramFromFiles([join(root, 'apps/api/src/openapi/api-views.ts')], parsed.options, root);
  const log = console.log;
  const warn = console.warn;
  console.log = console.warn = () => undefined; // typescript-json-schema reports every computed initializer it skips
  let schema: JsonSchema | null;
  try {
    schema = TJS.generateSchema(program, 'ApiViews', { required: true, ignoreErrors: true, strictNullChecks: true }) as JsonSchema | null;
  } finally {
    console.log = log;
    console.warn = warn;
  }
  if (!schema) throw new Error('typescript-json-schema produced no schema for ApiViews');
  const definitions = (schema.definitions ?? {}) as Record<string, JsonSchema>;
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const out: Record<string, JsonSchema> = {};
  for (const [name, def] of Object.entries(definitions)) out[componentName(name)] = toOpenApi30(def, componentName) as JsonSchema;
  for (const [name, view] of Object.entries(properties)) {
    const converted = toOpenApi30(view, componentName) as JsonSchema;
    if (converted.$ref === `#/components/schemas/${name}`) continue; // the view is that named type itself
    if (out[name]) throw new Error(`ApiViews.${name} clashes with a type of the same name; rename the member`);
    out[name] = converted;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

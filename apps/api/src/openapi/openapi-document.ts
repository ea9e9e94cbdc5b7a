import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
type SchemaObject = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string];
import { loadViewSchemas, type JsonSchema } from './view-schemas';

/**
 * The OpenAPI document of the HTTP API, built from the controllers' decorators plus the response schemas
 * generated from the query handlers' TypeScript types (views.schema.json). The server serves it at
 * /api/docs-json; `npm run api:types` builds the same document without a database (the app in Nest's
 * preview mode), writes apps/api/openapi/openapi.json and generates apps/web/src/api/schema.d.ts from it,
 * so the web app's types cannot drift from the server.
 */
export function buildOpenApiDocument(app: INestApplication, viewSchemas: Record<string, JsonSchema> = loadViewSchemas()): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('牡丹江市“十四五”生态环境保护规划 重点工程与督察整改 API')
      .setDescription(
        'Key projects and inspection rectification orders of the Mudanjiang 14th FYP eco-environment plan. ' +
          'Errors are application/problem+json with a Chinese `detail`. Commands return { id, version, position }; ' +
          'send X-Min-Position on a query to read your own write.',
      )
      .setVersion('1')
      .addServer('/', '本服务')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  const schemas = (document.components ??= {}).schemas ?? {};
  for (const name of Object.keys(viewSchemas)) {
    if (schemas[name]) throw new Error(`OpenAPI: the generated view schema ${name} clashes with a DTO of the same name`);
  }
  document.components.schemas = {
    ...schemas,
    ...(viewSchemas as NonNullable<typeof document.components.schemas>),
    Problem: PROBLEM_SCHEMA,
  };
  document.info.license = { name: '内部使用，不对外授权（UNLICENSED）' };
  for (const schema of Object.values(document.components.schemas)) typeFromExamples(schema as JsonSchema);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation) declareProblems(path, method, operation as unknown as Operation);
    }
  }
  return document;
}

/** application/problem+json (RFC 9457), as ProblemFilter writes it. */
const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: '错误（application/problem+json）：detail 为可直接展示给用户的中文说明。',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', example: 'urn:mdj-eco:problem:not-found' },
    title: { type: 'string', example: 'Not Found' },
    status: { type: 'integer', example: 404 },
    detail: { type: 'string', example: '未找到该整改任务，请检查编号' },
    code: { type: 'string', example: 'NOT_FOUND' },
    instance: { type: 'string', example: '/api/v1/rectification-orders/0b6f…' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      description: '逐字段（导入时逐行）的校验错误',
      items: {
        type: 'object',
        required: ['field', 'messages'],
        properties: { row: { type: 'integer' }, field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
};

interface Operation {
  parameters?: Array<{ in?: string }>;
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, unknown>;
  'x-public'?: boolean;
  'x-roles'?: string[];
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/**
 * Every operation says how it is secured (public routes: `security: []`) and which problems it answers,
 * as the server does: 400 for a request it cannot read (every route: an undecodable path is one), 401/403
 * when it needs a session or a role, 404 for a record named in the path, 409/412 for commands on a record.
 * Responses a controller declares itself are kept.
 */
function declareProblems(path: string, method: string, operation: Operation): void {
  const isPublic = operation['x-public'] === true || !(operation['x-roles'] ?? []).length;
  if (!operation.security) operation.security = [];
  const add = (status: string, description: string) => {
    if (!operation.responses[status]) operation.responses[status] = problem(description);
  };
  add('400', '请求无法处理：参数或内容不符合要求（detail 说明原因）');
  if (!isPublic) {
    add('401', '未登录或登录已失效');
    add('403', '当前角色或单位无权进行此操作');
  }
  if (path.includes('{')) add('404', '未找到所指的记录');
  if (method !== 'get' && path.includes('{')) {
    add('409', '当前状态不允许此操作，或记录已被他人更新');
  }
  if (method !== 'get') add('429', '请求过于频繁，请稍后再试');
}

/**
 * Nest describes a `string | null` (or number/boolean) property as `type: object`; its example says
 * what it is. Corrects those so every example validates against its schema.
 */
function typeFromExamples(schema: JsonSchema): void {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (!properties) return;
  for (const property of Object.values(properties)) {
    if (property.type !== 'object' || property.properties || property.additionalProperties || !('example' in property)) continue;
    const example = property.example;
    if (typeof example === 'string') property.type = 'string';
    else if (typeof example === 'boolean') property.type = 'boolean';
    else if (typeof example === 'number') property.type = Number.isInteger(example) ? 'integer' : 'number';
  }
}

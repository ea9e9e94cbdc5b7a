import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
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
  document.components.schemas = { ...schemas, ...(viewSchemas as NonNullable<typeof document.components.schemas>) };
  return document;
}

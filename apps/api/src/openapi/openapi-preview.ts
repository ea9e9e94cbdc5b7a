import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { buildOpenApiDocument } from './openapi-document';
import type { JsonSchema } from './view-schemas';

/**
 * The OpenAPI document without a database or broker: Nest's preview mode scans modules and controllers
 * but creates no provider, which is all the document needs. Used by `npm run api:types` and by the test
 * that fails when the committed document or the web app's generated types are stale.
 */
export async function previewOpenApiDocument(viewSchemas?: Record<string, JsonSchema>): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register({ worker: false }), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return buildOpenApiDocument(app, viewSchemas);
  } finally {
    await app.close();
  }
}

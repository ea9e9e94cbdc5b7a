import { randomUUID } from 'node:crypto';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig, PROBLEM_CONTENT_TYPE, ProblemFilter, createValidationPipe, toProblem, validateConfig } from '@app/platform';
import { AppModule } from './app.module';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export interface CreateAppOptions {
  worker?: boolean;
  /** Keep Nest's own logger quiet (tests). */
  quiet?: boolean;
  /** Extra modules (benchmarks add a trivial endpoint to compare against). */
  imports?: Array<Type | DynamicModule>;
}

/** Builds the HTTP app exactly as production runs it; e2e tests use this too. */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const config = validateConfig(process.env);
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: true,
    requestIdHeader: 'x-request-id',
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  // One request id for Fastify, the pino logs and the client (echoed as X-Request-Id).
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    (request.raw as { id?: string }).id = request.id;
    void reply.header('x-request-id', request.id);
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ worker: options.worker, imports: options.imports }),
    adapter,
    {
      bufferLogs: true,
      abortOnError: false,
    },
  );
  app.useLogger(options.quiet ? false : app.get(Logger));
  app.enableShutdownHooks();
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());

  // Errors Fastify raises before a route runs (bad JSON, body over the limit, wrong media type).
  const fastify = app.getHttpAdapter().getInstance();
  fastify.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request.url, request.id);
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  });

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
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  app.get(AppConfig);
  return app;
}

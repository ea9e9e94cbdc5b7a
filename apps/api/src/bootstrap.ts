import { randomUUID } from 'node:crypto';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { FastifyError, FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import type { DestinationStream } from 'pino';
import {
  AppConfig,
  PROBLEM_CONTENT_TYPE,
  ProblemException,
  ProblemFilter,
  ROOT_LOGGER,
  createValidationPipe,
  registerRequestLog,
  storableJsonParser,
  toProblem,
  validateConfig,
  type RootLogger,
} from '@app/platform';
import { AppModule } from './app.module';
import { registerEdgeProtection } from './edge-protection';
import { LEDGER_EXPORT_ROUTE } from './ledger/ledger.routes';
import { buildOpenApiDocument } from './openapi/openapi-document';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export interface CreateAppOptions {
  worker?: boolean;
  /** Keep Nest's own logger quiet (tests). */
  quiet?: boolean;
  /** Extra modules (benchmarks add a trivial endpoint to compare against). */
  imports?: Array<Type | DynamicModule>;
  /** Where the JSON log lines go (tests read them); stdout when absent. */
  logDestination?: DestinationStream;
}

/** A path Fastify cannot decode (`%zz`, invalid UTF-8): 400 problem+json, like every other error. */
function badUrl(_error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const problem = toProblem(
    new ProblemException(400, 'BAD_URL', 'Bad Request', '请求地址含有无法解码的字符（如不完整的 % 转义），请检查地址'),
    request.url,
    request.id,
  );
  void reply.code(400).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}

/** Builds the HTTP app exactly as production runs it; e2e tests use this too. */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const config = validateConfig(process.env);
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy as boolean | string,
    frameworkErrors: badUrl,
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
    AppModule.register({ worker: options.worker, imports: options.imports, logDestination: options.logDestination }),
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

  // Errors Fastify raises before a route runs (bad JSON, body over the limit, wrong media type, rate
  // limit) reach ProblemFilter too: Nest installs its exception layer as Fastify's error handler.
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = storableJsonParser(fastify.getDefaultJsonParser('error', 'error'));
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit: config.BODY_LIMIT_BYTES }, (request, body, done) =>
    parseJson(request, body.toString('utf8'), done),
  );
  // Second line against cross-site requests, before any body is read: the browser's Sec-Fetch-Site
  // (or Origin) must name this origin for an unsafe method. The session's CSRF token is the first.
  app.enableCsrfProtection();
  registerRequestLog(fastify, app.get<RootLogger>(ROOT_LOGGER), [{ method: 'GET', route: LEDGER_EXPORT_ROUTE, event: 'ledger.exported' }]);
  await registerEdgeProtection(app);

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  app.get(AppConfig);
  return app;
}

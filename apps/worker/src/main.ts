import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, ConfigValidationError } from '@app/platform';
import { AppModule } from '../../api/src/app.module';
import { startTracing } from '../../api/src/observability/tracing';
import { serveWorkerEndpoints } from '../../api/src/observability/worker-endpoints';

/**
 * The worker as its own process (scaled out beside the API when DATABASE_URL and KAFKA_BROKERS are
 * set). It shares the API's module graph without serving HTTP.
 */
async function main(): Promise<void> {
  startTracing('mdj-eco-worker');
  const app = await NestFactory.createApplicationContext(AppModule.register({ worker: true }), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.get(Logger).log({ msg: `Node.js ${process.version}`, node: process.version }, 'Main');
  app.enableShutdownHooks();
  await app.init();
  const port = app.get(AppConfig).WORKER_HTTP_PORT;
  if (port) {
    const server = serveWorkerEndpoints(app, port);
    process.once('SIGTERM', () => server.close());
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigValidationError ? error.message : error);
  process.exit(1);
});

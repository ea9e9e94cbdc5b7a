import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AppConfig, ConfigValidationError } from '@app/platform';
import { createApp } from './bootstrap';
import { recordRunningApp } from './cli/running-app';
import { printDevTokens } from './dev-tokens';
import { startTracing } from './observability/tracing';

async function main(): Promise<void> {
  startTracing('mdj-eco-api');
  const app = await createApp();
  const logger = new Logger('Main');
  logger.log({ msg: `Node.js ${process.version}`, node: process.version });
  const config = app.get(AppConfig);
  await app.listen({ port: config.API_PORT, host: config.API_HOST });
  const url = `http://127.0.0.1:${config.API_PORT}`;
  logger.log(`API listening on ${config.API_HOST}:${config.API_PORT} — OpenAPI: ${url}/api/docs, health: ${url}/health`);
  recordRunningApp(config);
  if (config.demoUsersEnabled) await printDevTokens(app);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) {
    console.error(error.message);
  } else {
    console.error('start-up failed:', error);
  }
  process.exit(1);
});

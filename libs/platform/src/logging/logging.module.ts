import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream, type Logger as PinoRootLogger } from 'pino';
import { AppConfig } from '../config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The process's pino logger, for the request log and the audit log. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
export type RootLogger = PinoRootLogger;

/**
 * Credentials never reach a log line, whatever object is logged: the headers and cookies that carry
 * them, and any field named like one.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'token',
  '*.token',
  'password',
  '*.password',
  'csrfToken',
  '*.csrfToken',
];

export interface LoggingOptions {
  /** Where the JSON lines go (tests capture them); stdout when absent. */
  destination?: DestinationStream;
}

function rootLogger(config: AppConfig, destination?: DestinationStream): RootLogger {
  return pino({ level: config.LOG_LEVEL, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}

/**
 * Structured JSON logs (pino); every HTTP log line carries the request id, echoed as X-Request-Id.
 * The one line per request (method, route, user, status, duration) and the audit lines are written
 * by the request log (request-log.ts), not by pino-http's own request logging.
 */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions = {}): DynamicModule {
    let root: RootLogger | undefined;
    const loggerFor = (config: AppConfig) => (root ??= rootLogger(config, options.destination));
    return {
      module: LoggingModule,
      global: true,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            pinoHttp: {
              logger: loggerFor(config),
              // The HTTP adapter assigns the id (and echoes it); logs reuse it.
              genReqId: (req: IncomingMessage) => {
                const existing = (req as IncomingMessage & { id?: string }).id;
                if (existing) return existing;
                const given = req.headers['x-request-id'];
                return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
              },
              autoLogging: false,
              quietReqLogger: true,
            },
          }),
        }),
      ],
      providers: [{ provide: ROOT_LOGGER, inject: [AppConfig], useFactory: loggerFor }],
      exports: [ROOT_LOGGER],
    };
  }
}

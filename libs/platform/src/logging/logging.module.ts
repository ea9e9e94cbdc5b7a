import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Structured JSON logs (pino); every HTTP log line carries the request id, echoed as X-Request-Id. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          // The HTTP adapter assigns the id (and echoes it); logs reuse it.
          genReqId: (req: IncomingMessage) => {
            const existing = (req as IncomingMessage & { id?: string }).id;
            if (existing) return existing;
            const given = req.headers['x-request-id'];
            return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
          },
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
          redact: ['req.headers.authorization'],
          customSuccessMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method} ${req.url} ${res.statusCode}`,
          quietReqLogger: true,
        },
      }),
    }),
  ],
})
export class LoggingModule {}

import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { catchError, tap, throwError, type Observable } from 'rxjs';
import { toProblem } from '@app/platform';
import { Metrics } from './metrics';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every HTTP response's duration by method, route pattern and status (a Fastify hook, so 404s, 413s
 * and other answers given before a controller runs count too), and each command's by name and outcome.
 */
@Injectable()
export class RequestMetrics implements NestInterceptor, OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addHook) return; // the standalone worker serves no HTTP through Nest
    fastify.addHook('onResponse', async (request, reply) => {
      this.metrics.httpDuration.observe(
        { method: request.method, route: request.routeOptions?.url ?? 'unmatched', status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
  }

  /** Commands are the API's non-GET routes under /api/v1; the handler method names the command. */
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<{ method: string; url: string }>();
    if (!COMMAND_METHODS.has(request.method) || !request.url.startsWith('/api/v1/')) return next.handle();
    const command = context.getHandler().name;
    const started = performance.now();
    const observe = (outcome: string) => this.metrics.commandDuration.observe({ command, outcome }, (performance.now() - started) / 1000);
    return next.handle().pipe(
      tap(() => observe('ok')),
      catchError((error: unknown) => {
        observe(toProblem(error).code);
        return throwError(() => error);
      }),
    );
  }
}

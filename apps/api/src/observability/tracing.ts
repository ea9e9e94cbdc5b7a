import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { Observable } from 'rxjs';
import { toProblem } from '@app/platform';
import { tracer } from '@app/event-store';

/**
 * OpenTelemetry tracing, on when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
 * is set: spans go to that OTLP/HTTP collector, W3C trace context is read from and passed on in
 * `traceparent`. A command's trace: the HTTP request, the append (whose events keep the trace context
 * in their metadata), the relay's publication to Kafka (CloudEvents `traceparent` extension) and each
 * Kafka projector's application of the event. Call before the app is created.
 */
export function startTracing(serviceName: string): NodeTracerProvider | null {
  const env = process.env;
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return null;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register(); // W3C trace-context propagator and async-hooks context manager
  return provider;
}

/** A server span per HTTP request handled by a controller, continuing the caller's `traceparent`. */
@Injectable()
export class TracingInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const request = execution.switchToHttp().getRequest<{
      method: string;
      url: string;
      headers: Record<string, string | string[] | undefined>;
      routeOptions?: { url?: string };
    }>();
    const route = request.routeOptions?.url ?? request.url.split('?')[0];
    const parent = propagation.extract(context.active(), request.headers);
    const span = tracer.startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'http.route': route, 'mdj.handler': execution.getHandler().name },
      },
      parent,
    );
    const active = trace.setSpan(parent, span);
    return new Observable((subscriber) =>
      context.with(active, () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            const problem = toProblem(error);
            span.setAttribute('http.response.status_code', problem.status);
            if (problem.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: problem.code });
            span.end();
            subscriber.error(error);
          },
          complete: () => {
            span.end();
            subscriber.complete();
          },
        }),
      ),
    );
  }
}

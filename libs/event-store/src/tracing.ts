import { context, propagation, trace, type Context, type Span, type SpanOptions } from '@opentelemetry/api';

/**
 * W3C trace context (`traceparent`, `tracestate`) as stored in an event's metadata, so a trace goes on
 * from the command that appended the event to whoever reads it later: the relay, which puts it into
 * the CloudEvents distributed-tracing extension, and the Kafka projectors. Without a tracer provider
 * registered (the default) these are no-ops and nothing is stored.
 */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

export const tracer = trace.getTracer('mdj-eco-workflow');

/** The active context's trace headers; empty when nothing is being traced. */
export function currentTraceCarrier(active: Context = context.active()): TraceCarrier {
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  return carrier.traceparent ? { traceparent: carrier.traceparent, ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}) } : {};
}

/** The context a stored trace carrier describes (the active one when it holds none). */
export function contextFrom(carrier: TraceCarrier | undefined): Context {
  return carrier?.traceparent ? propagation.extract(context.active(), carrier) : context.active();
}

/** Runs `work` in a new active span, ended (with the error recorded) when it settles. */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>, parent?: Context): Promise<T> {
  return tracer.startActiveSpan(name, options, parent ?? context.active(), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: 2, message: String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

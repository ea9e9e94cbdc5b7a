import { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { contextFrom, tracer, type StoredEvent, type TraceCarrier } from '@app/event-store';

/**
 * One span per traced event (one whose metadata carries a traceparent), each a child of the command
 * that recorded it, open while `work` runs: how the relay's publication and a projector's application
 * of an event join the command's trace. Events recorded without a trace get no span.
 */
/** What a span of one event is made of: a StoredEvent, or the relay's StoredEventJson. */
export type TracedEvent = Pick<StoredEvent, 'eventId' | 'streamId' | 'type' | 'metadata'> & { position: bigint | string };

export function traceEach<E extends TracedEvent>(
  events: E[],
  component: string,
  spanOf: (event: E) => { name: string; kind: SpanKind },
): { around<T>(work: () => Promise<T>): Promise<T> } {
  const spans: Span[] = [];
  for (const event of events) {
    const carrier = event.metadata as TraceCarrier;
    if (typeof carrier.traceparent !== 'string') continue;
    const { name, kind } = spanOf(event);
    spans.push(
      tracer.startSpan(
        name,
        {
          kind,
          attributes: {
            'messaging.system': 'kafka',
            'messaging.message.id': event.eventId,
            'mdj.component': component,
            'mdj.stream_id': event.streamId,
            'mdj.event_type': event.type,
            'mdj.position': event.position.toString(),
          },
        },
        contextFrom(carrier),
      ),
    );
  }
  if (spans.length === 0) return { around: (work) => work() };
  return {
    async around<T>(work: () => Promise<T>): Promise<T> {
      try {
        return await work();
      } catch (error) {
        for (const span of spans) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
        }
        throw error;
      } finally {
        for (const span of spans) span.end();
      }
    },
  };
}

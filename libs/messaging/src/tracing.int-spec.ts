import { randomUUID } from 'node:crypto';
import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import type { Kafka } from 'kafkajs';
import { CheckpointStore, CreateEventStore1764300000000, tracer, type PostgresEventStore } from '@app/event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { testBroker } from '../../../test/kafka/broker';
import {
  CATEGORIES,
  checkDelivery,
  createReadModelTable,
  newStore,
  orderedReadModel,
  readTopics,
  waitUntil,
} from '../../../test/kafka/fixtures';
import { createKafka, KafkaProjector, MESSAGING_MIGRATIONS, OutboxRelay, topicForCategory } from './index';

jest.setTimeout(120_000);

let db: TestDatabase;
let store: PostgresEventStore;
let kafka: Kafka;
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

beforeAll(async () => {
  provider.register();
  const [database, broker] = await Promise.all([
    createTestDatabase([CreateEventStore1764300000000, ...MESSAGING_MIGRATIONS]),
    testBroker(),
  ]);
  db = database;
  store = newStore(db.pool);
  kafka = createKafka({ brokers: broker.brokers, clientId: 'tracing-test', topicPrefix: 'unused', categories: CATEGORIES, partitions: 3 });
});
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  await db.drop();
});

function tree(spans: ReadableSpan[], parentId: string | undefined, depth = 0): string[] {
  return spans
    .filter((s) => s.parentSpanContext?.spanId === parentId)
    .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1])
    .flatMap((s) => [
      `${'  '.repeat(depth)}${s.name} [${SpanKind[s.kind]}] ${s.spanContext().spanId}`,
      ...tree(spans, s.spanContext().spanId, depth + 1),
    ]);
}

it('one trace from the HTTP command through the append, the relay (CloudEvents traceparent) and the Kafka projector', async () => {
  const prefix = `tr${randomUUID().slice(0, 8)}`;
  const table = `rm_${prefix}`;
  const name = `relay-${prefix}`;
  const checkpoints = new CheckpointStore(db.pool);
  const start = await store.headPosition();
  await checkpoints.compareAndSet(name, 0n, start);
  await createReadModelTable(db.pool, table);
  const relay = new OutboxRelay(db.pool, store, checkpoints, kafka, { topicPrefix: prefix, source: '/test', name, idleDelayMs: 20 });
  const projector = new KafkaProjector(db.pool, kafka, orderedReadModel(table), { topicPrefix: prefix, categories: CATEGORIES, store });
  relay.start();
  await projector.start();
  try {
    // What the API's TracingInterceptor does around a command's handler.
    const streamId = `rectification-order-${randomUUID()}`;
    const { traceId, httpSpanId } = await tracer.startActiveSpan(
      'POST /api/v1/rectification-orders',
      { kind: SpanKind.SERVER },
      async (span) => {
        await store.append(streamId, 'no-stream', [{ type: 'Opened', data: { i: 0 } }], { correlationId: randomUUID() });
        span.end();
        return { traceId: span.spanContext().traceId, httpSpanId: span.spanContext().spanId };
      },
    );
    await waitUntil('the read model applied the traced event', async () => (await db.pool.query(`SELECT 1 FROM ${table}`)).rowCount === 1);

    const [event] = await store.readStream(streamId);
    const received = await readTopics(
      kafka,
      [topicForCategory('rectification-order', { prefix })],
      (all) => checkDelivery(all, [event]).missing === 0,
    );
    const message = received.find((r) => r.ce.id === event.eventId)!;
    await waitUntil(
      'every span ended',
      async () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId).length >= 4,
    );

    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    const append = spans.find((s) => s.name === 'event_store append')!;
    expect(append.parentSpanContext?.spanId).toBe(httpSpanId);
    expect(message.ce.traceparent).toBe(`00-${traceId}-${append.spanContext().spanId}-01`);
    const publish = spans.find((s) => s.kind === SpanKind.PRODUCER)!;
    const process = spans.find((s) => s.kind === SpanKind.CONSUMER)!;
    expect(publish).toMatchObject({ name: `${topicForCategory('rectification-order', { prefix })} publish` });
    expect(publish.parentSpanContext?.spanId).toBe(append.spanContext().spanId);
    expect(process.name).toBe(`${topicForCategory('rectification-order', { prefix })} process ${table}`);
    expect(process.parentSpanContext?.spanId).toBe(append.spanContext().spanId);
    expect(process.attributes).toMatchObject({ 'messaging.message.id': event.eventId, 'mdj.event_type': 'Opened' });
    console.log(`trace ${traceId}:\n${tree(spans, undefined).join('\n')}\nCloudEvent traceparent: ${message.ce.traceparent}`);
  } finally {
    await Promise.all([relay.stop(), projector.stop()]);
  }
});

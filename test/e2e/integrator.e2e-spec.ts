import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import Ajv from 'ajv';
import * as kafkajs from 'kafkajs';
import { addDays, shanghaiDate } from '@app/domain';
import { EventTypeRegistry, SubscriptionHost } from '@app/event-store';
import { createKafka, ensureTopics, KafkaSubscriptionHost, type AsyncApiDocument } from '@app/messaging';
import { testBroker } from '../kafka/broker';
import { createTestApp, type TestApp } from '../support/app';

/**
 * The integrator contract end to end, with the app in Kafka mode: the README's kafkajs consumer
 * (extracted from README.md, so the docs cannot rot), pointed at the topic the served AsyncAPI
 * document names, receives the event of a command sent over HTTP, and that event validates against
 * the document's schema for its type. Also the HTTP catch-up feed and a read model fed through Kafka.
 */

const README = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
const prefix = `it${randomBytes(4).toString('hex')}`;
let brokers: string;
let t: TestApp;
let doc: AsyncApiDocument;
let supervision: string;
let integrator: string;

beforeAll(async () => {
  brokers = (await testBroker()).brokers;
  t = await createTestApp({ KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: prefix, ASYNCAPI_BROKERS: brokers });
  supervision = await t.token('supervision-office');
  integrator = await t.token('integrator');
  doc = (await t.http().get('/api/asyncapi.json').expect(200)).body as AsyncApiDocument;
}, 240_000);
afterAll(() => t?.close());

function issueBody() {
  const today = shanghaiDate(new Date());
  return {
    code: `中央督察-${randomBytes(3).toString('hex')}`,
    source: 'CENTRAL_INSPECTION',
    batch: '第二轮中央生态环境保护督察',
    finding: '镜泊湖流域部分村屯生活污水未经处理直排入湖河流。',
    target: '沿湖村屯生活污水全部收集处理、稳定达标。',
    deadlineKind: 'BY_DATE',
    deadline: addDays(today, 30),
    measures: [{ measureId: 'M1', description: '建设污水收集管网和处理设施', dueDate: addDays(today, 10) }],
  };
}

async function issue(): Promise<{ id: string; position: string }> {
  const res = await t.http().post('/api/v1/rectification-orders').set('authorization', `Bearer ${supervision}`).send(issueBody());
  if (res.status !== 201) throw new Error(`issue → ${res.status}: ${JSON.stringify(res.body)}`);
  return { id: res.body.id, position: String(res.body.position) };
}

async function eventIdAt(position: string): Promise<string> {
  const { rows } = await t.db.pool.query<{ event_id: string }>(`SELECT event_id FROM event_store.events WHERE position = $1`, [position]);
  return rows[0].event_id;
}

/** A validator of one message's payload, resolving the document's own $refs. */
function payloadValidator(type: string) {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'asyncapi.json', components: doc.components }, 'asyncapi.json');
  return ajv.compile({ $ref: `asyncapi.json#/components/messages/${type}/payload` });
}

/** The fenced ```js block of the README's "For integrators" section. */
function readmeConsumerExample(): string {
  const section = README.split(/^## For integrators$/m)[1]?.split(/^## /m)[0] ?? '';
  const block = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md: no ```js block in "## For integrators"');
  return block;
}

describe('AsyncAPI document', () => {
  it('is served without a token, with this deployment’s brokers and topic prefix', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.servers.production.host).toBe(brokers.split(',')[0]);
    expect(Object.values(doc.channels).map((c) => c.address)).toEqual(
      expect.arrayContaining([
        `${prefix}.rectification-order.events.v1`,
        `${prefix}.key-project.events.v1`,
        `${prefix}.escalation.events.v1`,
      ]),
    );
  });

  it('runs the app in Kafka mode (read models fed by consumer groups)', () => {
    expect(t.app.get(SubscriptionHost)).toBeInstanceOf(KafkaSubscriptionHost);
  });

  it('has a message for every event type the running app registers', () => {
    const registered = t.app.get(EventTypeRegistry).list();
    expect(registered.length).toBeGreaterThan(0);
    expect(Object.keys(doc.components.messages).sort()).toEqual([...registered].sort());
  });
});

describe('README kafkajs consumer', () => {
  it('receives the event of a command sent over HTTP, as the AsyncAPI document describes it', async () => {
    const channel = Object.values(doc.channels).find((c) => c.address.endsWith('.rectification-order.events.v1'));
    const topic = channel?.address as string;
    const kafka = createKafka({ brokers, clientId: 'integrator-test', topicPrefix: prefix, categories: [], partitions: 3 });
    await ensureTopics(kafka, [topic], 3);

    // Run the README block as written, with only the broker, topic and group swapped in.
    const code = readmeConsumerExample()
      .replace(`'127.0.0.1:9092'`, JSON.stringify(brokers))
      .replace(`'mdj.rectification-order.events.v1'`, JSON.stringify(topic))
      .replace(`groupId: 'city-dashboard'`, `groupId: ${JSON.stringify(`${prefix}.readme`)}`);
    expect(code).toContain(JSON.stringify(topic));
    const consumers: kafkajs.Consumer[] = [];
    const raw: string[] = [];
    const printed: unknown[][] = [];
    class RecordingKafka extends kafkajs.Kafka {
      constructor(config: kafkajs.KafkaConfig) {
        super({ ...config, logLevel: kafkajs.logLevel.WARN });
      }

      override consumer(config: kafkajs.ConsumerConfig): kafkajs.Consumer {
        const consumer = super.consumer(config);
        consumers.push(consumer);
        const run = consumer.run.bind(consumer);
        consumer.run = (options) =>
          run({
            ...options,
            eachMessage: async (payload) => {
              raw.push(payload.message.value?.toString('utf8') ?? '');
              await options?.eachMessage?.(payload);
            },
          });
        return consumer;
      }
    }
    const sandboxRequire = (name: string) => {
      if (name !== 'kafkajs') throw new Error(`the README example should need only kafkajs, not ${name}`);
      return { ...kafkajs, Kafka: RecordingKafka };
    };
    const sandboxConsole = {
      log: (...args: unknown[]) => printed.push(args),
      error: (...args: unknown[]) => printed.push(['error', ...args]),
    };
    const sandboxProcess = {
      exit: (code: number) => {
        throw new Error(`README example called process.exit(${code}): ${JSON.stringify(printed)}`);
      },
    };
    new Function('require', 'console', 'process', code)(sandboxRequire, sandboxConsole, sandboxProcess);

    try {
      const { id, position } = await issue();
      const subject = `rectification-order-${id}`;
      const deadline = Date.now() + 60_000;
      let envelope: Record<string, unknown> | undefined;
      while (!envelope && Date.now() < deadline) {
        envelope = raw.map((v) => JSON.parse(v) as Record<string, unknown>).find((e) => e.subject === subject);
        if (!envelope) await new Promise((r) => setTimeout(r, 100));
      }
      if (!envelope) throw new Error(`no ${subject} on ${topic}; consumer printed ${JSON.stringify(printed)}, got ${raw.length} messages`);
      const ce = envelope as Record<string, unknown> & { data: { code: string; deadline: string } };
      expect(ce).toMatchObject({ specversion: '1.0', type: 'OrderIssued', subject, position, streamversion: 1 });
      expect(ce.id).toBe(await eventIdAt(position));
      const validate = payloadValidator('OrderIssued');
      expect(validate.errors ?? validate(ce)).toBe(true);
      // The example's own handling ran for it.
      expect(printed).toContainEqual(['issued', subject, ce.data.code, ce.data.deadline]);

      // The read model in Kafka mode is fed through the consumer groups; X-Min-Position waits for it.
      const read = await t
        .http()
        .get(`/api/v1/rectification-orders/${id}`)
        .set('authorization', `Bearer ${integrator}`)
        .set('x-min-position', position)
        .expect(200);
      expect(read.body).toMatchObject({ id, status: 'ISSUED', code: ce.data.code });
    } finally {
      await Promise.all(consumers.map((c) => c.disconnect()));
    }
  }, 120_000);
});

describe('GET /api/v1/events (HTTP catch-up feed)', () => {
  it('pages through the log in commit order with next as the cursor, as the same CloudEvents', async () => {
    const a = await issue();
    const b = await issue();
    const all: Array<Record<string, unknown>> = [];
    let after = '0';
    for (let page = 0; page < 100; page++) {
      const res = await t.http().get(`/api/v1/events?after=${after}&limit=1`).set('authorization', `Bearer ${integrator}`).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(1);
      if (res.body.items.length === 0) {
        expect(res.body.next).toBe(after);
        break;
      }
      all.push(...res.body.items);
      after = res.body.next;
      expect(after).toBe(res.body.items[0].position);
    }
    const positions = all.map((e) => e.position);
    expect(positions).toEqual(expect.arrayContaining([a.position, b.position]));
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    const issued = all.find((e) => e.position === a.position) as Record<string, unknown>;
    expect(issued).toMatchObject({ type: 'OrderIssued', subject: `rectification-order-${a.id}`, id: await eventIdAt(a.position) });
    const validate = payloadValidator('OrderIssued');
    expect(validate(issued) || validate.errors).toBe(true);
  });

  it('filters by category and limits the page', async () => {
    await issue();
    const res = await t
      .http()
      .get('/api/v1/events?after=0&limit=1000&category=key-project')
      .set('authorization', `Bearer ${integrator}`)
      .expect(200);
    expect(res.body.items.every((e: { subject: string }) => e.subject.startsWith('key-project-'))).toBe(true);
    const orders = await t
      .http()
      .get('/api/v1/events?limit=2&category=rectification-order')
      .set('authorization', `Bearer ${supervision}`)
      .expect(200);
    expect(orders.body.items).toHaveLength(2);
    expect(orders.body.next).toBe(orders.body.items[1].position);
  });

  it('answers 400 for a cursor that names no event or a bad limit, and 401 without a token', async () => {
    const unknown = await t.http().get('/api/v1/events?after=987654321').set('authorization', `Bearer ${integrator}`).expect(400);
    expect(unknown.body).toMatchObject({ status: 400, code: 'UNKNOWN_POSITION' });
    for (const query of ['after=-1', 'after=abc', 'limit=0', 'limit=1001', 'category=nope']) {
      const res = await t.http().get(`/api/v1/events?${query}`).set('authorization', `Bearer ${integrator}`);
      expect([query, res.status]).toEqual([query, 400]);
    }
    await t.http().get('/api/v1/events').expect(401);
  });

  it('is documented in the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.paths['/api/v1/events'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['after', 'limit', 'category']),
    );
  });
});

import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import Ajv from 'ajv';
import type { Consumer } from 'kafkajs';
import { createKafka, ensureTopics, type AsyncApiDocument } from '@app/messaging';
import { indicatorIdForCode } from '../../apps/api/src/indicators/indicator-id';
import { testBroker } from '../kafka/broker';
import { createTestApp, type TestApp } from '../support/app';

/**
 * The indicator events on their own Kafka topic, `<prefix>.indicator.events.v1`, with the app in Kafka
 * mode and the plan seeded: the topic the served AsyncAPI document names carries the seeded
 * registration and the 交办 sent over HTTP, each valid against the document's schema, and the
 * indicator read model is fed from that topic.
 */

const prefix = `ind${randomBytes(4).toString('hex')}`;
const PM25 = indicatorIdForCode('IND-06');
let brokers: string;
let t: TestApp;
let doc: AsyncApiDocument;
let consumer: Consumer;
const received: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  brokers = (await testBroker()).brokers;
  t = await createTestApp({ KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: prefix, SEED_PLAN: 'true' });
  doc = (await t.http().get('/api/asyncapi.json').expect(200)).body as AsyncApiDocument;
}, 240_000);
afterAll(async () => {
  await consumer?.disconnect();
  await t?.close();
}, 60_000);

function validatorFor(type: string) {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'asyncapi.json', components: doc.components }, 'asyncapi.json');
  return ajv.compile({ $ref: `asyncapi.json#/components/messages/${type}/payload` });
}

async function envelope(match: (e: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = received.find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} on the indicator topic; got ${received.length} messages`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('publishes the indicator events to <prefix>.indicator.events.v1, as the AsyncAPI document describes them', async () => {
  const channel = Object.values(doc.channels).find((c) => c.address === `${prefix}.indicator.events.v1`);
  expect(channel).toBeDefined();
  expect(Object.keys(channel?.messages ?? {})).toEqual(
    expect.arrayContaining(['IndicatorRegistered', 'IndicatorAssigned', 'IndicatorValueReported', 'IndicatorValueCorrected']),
  );
  const topic = channel?.address as string;
  const kafka = createKafka({ brokers, clientId: 'indicator-test', topicPrefix: prefix, categories: [], partitions: 3 });
  await ensureTopics(kafka, [topic], 3);
  consumer = kafka.consumer({ groupId: `${prefix}.indicator-test` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      received.push(JSON.parse(message.value?.toString('utf8') ?? '{}') as Record<string, unknown>);
    },
  });

  const subject = `indicator-${PM25}`;
  const registered = await envelope((e) => e.subject === subject && e.type === 'IndicatorRegistered', 'IndicatorRegistered of IND-06');
  expect(registered).toMatchObject({ specversion: '1.0', streamversion: 1, data: { code: 'IND-06', unit: 'μg/m³' } });
  const validRegistration = validatorFor('IndicatorRegistered');
  expect(validRegistration(registered) || validRegistration.errors).toBe(true);

  const supervision = await t.token('supervision-office');
  const res = await t
    .http()
    .post(`/api/v1/indicators/${PM25}/assign`)
    .set('authorization', `Bearer ${supervision}`)
    .send({ leadDepartment: 'city-eco-env-bureau' })
    .expect(200);
  const assigned = await envelope((e) => e.subject === subject && e.type === 'IndicatorAssigned', 'IndicatorAssigned of IND-06');
  expect(assigned).toMatchObject({ position: String(res.body.position), data: { leadDepartment: 'city-eco-env-bureau' } });
  const validAssignment = validatorFor('IndicatorAssigned');
  expect(validAssignment(assigned) || validAssignment.errors).toBe(true);
  expect(received.every((e) => String(e.subject).startsWith('indicator-'))).toBe(true);

  // The read model in Kafka mode is fed through its consumer group; X-Min-Position waits for it.
  const integrator = await t.token('integrator');
  const read = await t
    .http()
    .get(`/api/v1/indicators/${PM25}`)
    .set('authorization', `Bearer ${integrator}`)
    .set('x-min-position', String(res.body.position))
    .expect(200);
  expect(read.body).toMatchObject({ code: 'IND-06', assignmentStatus: 'ASSIGNED', leadDepartmentName: '牡丹江市生态环境局' });
}, 180_000);

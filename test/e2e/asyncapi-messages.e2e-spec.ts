import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { readAsyncApiDocument, type CloudEvent } from '@app/messaging';
import { createTestApp, type TestApp } from '../support/app';

/*
 * The AsyncAPI document against real messages: the plan's key projects and the sample rectification
 * orders are seeded through the app's own command path, and every event of the log, as the HTTP feed
 * serves it (the same CloudEvents the relay writes to Kafka), must validate against its message's
 * schema, with `format` asserted (date, date-time, uuid). A message with a malformed date must not.
 */
let t: TestApp;
let messages: CloudEvent[] = [];
const validators = new Map<string, ValidateFunction>();

beforeAll(async () => {
  t = await createTestApp({ SEED_PLAN: 'true', SEED_SAMPLES: 'true' });
  const token = await t.token('integrator');
  for (let after = '0'; ;) {
    const page = await t.http().get(`/api/v1/events?after=${after}&limit=1000`).set('authorization', `Bearer ${token}`).expect(200);
    if (page.body.items.length === 0) break;
    messages = messages.concat(page.body.items as CloudEvent[]);
    after = page.body.next;
  }
  const doc = readAsyncApiDocument();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'asyncapi', components: doc.components });
  for (const type of Object.keys(doc.components.messages)) {
    validators.set(type, ajv.compile({ $ref: `asyncapi#/components/messages/${type}/payload` }));
  }
}, 120_000);
afterAll(() => t.close());

function problems(message: unknown): string[] {
  const validate = validators.get((message as CloudEvent).type);
  if (!validate) return [`no message ${(message as CloudEvent).type} in the AsyncAPI document`];
  return validate(message) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

it('every seeded event validates against its AsyncAPI message, dates and times included', () => {
  expect(messages.length).toBeGreaterThan(100);
  const types = new Set(messages.map((m) => m.type));
  expect(types.size).toBeGreaterThan(5);
  const invalid = messages.map((m) => ({ type: m.type, problems: problems(m) })).filter((r) => r.problems.length);
  expect(invalid).toEqual([]);
});

it('a message with a malformed date, time or id does not validate', () => {
  const withDate = messages.find((m) =>
    Object.values(m.data as object).some((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)),
  )!;
  const dateField = Object.entries(withDate.data as object).find(([, v]) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))![0];
  expect(problems(withDate)).toEqual([]);
  const malformed: Array<[object, string]> = [
    [{ ...withDate, data: { ...(withDate.data as object), [dateField]: '2024-02-30' } }, `/data/${dateField} must match format "date"`],
    [{ ...withDate, data: { ...(withDate.data as object), occurredAt: '昨天' } }, '/data/occurredAt must match format "date-time"'],
    [{ ...withDate, time: '2024-13-01T00:00:00Z' }, '/time must match format "date-time"'],
    [{ ...withDate, id: 'not-a-uuid' }, '/id must match format "uuid"'],
  ];
  for (const [message, problem] of malformed) expect(problems(message)).toContainEqual(expect.stringContaining(problem));
});

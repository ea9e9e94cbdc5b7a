import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brokerList } from './kafka.config';

/**
 * The integrator contract: an AsyncAPI 3.0.0 document of the event topics. `npm run asyncapi:generate`
 * writes libs/messaging/asyncapi/asyncapi.json from the domain's event types (JSON Schema of every
 * event's `data`, generated from the TypeScript types); the API serves it at /api/asyncapi.json with
 * this deployment's brokers and topic prefix filled in.
 */

/** The aggregate types whose streams are published, and where their event union types live. */
export const ASYNCAPI_CATEGORIES = [
  {
    category: 'key-project',
    channel: 'keyProjectEvents',
    title: '重点工程 Key projects',
    union: 'KeyProjectEvent',
    file: 'libs/domain/src/key-project/key-project.events.ts',
  },
  {
    category: 'rectification-order',
    channel: 'rectificationOrderEvents',
    title: '督察整改任务、信访件 Rectification orders and petition cases',
    union: 'RectificationOrderEvent',
    file: 'libs/domain/src/rectification-order/rectification-order.events.ts',
  },
  {
    category: 'escalation',
    channel: 'escalationEvents',
    title: '预警督办 Escalations',
    union: 'EscalationEvent',
    file: 'libs/domain/src/escalation/escalation.events.ts',
  },
  {
    category: 'indicator',
    channel: 'indicatorEvents',
    title: '指标与目标 Indicators and targets',
    union: 'IndicatorEvent',
    file: 'libs/domain/src/indicator/indicator.events.ts',
  },
  {
    category: 'circular',
    channel: 'circularEvents',
    title: '通报 Circulars',
    union: 'CircularEvent',
    file: 'libs/domain/src/circular/circular.ts',
  },
  {
    category: 'reminder',
    channel: 'reminderEvents',
    title: '催办 Reminders',
    union: 'ReminderEvent',
    file: 'libs/domain/src/reminder/reminder.ts',
  },
  {
    category: 'personal-data',
    channel: 'personalDataEvents',
    title: '个人信息删除 Personal-data erasures',
    union: 'PersonalDataEvent',
    file: 'libs/domain/src/personal-data/personal-data.ts',
  },
  {
    category: 'document-register',
    channel: 'documentRegisterEvents',
    title: '文号登记簿 Official document numbers',
    union: 'DocumentRegisterEvent',
    file: 'libs/domain/src/document-register/document-register.ts',
  },
  {
    category: 'target-responsibility',
    channel: 'targetResponsibilityEvents',
    title: '目标责任书 Annual target responsibility',
    union: 'TargetResponsibilityEvent',
    file: 'libs/domain/src/target-responsibility/target-responsibility.ts',
  },
  {
    category: 'bulletin',
    channel: 'bulletinEvents',
    title: '进展公报 Public progress bulletins',
    union: 'BulletinEvent',
    file: 'libs/domain/src/bulletin/bulletin.ts',
  },
  {
    category: 'evaluation',
    channel: 'evaluationEvents',
    title: '第三方评估意见 Evaluation findings',
    union: 'EvaluationEvent',
    file: 'libs/domain/src/evaluation/evaluation.ts',
  },
] as const;

/** The extension keyword that marks a personal-data reference in the event schemas. */
export const PERSONAL_DATA_REFERENCE = 'x-personal-data-reference';

const REFERENCE_DESCRIPTION =
  'Reference to personal data kept in the encrypted personal-data store (never the data itself). Not resolvable by consumers; ' +
  'after the subject is erased (PersonalDataErased) it resolves to nothing anywhere.';

/** Marks every `{ pii }` object schema inside `schema` as a personal-data reference (a new schema). */
export function markPersonalDataReferences(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(markPersonalDataReferences);
  if (schema === null || typeof schema !== 'object') return schema;
  const s = schema as Record<string, unknown>;
  const props = s.properties as Record<string, unknown> | undefined;
  const out = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, markPersonalDataReferences(v)]));
  if (s.type === 'object' && props && Object.keys(props).length === 1 && 'pii' in props) {
    return { ...out, [PERSONAL_DATA_REFERENCE]: true, description: REFERENCE_DESCRIPTION };
  }
  return out;
}

export const ASYNCAPI_DEFAULT_PREFIX = 'mdj';
export const ASYNCAPI_PATH = 'libs/messaging/asyncapi/asyncapi.json';
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';

export type JsonSchema = Record<string, unknown>;

export interface EventDataSchemas {
  category: string;
  /** Event type → JSON Schema of its `data`, in the domain's declaration order. */
  events: Array<{ type: string; data: JsonSchema }>;
}

export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: Record<string, unknown>;
  defaultContentType: string;
  servers: Record<string, { host: string; protocol: string; description?: string; [k: string]: unknown }>;
  channels: Record<string, { address: string; messages: Record<string, unknown>; [k: string]: unknown }>;
  operations: Record<string, unknown>;
  components: { messages: Record<string, unknown>; schemas: Record<string, JsonSchema>; [k: string]: unknown };
}

const KAFKA_BINDING_VERSION = '0.5.0';

/** The CloudEvents 1.0 envelope (structured JSON mode) the relay writes, for one event type. */
function envelope(category: string, type: string): JsonSchema {
  return {
    type: 'object',
    description: `CloudEvents 1.0 envelope (structured mode) of a ${type} event.`,
    required: [
      'specversion',
      'id',
      'type',
      'source',
      'subject',
      'time',
      'datacontenttype',
      'data',
      'streamversion',
      'schemaversion',
      'position',
      'metadata',
    ],
    properties: {
      specversion: { type: 'string', const: '1.0' },
      id: { type: 'string', format: 'uuid', description: 'The event id: unique, stable across re-deliveries. Deduplicate on it.' },
      type: { type: 'string', const: type },
      source: { type: 'string', description: 'The producing system, `/<KAFKA_CLIENT_ID>` (default `/mdj-eco-workflow`).' },
      subject: {
        type: 'string',
        pattern: `^${category}-`,
        description: `The stream id, \`${category}-<uuid>\`; also the Kafka message key.`,
      },
      time: { type: 'string', format: 'date-time', description: 'When the event was recorded.' },
      datacontenttype: { type: 'string', const: 'application/json' },
      data: { $ref: `#/components/schemas/${type}Data` },
      streamversion: { type: 'integer', minimum: 1, description: "The event's version in its stream (1, 2, …, without gaps)." },
      schemaversion: { type: 'integer', minimum: 1, description: 'Schema version of `data` (upcast to the current one).' },
      position: {
        type: 'string',
        pattern: '^[0-9]+$',
        description: 'Global position in the log (decimal string); the cursor of GET /api/v1/events?after=.',
      },
      correlationid: { type: 'string', description: 'Correlation id of the request that caused the event.' },
      causationid: { type: 'string', description: 'Id of the message that caused the event, when any.' },
      actor: { type: 'string', description: 'User id of who did it.' },
      traceparent: {
        type: 'string',
        pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
        description:
          'CloudEvents distributed-tracing extension: the W3C trace context (https://www.w3.org/TR/trace-context/) of the command that recorded the event. Present when the producing deployment traces (OpenTelemetry); continue the trace from it.',
      },
      tracestate: { type: 'string', description: 'CloudEvents distributed-tracing extension: W3C tracestate, when the trace carries one.' },
      metadata: {
        type: 'string',
        contentMediaType: 'application/json',
        description: 'The full event metadata (actor, command, requestId, correlationId) as a JSON string.',
      },
    },
  };
}

/** Builds the whole document from the per-category data schemas (pure; the generator feeds it). */
export function buildAsyncApiDocument(schemas: EventDataSchemas[], prefix = ASYNCAPI_DEFAULT_PREFIX): AsyncApiDocument {
  const doc: AsyncApiDocument = {
    asyncapi: '3.0.0',
    info: {
      title: '牡丹江市生态环境保护规划工作流引擎 events / Mudanjiang eco-environment workflow events',
      version: '1.0.0',
      description: [
        'Every fact the workflow engine records, published to Kafka in commit order per stream.',
        '',
        `Topics are \`<KAFKA_TOPIC_PREFIX>.<category>.events.v1\` (prefix \`${ASYNCAPI_DEFAULT_PREFIX}\` by default; the copy served`,
        'at /api/asyncapi.json names the deployment’s own prefix and brokers). The message key is the stream id, so one',
        "stream's events stay in one partition, in order. The value is a CloudEvents 1.0 JSON envelope (structured mode);",
        '`type` names the event and `data` follows the schema of that type. Delivery is at least once: deduplicate on',
        '`id` (or on `subject` + `streamversion`). Ignore fields you do not know; new optional fields may appear without a',
        'new topic version. Systems that cannot reach Kafka read the same envelopes from GET /api/v1/events?after=<position>.',
        '',
        'Webhooks (POST /api/v1/webhooks/subscriptions, format `cloudevents`) deliver these same envelopes, one per HTTP',
        'POST (content type application/cloudevents+json), signed as Standard Webhooks: `webhook-id` (stable across',
        'retries), `webhook-timestamp` (seconds) and `webhook-signature` `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>"',
        'keyed with the base64-decoded part of the secret after `whsec_`>`. At least once, in order per `subject`.',
        '',
        '**No personal data.** Events never carry a petitioner’s name, contact or address, the responsible person, or text a',
        `user marked as personal: they carry a reference \`{ "pii": "<uuid>" }\` instead, marked \`${PERSONAL_DATA_REFERENCE}: true\` in`,
        'the schemas below (a field that may be a reference or, in events recorded before the store existed, plain text is an',
        '`anyOf`). References cannot be resolved by consumers. `PersonalDataErased` tells that a subject was erased: delete',
        'whatever you derived from its order.',
        '',
        'Generated by `npm run asyncapi:generate` from the TypeScript event types in libs/domain; do not edit by hand.',
      ].join('\n'),
    },
    defaultContentType: CLOUDEVENTS_CONTENT_TYPE,
    servers: {
      production: {
        host: '{brokers}',
        protocol: 'kafka',
        description: 'The cluster of the deployment: its KAFKA_BROKERS (first bootstrap server).',
        variables: { brokers: { default: 'kafka:9092', description: 'host:port of a bootstrap server (KAFKA_BROKERS)' } },
      },
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'The development broker of `npm run kafka:start`.' },
    },
    channels: {},
    operations: {},
    components: { messages: {}, schemas: {} },
  };
  for (const { category, events } of schemas) {
    const meta = ASYNCAPI_CATEGORIES.find((c) => c.category === category);
    const channelId = meta?.channel ?? camel(`${category}-events`);
    const address = `${prefix}.${category}.events.v1`;
    const channelMessages: Record<string, unknown> = {};
    for (const { type, data } of events) {
      doc.components.schemas[`${type}Data`] = { title: `${type} data`, ...(markPersonalDataReferences(data) as JsonSchema) };
      doc.components.messages[type] = {
        name: type,
        title: type,
        summary: `${type} (${category})`,
        contentType: CLOUDEVENTS_CONTENT_TYPE,
        headers: {
          type: 'object',
          properties: { 'content-type': { type: 'string', const: `${CLOUDEVENTS_CONTENT_TYPE}; charset=utf-8` } },
        },
        payload: envelope(category, type),
        bindings: {
          kafka: {
            key: { type: 'string', pattern: `^${category}-`, description: 'The stream id (= CloudEvents subject).' },
            bindingVersion: KAFKA_BINDING_VERSION,
          },
        },
      };
      channelMessages[type] = { $ref: `#/components/messages/${type}` };
    }
    doc.channels[channelId] = {
      address,
      title: meta?.title ?? category,
      description: `Events of the \`${category}-<uuid>\` streams. Key: the stream id. Value: a CloudEvents JSON envelope.`,
      messages: channelMessages,
      bindings: { kafka: { topic: address, bindingVersion: KAFKA_BINDING_VERSION } },
    };
    doc.operations[`receive${channelId[0].toUpperCase()}${channelId.slice(1)}`] = {
      action: 'receive',
      title: `Consume ${category} events`,
      channel: { $ref: `#/channels/${channelId}` },
      messages: events.map(({ type }) => ({ $ref: `#/channels/${channelId}/messages/${type}` })),
    };
  }
  return doc;
}

/** Every event type the document has a message for. */
export function asyncApiEventTypes(doc: AsyncApiDocument): string[] {
  return Object.keys(doc.components.messages);
}

/** The repository root: the nearest ancestor (of this file, in src or dist) holding the committed document. */
export function findAsyncApiFile(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, ASYNCAPI_PATH);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`${ASYNCAPI_PATH} not found above ${from}; run npm run asyncapi:generate`);
  }
}

export function readAsyncApiDocument(file: string = findAsyncApiFile()): AsyncApiDocument {
  return JSON.parse(readFileSync(file, 'utf8')) as AsyncApiDocument;
}

/** The committed document with this deployment's topic prefix and (when set) brokers. */
export function deploymentAsyncApiDocument(
  doc: AsyncApiDocument,
  options: { topicPrefix: string; brokers?: string | null },
): AsyncApiDocument {
  const copy = structuredClone(doc);
  const from = `${ASYNCAPI_DEFAULT_PREFIX}.`;
  for (const channel of Object.values(copy.channels)) {
    if (channel.address.startsWith(from)) channel.address = `${options.topicPrefix}.${channel.address.slice(from.length)}`;
    const kafka = (channel.bindings as { kafka?: { topic?: string } } | undefined)?.kafka;
    if (kafka) kafka.topic = channel.address;
  }
  const brokers = options.brokers ? brokerList(options.brokers) : [];
  if (brokers.length) {
    const production = copy.servers.production;
    production.host = brokers[0];
    delete production.variables;
    production.description = `The cluster of this deployment (KAFKA_BROKERS: ${brokers.join(', ')}).`;
  }
  return copy;
}

function camel(s: string): string {
  return s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

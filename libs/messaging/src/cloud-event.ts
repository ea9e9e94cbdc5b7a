import type { EventMetadata, StoredEvent, StoredEventJson } from '@app/event-store';

/**
 * CloudEvents 1.0, structured JSON mode. Extension attributes stay scalar (the spec allows no
 * objects there): `position` is a string because positions outgrow CloudEvents' 32-bit Integer,
 * `actor` is the user id, and `metadata` carries the full metadata as JSON so that a consumer can
 * rebuild exactly the StoredEvent the log holds.
 */
export interface CloudEvent<D = Record<string, unknown>> {
  specversion: '1.0';
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: D;
  streamversion: number;
  schemaversion: number;
  position: string;
  correlationid?: string;
  causationid?: string;
  actor?: string;
  metadata: string;
  /** CloudEvents distributed-tracing extension: the W3C trace context of the command that recorded the event. */
  traceparent?: string;
  tracestate?: string;
}

export interface TopicOptions {
  /** e.g. `mdj`: topics are `<prefix>.<aggregate type>.events.v1`. */
  prefix: string;
}

const UUID_SUFFIX = /-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The aggregate type of a stream: its id without the trailing `-<uuid>` (or last `-segment`). */
export function categoryOf(streamId: string): string {
  if (UUID_SUFFIX.test(streamId)) return streamId.replace(UUID_SUFFIX, '');
  const cut = streamId.lastIndexOf('-');
  return cut > 0 ? streamId.slice(0, cut) : streamId;
}

export function topicForCategory(category: string, { prefix }: TopicOptions): string {
  return `${prefix}.${category}.events.v1`;
}

export function topicFor(streamId: string, options: TopicOptions): string {
  return topicForCategory(categoryOf(streamId), options);
}

export function toCloudEvent(event: StoredEvent, { source }: { source: string }): CloudEvent {
  const meta = event.metadata ?? {};
  const ce: CloudEvent = {
    specversion: '1.0',
    id: event.eventId,
    type: event.type,
    source,
    subject: event.streamId,
    time: event.recordedAt.toISOString(),
    datacontenttype: 'application/json',
    data: event.data,
    streamversion: event.version,
    schemaversion: event.schemaVersion,
    position: event.position.toString(),
    metadata: JSON.stringify(meta),
  };
  if (typeof meta.correlationId === 'string') ce.correlationid = meta.correlationId;
  if (typeof meta.causationId === 'string') ce.causationid = meta.causationId;
  if (meta.actor?.userId) ce.actor = meta.actor.userId;
  if (typeof meta.traceparent === 'string') ce.traceparent = meta.traceparent;
  if (typeof meta.tracestate === 'string') ce.tracestate = meta.tracestate;
  return ce;
}

/**
 * `JSON.stringify(toCloudEvent(event))` for an event read as JSON text, without parsing its data:
 * the same members in the same order, `data` spliced in as PostgreSQL printed it (so it parses to
 * the same value; only the whitespace inside it differs). What the relay publishes.
 */
export function cloudEventJson(event: StoredEventJson, { source }: { source: string }): string {
  return cloudEventJsonWith(event, JSON.stringify(source));
}

/** The `metadata` member's value (JSON of the metadata, as a JSON string), once per metadata object. */
const metadataLiterals = new WeakMap<EventMetadata, string>();
function metadataLiteral(meta: EventMetadata): string {
  let literal = metadataLiterals.get(meta);
  if (literal === undefined) metadataLiterals.set(meta, (literal = JSON.stringify(JSON.stringify(meta))));
  return literal;
}

/**
 * `cloudEventJson` with the source already a JSON string literal (the relay's is the same for every
 * event). Metadata objects are taken as read-only (their JSON is kept per object).
 */
export function cloudEventJsonWith(event: StoredEventJson, sourceJson: string): string {
  const meta = event.metadata ?? {};
  let json =
    `{"specversion":"1.0","id":${JSON.stringify(event.eventId)},"type":${JSON.stringify(event.type)},"source":${sourceJson}` +
    `,"subject":${JSON.stringify(event.streamId)},"time":"${new Date(event.recordedAtMs).toISOString()}"` +
    `,"datacontenttype":"application/json","data":${event.dataJson},"streamversion":${event.version}` +
    `,"schemaversion":${event.schemaVersion},"position":"${event.position}","metadata":${metadataLiteral(meta)}`;
  if (typeof meta.correlationId === 'string') json += `,"correlationid":${JSON.stringify(meta.correlationId)}`;
  if (typeof meta.causationId === 'string') json += `,"causationid":${JSON.stringify(meta.causationId)}`;
  if (meta.actor?.userId) json += `,"actor":${JSON.stringify(meta.actor.userId)}`;
  if (typeof meta.traceparent === 'string') json += `,"traceparent":${JSON.stringify(meta.traceparent)}`;
  if (typeof meta.tracestate === 'string') json += `,"tracestate":${JSON.stringify(meta.tracestate)}`;
  return json + '}';
}

export class InvalidCloudEvent extends Error {
  override name = 'InvalidCloudEvent';
}

/** The StoredEvent a message carries; throws InvalidCloudEvent on anything else. */
export function fromCloudEvent(value: Buffer | string | null): StoredEvent {
  if (value === null) throw new InvalidCloudEvent('empty message (tombstone)');
  let ce: Partial<CloudEvent>;
  try {
    ce = JSON.parse(typeof value === 'string' ? value : value.toString('utf8')) as Partial<CloudEvent>;
  } catch (error) {
    throw new InvalidCloudEvent(`not JSON: ${(error as Error).message}`);
  }
  if (!ce || typeof ce !== 'object' || ce.specversion !== '1.0') throw new InvalidCloudEvent('not a CloudEvents 1.0 envelope');
  const { id, type, subject, time, data, streamversion, position } = ce;
  if (typeof id !== 'string' || typeof type !== 'string' || typeof subject !== 'string') {
    throw new InvalidCloudEvent('id, type and subject must be strings');
  }
  if (!Number.isInteger(streamversion) || (streamversion as number) < 1)
    throw new InvalidCloudEvent('streamversion must be a positive integer');
  if (typeof position !== 'string' || !/^\d+$/.test(position)) throw new InvalidCloudEvent('position must be a decimal string');
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new InvalidCloudEvent('data must be a JSON object');
  const recordedAt = new Date(time ?? '');
  if (Number.isNaN(recordedAt.getTime())) throw new InvalidCloudEvent('time must be an RFC 3339 timestamp');
  let metadata: EventMetadata;
  try {
    metadata = ce.metadata ? (JSON.parse(ce.metadata) as EventMetadata) : {};
  } catch {
    throw new InvalidCloudEvent('metadata must be a JSON string');
  }
  if (ce.traceparent) metadata.traceparent = ce.traceparent;
  if (ce.tracestate) metadata.tracestate = ce.tracestate;
  if (!ce.metadata) {
    if (ce.correlationid) metadata.correlationId = ce.correlationid;
    if (ce.causationid) metadata.causationId = ce.causationid;
    if (ce.actor) metadata.actor = { userId: ce.actor };
  }
  return {
    position: BigInt(position),
    streamId: subject,
    version: streamversion as number,
    eventId: id,
    type,
    schemaVersion: Number.isInteger(ce.schemaversion) ? (ce.schemaversion as number) : 1,
    data,
    metadata,
    recordedAt,
  };
}

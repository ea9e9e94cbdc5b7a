import type { ExpectedVersion } from './event-store.errors';

/** What callers hand to `append`: the event's payload; the store assigns position and version. */
export interface NewEvent<D = Record<string, unknown>> {
  type: string;
  data: D;
  /** Caller-chosen id (idempotent retries, CloudEvents id); a random UUID when absent. */
  eventId?: string;
  metadata?: EventMetadata;
}

/** Who did it and why; stored beside every event (docs/architecture.md). */
export interface EventMetadata {
  actor?: { userId: string; displayName?: string; roles?: string[]; department?: string | null };
  correlationId?: string;
  causationId?: string;
  requestId?: string;
  [key: string]: unknown;
}

export interface StoredEvent<D = Record<string, unknown>> {
  /** Global position: unique and increasing per stream; read order across streams is commit-safe order. */
  position: bigint;
  streamId: string;
  version: number;
  eventId: string;
  type: string;
  /** The schema version after upcasting (the registry's current one). */
  schemaVersion: number;
  data: D;
  metadata: EventMetadata;
  recordedAt: Date;
}

/**
 * A StoredEvent as read for publishing (PostgresEventStore.readAllJson): `data` stays the JSON text
 * the log holds (already upcast), the position a decimal string, the time epoch milliseconds.
 */
export interface StoredEventJson {
  position: string;
  streamId: string;
  version: number;
  eventId: string;
  type: string;
  /** The schema version after upcasting (the registry's current one). */
  schemaVersion: number;
  /** `data` as JSON text; parsing it gives StoredEvent.data. */
  dataJson: string;
  metadata: EventMetadata;
  /** `recordedAt.getTime()`. */
  recordedAtMs: number;
}

export interface AppendResult {
  /** The stream's version after the append. */
  version: number;
  /** Global position of the last appended event. */
  position: bigint;
  events: Array<{ eventId: string; version: number; position: bigint }>;
}

export interface ReadStreamOptions {
  fromVersion?: number;
  /** Only events recorded at or before this instant: the state as the system knew it then. */
  asOf?: Date;
}

export interface ReadAllOptions {
  /** Position of the last event already processed; 0n (default) to start from the beginning. */
  after?: bigint;
  limit?: number;
  /** Restrict to stream categories, e.g. ['key-project']. */
  categories?: string[];
}

/** One stream's part of a batched read. */
export interface StreamRead {
  streamId: string;
  /** The first version to read (1 when absent). */
  fromVersion?: number;
}

/** One stream's part of a batch append. */
export interface StreamAppend {
  streamId: string;
  /** A version or 'no-stream'; a batch never appends "anywhere". */
  expected: ExpectedVersion;
  events: NewEvent[];
  metadata?: EventMetadata;
}

/**
 * The log as the command path sees it (the port); PostgresEventStore is the adapter. Inject it with
 * `@Inject(EVENT_STORE)`.
 */
export interface EventStore {
  append(streamId: string, expected: ExpectedVersion, events: NewEvent[], metadata?: EventMetadata): Promise<AppendResult>;
  /**
   * Several streams at once, all or nothing: when any stream's version differs from its expectation
   * nothing is written and WrongExpectedVersion names that stream. Results are in the input's order.
   */
  appendBatch(appends: StreamAppend[]): Promise<AppendResult[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /**
   * Several streams in one read, each from its own version on: the events by stream id, in version
   * order; a stream with no such events (or none at all) has no entry.
   */
  readStreams(reads: StreamRead[]): Promise<Map<string, StoredEvent[]>>;
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  streamVersion(streamId: string): Promise<number>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

import { randomUUID } from 'node:crypto';
import {
  WrongExpectedVersion,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamAppend,
  type StreamRead,
} from '@app/event-store';

/**
 * The EventStore port in memory, for unit tests of the command path: the same expected-version
 * semantics as PostgreSQL, plus a hook that runs just before each append is checked, where a test
 * plays "another process" writing first.
 */
export class InMemoryEventStore implements EventStore {
  readonly streams = new Map<string, StoredEvent[]>();
  /** Every stream read, one at a time or within a batched read. */
  readonly reads: Array<{ streamId: string; fromVersion: number }> = [];
  /** The batched reads (readStreams), each with the streams it read. */
  readonly batchedReads: string[][] = [];
  appendsTried = 0;
  /** Runs before each append (single or batch) is checked against the stream's head. */
  beforeAppend: ((streamIds: string[]) => Promise<void> | void) | null = null;
  private position = 0n;

  async append(streamId: string, expected: ExpectedVersion, events: NewEvent[], metadata: EventMetadata = {}): Promise<AppendResult> {
    this.appendsTried++;
    await this.beforeAppend?.([streamId]);
    await Promise.resolve(); // an append takes a round trip: let other callers run in between
    return this.write(streamId, expected, events, metadata);
  }

  async appendBatch(appends: StreamAppend[]): Promise<AppendResult[]> {
    this.appendsTried++;
    await this.beforeAppend?.(appends.map((a) => a.streamId));
    for (const a of appends) {
      const actual = this.version(a.streamId);
      if (a.expected !== 'any' && actual !== (a.expected === 'no-stream' ? 0 : a.expected)) {
        throw new WrongExpectedVersion(a.streamId, a.expected, actual);
      }
    }
    return appends.map((a) => this.write(a.streamId, a.expected, a.events, a.metadata ?? {}));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const fromVersion = options.fromVersion ?? 1;
    this.reads.push({ streamId, fromVersion });
    return (this.streams.get(streamId) ?? []).filter((e) => e.version >= fromVersion);
  }

  async readStreams(reads: StreamRead[]): Promise<Map<string, StoredEvent[]>> {
    this.batchedReads.push(reads.map((r) => r.streamId));
    const byStream = new Map<string, StoredEvent[]>();
    for (const { streamId, fromVersion = 1 } of reads) {
      this.reads.push({ streamId, fromVersion });
      const events = (this.streams.get(streamId) ?? []).filter((e) => e.version >= fromVersion);
      if (events.length > 0) byStream.set(streamId, events);
    }
    await Promise.resolve(); // a read takes a round trip: let other callers run in between
    return byStream;
  }

  async readAll(): Promise<StoredEvent[]> {
    throw new Error('not used by the command path');
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.version(streamId);
  }

  events(streamId: string): StoredEvent[] {
    return this.streams.get(streamId) ?? [];
  }

  private version(streamId: string): number {
    return this.streams.get(streamId)?.length ?? 0;
  }

  private write(streamId: string, expected: ExpectedVersion, events: NewEvent[], metadata: EventMetadata): AppendResult {
    const stream = this.streams.get(streamId) ?? [];
    const head = stream.length;
    if (expected !== 'any' && head !== (expected === 'no-stream' ? 0 : expected)) {
      throw new WrongExpectedVersion(streamId, expected, head);
    }
    const written = events.map((e, i) => ({
      position: ++this.position,
      streamId,
      version: head + i + 1,
      eventId: e.eventId ?? randomUUID(),
      type: e.type,
      schemaVersion: 1,
      data: e.data,
      metadata: { ...metadata, ...e.metadata },
      recordedAt: new Date(),
    }));
    this.streams.set(streamId, [...stream, ...written]);
    const last = written[written.length - 1];
    return {
      version: last.version,
      position: last.position,
      events: written.map((e) => ({ eventId: e.eventId, version: e.version, position: e.position })),
    };
  }
}

/**
 * Typed failures of the event store. Each names what went wrong in a way the HTTP edge can map
 * (WrongExpectedVersion → 409/412, the rest → 400/422) without string matching.
 */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export type ExpectedVersion = number | 'no-stream' | 'any';

export class WrongExpectedVersion extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Stream ${streamId}: expected version ${String(expected)}, actual ${actual}`);
  }
}

export class InvalidStreamId extends EventStoreError {
  readonly code = 'INVALID_STREAM_ID';
  constructor(readonly streamId: unknown) {
    super(`Invalid stream id ${JSON.stringify(streamId)}: expected lower-case "<category>-<id>", at most 200 characters`);
  }
}

export class UnknownEventType extends EventStoreError {
  readonly code = 'UNKNOWN_EVENT_TYPE';
  constructor(readonly eventType: string) {
    super(`Unknown event type "${eventType}": register it in the EventTypeRegistry before appending`);
  }
}

export class NonSerializablePayload extends EventStoreError {
  readonly code = 'NON_SERIALIZABLE_PAYLOAD';
  constructor(
    readonly eventType: string,
    readonly reason: string,
  ) {
    super(`Event "${eventType}" cannot be stored as JSON: ${reason}`);
  }
}

export class InvalidAppend extends EventStoreError {
  readonly code = 'INVALID_APPEND';
}

export class UnknownPosition extends EventStoreError {
  readonly code = 'UNKNOWN_POSITION';
  constructor(readonly position: bigint) {
    super(`No event at global position ${position}`);
  }
}

export class CheckpointConflict extends EventStoreError {
  readonly code = 'CHECKPOINT_CONFLICT';
  constructor(
    readonly checkpoint: string,
    readonly expected: bigint,
    readonly actual: bigint | null,
  ) {
    super(`Checkpoint ${checkpoint}: expected ${expected}, found ${actual ?? 'none'}`);
  }
}

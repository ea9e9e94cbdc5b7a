import { EventStoreError } from './event-store.errors';
import type { StoredEvent } from './event-store.types';

/** The shape every domain's event union has: a type tag and its payload. */
export interface TypedEvent {
  type: string;
  data: unknown;
}

export class UnexpectedEventType extends EventStoreError {
  readonly code = 'UNEXPECTED_EVENT_TYPE';
  constructor(
    readonly streamId: string,
    readonly eventType: string,
  ) {
    super(`Stream ${streamId} holds an event of type "${eventType}", which its aggregate does not know`);
  }
}

/**
 * A stored event as the domain event it was appended as. The log knows an event only by its type
 * name (the registry upcasts its payload to the current schema), so this is the one place where a
 * stored row becomes the domain's union type. With `types` (the aggregate's event types) a row of
 * any other type is refused instead of being folded as something it is not.
 */
export function toDomainEvent<E extends TypedEvent>(
  stored: Pick<StoredEvent, 'streamId' | 'type' | 'data'>,
  types?: readonly E['type'][],
): E {
  if (types && !types.includes(stored.type)) throw new UnexpectedEventType(stored.streamId, stored.type);
  const event: TypedEvent = { type: stored.type, data: stored.data };
  return event as E;
}

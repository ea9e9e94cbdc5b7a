import { Global, Module } from '@nestjs/common';
import { CheckpointStore } from './checkpoint-store';
import { EVENT_STORE } from './event-store.types';
import { EventTypeRegistry } from './event-type-registry';
import { PostgresEventStore } from './postgres-event-store';
import { PG_POOL, type PgPool } from './pg.types';
import { SubscriptionRegistry } from './subscription-registry';

/**
 * Wires the store onto the platform's `pg` pool (PG_POOL). The registry is a singleton that the
 * domain modules fill at start-up with their event types.
 */
@Global()
@Module({
  providers: [
    EventTypeRegistry,
    {
      provide: PostgresEventStore,
      inject: [PG_POOL, EventTypeRegistry],
      useFactory: (pool: PgPool, registry: EventTypeRegistry) => new PostgresEventStore(pool, registry),
    },
    { provide: EVENT_STORE, useExisting: PostgresEventStore },
    { provide: CheckpointStore, inject: [PG_POOL], useFactory: (pool: PgPool) => new CheckpointStore(pool) },
    SubscriptionRegistry,
  ],
  exports: [EventTypeRegistry, PostgresEventStore, EVENT_STORE, CheckpointStore, SubscriptionRegistry],
})
export class EventStoreModule {}

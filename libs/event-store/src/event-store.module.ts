import { Global, Module } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { AppendSignal } from './append-signal';
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
    { provide: AppendSignal, inject: [PG_POOL], useFactory: (pool: PgPool) => new AppendSignal(pool, appendSignalLogger()) },
  ],
  exports: [EventTypeRegistry, PostgresEventStore, EVENT_STORE, CheckpointStore, SubscriptionRegistry, AppendSignal],
})
export class EventStoreModule {}

function appendSignalLogger(): { warn(message: string, context?: unknown): void } {
  const logger = new Logger('AppendSignal');
  return { warn: (message, context) => logger.warn({ ...(context as object) }, message) };
}

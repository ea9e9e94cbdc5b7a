export * from './event-store.errors';
export * from './event-store.types';
export * from './event-type-registry';
export * from './postgres-event-store';
export * from './checkpoint-store';
export * from './subscription-runner';
export * from './pg.types';
export * from './event-store.module';
export { CreateEventStore1764300000000 } from './migrations/1764300000000-create-event-store';

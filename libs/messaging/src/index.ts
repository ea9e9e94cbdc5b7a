import { CreateMessaging1764400000000 } from './migrations/1764400000000-create-messaging';

export * from './cloud-event';
export * from './kafka.config';
export * from './relay';
export * from './kafka-projector';
export * from './messaging.module';
export * from './asyncapi';
export { CreateMessaging1764400000000 };

/** Append after the event store's migrations. */
export const MESSAGING_MIGRATIONS = [CreateMessaging1764400000000];

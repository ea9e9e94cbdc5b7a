import { CreateEventStore1764300000000 } from '@app/event-store';
import { MESSAGING_MIGRATIONS } from '@app/messaging';
import type { MigrationList } from '@app/platform';
import { KEY_PROJECT_READ_MODEL_MIGRATIONS, ORDER_READ_MODEL_MIGRATIONS } from '@app/read-models';
import { CreateIdempotencyKeys1764300000100 } from './shared/migrations/1764300000100-create-idempotency-keys';

/** Every TypeORM migration of the deployable, in order; applied at start-up (never `synchronize`). */
export const MIGRATIONS: MigrationList = [
  CreateEventStore1764300000000,
  CreateIdempotencyKeys1764300000100,
  ...KEY_PROJECT_READ_MODEL_MIGRATIONS,
  ...ORDER_READ_MODEL_MIGRATIONS,
  ...MESSAGING_MIGRATIONS,
];

import { CreateEventStore1764300000000 } from '@app/event-store';
import { MESSAGING_MIGRATIONS } from '@app/messaging';
import type { MigrationList } from '@app/platform';
import {
  CIRCULAR_READ_MODEL_MIGRATIONS,
  DEADLINE_READ_MODEL_MIGRATIONS,
  ESCALATION_READ_MODEL_MIGRATIONS,
  INDICATOR_READ_MODEL_MIGRATIONS,
  MESSAGE_CENTER_MIGRATIONS,
  KEY_PROJECT_READ_MODEL_MIGRATIONS,
  ORDER_READ_MODEL_MIGRATIONS,
} from '@app/read-models';
import { CreateSchedulerLeases1764300005000 } from '../../worker/src/scheduler/1764300005000-create-scheduler-leases';
import { CreateOrderCodeReservations1765100000000 } from './ledger/migrations/1765100000000-create-order-code-reservations';
import { CreateEvidenceFiles1765000000200 } from './evidence/1765000000200-create-evidence-files';
import { CreateWebhooks1766500000100 } from './webhooks/1766500000100-create-webhooks';
import { CreatePersonalData1766300000000 } from './personal-data/1766300000000-create-personal-data';
import { CreateIdempotencyKeys1764300000100 } from './shared/migrations/1764300000100-create-idempotency-keys';

/** Every TypeORM migration of the deployable, in order; applied at start-up (never `synchronize`). */
export const MIGRATIONS: MigrationList = [
  CreateEventStore1764300000000,
  CreateIdempotencyKeys1764300000100,
  ...KEY_PROJECT_READ_MODEL_MIGRATIONS,
  ...ORDER_READ_MODEL_MIGRATIONS,
  ...DEADLINE_READ_MODEL_MIGRATIONS,
  ...ESCALATION_READ_MODEL_MIGRATIONS,
  ...CIRCULAR_READ_MODEL_MIGRATIONS,
  CreateSchedulerLeases1764300005000,
  ...MESSAGING_MIGRATIONS,
  CreateOrderCodeReservations1765100000000,
  ...INDICATOR_READ_MODEL_MIGRATIONS,
  CreateEvidenceFiles1765000000200,
  ...MESSAGE_CENTER_MIGRATIONS,
  CreateWebhooks1766500000100,
  CreatePersonalData1766300000000,
];

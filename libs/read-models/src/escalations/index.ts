import type { MigrationList } from '@app/platform';
import { CreateEscalationReadModel1764300004100 } from './1764300004100-create-escalation-read-model';
import { EscalationQueueIndexes1764900000100 } from './1764900000100-escalation-queue-indexes';

export * from './escalation.projection';
export { CreateEscalationReadModel1764300004100, EscalationQueueIndexes1764900000100 };
export const ESCALATION_READ_MODEL_MIGRATIONS: MigrationList = [
  CreateEscalationReadModel1764300004100,
  EscalationQueueIndexes1764900000100,
];

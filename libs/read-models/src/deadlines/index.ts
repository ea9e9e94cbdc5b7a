import type { MigrationList } from '@app/platform';
import { CreateDeadlineReadModel1764300004000 } from './1764300004000-create-deadline-read-model';
import { DeadlineCalendarIndexes1764900000000 } from './1764900000000-deadline-calendar-indexes';
import { DeadlineNextEscalation1766600000000 } from './1766600000000-deadline-next-escalation';

export * from './deadline.projection';
export * from './deadline.sql';
export { CreateDeadlineReadModel1764300004000, DeadlineCalendarIndexes1764900000000, DeadlineNextEscalation1766600000000 };
export const DEADLINE_READ_MODEL_MIGRATIONS: MigrationList = [
  CreateDeadlineReadModel1764300004000,
  DeadlineCalendarIndexes1764900000000,
  DeadlineNextEscalation1766600000000,
];

import type { MigrationList } from '@app/platform';
import { CreateDeadlineReadModel1764300004000 } from './1764300004000-create-deadline-read-model';
import { DeadlineCalendarIndexes1764900000000 } from './1764900000000-deadline-calendar-indexes';

export * from './deadline.projection';
export * from './deadline.sql';
export { CreateDeadlineReadModel1764300004000, DeadlineCalendarIndexes1764900000000 };
export const DEADLINE_READ_MODEL_MIGRATIONS: MigrationList = [CreateDeadlineReadModel1764300004000, DeadlineCalendarIndexes1764900000000];

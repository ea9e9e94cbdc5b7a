import type { MigrationList } from '@app/platform';
import { CreateDeadlineReadModel1764300004000 } from './1764300004000-create-deadline-read-model';

export * from './deadline.projection';
export * from './deadline.sql';
export { CreateDeadlineReadModel1764300004000 };
export const DEADLINE_READ_MODEL_MIGRATIONS: MigrationList = [CreateDeadlineReadModel1764300004000];

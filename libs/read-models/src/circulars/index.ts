import type { MigrationList } from '@app/platform';
import { CreateCircularReadModel1765000000100 } from './1765000000100-create-circular-read-model';

export * from './circular.projection';
export { CreateCircularReadModel1765000000100 };
export const CIRCULAR_READ_MODEL_MIGRATIONS: MigrationList = [CreateCircularReadModel1765000000100];

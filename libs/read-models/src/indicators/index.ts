import type { MigrationList } from '@app/platform';
import { CreateIndicatorReadModel1765200000000 } from './1765200000000-create-indicator-read-model';

export * from './indicator.projection';
export * from './indicator.view';
export const INDICATOR_READ_MODEL_MIGRATIONS: MigrationList = [CreateIndicatorReadModel1765200000000];

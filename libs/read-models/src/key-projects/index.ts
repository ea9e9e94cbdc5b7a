import type { MigrationList } from '@app/platform';

export const KEY_PROJECT_READ_MODEL_MIGRATIONS: MigrationList = [];

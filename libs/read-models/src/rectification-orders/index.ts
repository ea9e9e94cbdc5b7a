import type { MigrationList } from '@app/platform';

export const ORDER_READ_MODEL_MIGRATIONS: MigrationList = [];

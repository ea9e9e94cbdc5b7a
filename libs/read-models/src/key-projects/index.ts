import type { MigrationList } from '@app/platform';
import { CreateKeyProjectReadModel1764300001000 } from './1764300001000-create-key-project-read-model';
import { KeyProjectAssignmentColumns1765300000000 } from './1765300000000-key-project-assignment-columns';

export * from './key-project.projection';
export * from './key-project.view';
export const KEY_PROJECT_READ_MODEL_MIGRATIONS: MigrationList = [
  CreateKeyProjectReadModel1764300001000,
  KeyProjectAssignmentColumns1765300000000,
];

import type { MigrationList } from '@app/platform';
import { CreateMessageCenter1766500000000 } from './1766500000000-create-message-center';

export * from './message.projection';
export { CreateMessageCenter1766500000000 };
export const MESSAGE_CENTER_MIGRATIONS: MigrationList = [CreateMessageCenter1766500000000];

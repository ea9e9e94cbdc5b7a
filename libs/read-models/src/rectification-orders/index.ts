import type { MigrationList } from '@app/platform';
import { CreateOrderReadModel1764300002000 } from './1764300002000-create-order-read-model';
import { OrderProgressReports1766600000100 } from './1766600000100-order-progress-reports';

export const ORDER_READ_MODEL_MIGRATIONS: MigrationList = [CreateOrderReadModel1764300002000, OrderProgressReports1766600000100];
export { CreateOrderReadModel1764300002000, OrderProgressReports1766600000100 };
export * from './rectification-order.projection';
export * from './rectification-order.row';
export * from './order-filter';

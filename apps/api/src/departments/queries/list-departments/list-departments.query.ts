import { Query } from '@nestjs/cqrs';
import type { DepartmentStats } from '@app/read-models';

export interface DepartmentView extends DepartmentStats {
  id: string;
  nameZh: string;
  nameEn: string;
}

export class ListDepartmentsQuery extends Query<{ items: DepartmentView[] }> {}

import { Query } from '@nestjs/cqrs';
import type { DepartmentView } from '../list-departments/list-departments.query';

export class GetDepartmentQuery extends Query<DepartmentView> {
  constructor(readonly id: string) {
    super();
  }
}

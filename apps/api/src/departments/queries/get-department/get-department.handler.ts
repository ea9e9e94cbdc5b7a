import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { shanghaiDate } from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { Clock, ProblemException } from '@app/platform';
import { departmentStats, emptyDepartmentStats } from '@app/read-models';
import { SEED_DEPARTMENTS } from '@app/seed';
import type { DepartmentView } from '../list-departments/list-departments.query';
import { GetDepartmentQuery } from './get-department.query';

@QueryHandler(GetDepartmentQuery)
export class GetDepartmentHandler implements IQueryHandler<GetDepartmentQuery> {
  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly clock: Clock,
  ) {}

  async execute({ id }: GetDepartmentQuery): Promise<DepartmentView> {
    const department = SEED_DEPARTMENTS.find((d) => d.id === id);
    if (!department) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该单位（编号 ${id}），请检查编号`);
    const stats = await departmentStats(this.pool, shanghaiDate(this.clock.now()), id);
    return { id, nameZh: department.nameZh, nameEn: department.nameEn, ...(stats.get(id) ?? emptyDepartmentStats()) };
  }
}

import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { shanghaiDate } from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { Clock } from '@app/platform';
import { departmentStats, emptyDepartmentStats } from '@app/read-models';
import { SEED_DEPARTMENTS } from '@app/seed';
import { ListDepartmentsQuery, type DepartmentView } from './list-departments.query';

@QueryHandler(ListDepartmentsQuery)
export class ListDepartmentsHandler implements IQueryHandler<ListDepartmentsQuery> {
  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<{ items: DepartmentView[] }> {
    const stats = await departmentStats(this.pool, shanghaiDate(this.clock.now()));
    return {
      items: SEED_DEPARTMENTS.map((d) => ({
        id: d.id,
        nameZh: d.nameZh,
        nameEn: d.nameEn,
        ...(stats.get(d.id) ?? emptyDepartmentStats()),
      })),
    };
  }
}

import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { shanghaiDate } from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { Clock, ProblemException } from '@app/platform';
import { escalationSelect, escalationView, type EscalationRow, type EscalationView } from '../../shared/escalation.view';
import { GetEscalationQuery } from './get-escalation.query';

@QueryHandler(GetEscalationQuery)
export class GetEscalationHandler implements IQueryHandler<GetEscalationQuery> {
  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly clock: Clock,
  ) {}

  async execute({ id }: GetEscalationQuery): Promise<EscalationView> {
    const { rows } = await this.pool.query<EscalationRow>(`SELECT ${escalationSelect('$1')} FROM read_models.escalations WHERE id = $2`, [
      shanghaiDate(this.clock.now()),
      id,
    ]);
    if (!rows[0]) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该督办预警（编号 ${id}），请检查编号`);
    return escalationView(rows[0]);
  }
}

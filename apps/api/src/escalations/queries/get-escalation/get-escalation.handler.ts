import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { escalationAllowedActions, shanghaiDate, type EscalationState } from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { AppConfig, Clock, ProblemException } from '@app/platform';
import { escalationSelect, escalationView, type EscalationRow } from '../../shared/escalation.view';
import { GetEscalationQuery, type EscalationDetail } from './get-escalation.query';

@QueryHandler(GetEscalationQuery)
export class GetEscalationHandler implements IQueryHandler<GetEscalationQuery> {
  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async execute({ id, actor }: GetEscalationQuery): Promise<EscalationDetail> {
    const now = this.clock.now();
    const { rows } = await this.pool.query<EscalationRow & { state: EscalationState }>(
      `SELECT ${escalationSelect('$1')}, state FROM read_models.escalations WHERE id = $2`,
      [shanghaiDate(now), id],
    );
    if (!rows[0]) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该督办预警（编号 ${id}），请检查编号`);
    const allowedActions = escalationAllowedActions(rows[0].state, { actor, now, config: this.config.domainConfig });
    return { ...escalationView(rows[0]), allowedActions };
  }
}

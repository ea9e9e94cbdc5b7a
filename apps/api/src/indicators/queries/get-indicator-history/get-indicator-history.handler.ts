import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { indicatorStreamId } from '@app/domain';
import { PostgresEventStore } from '@app/event-store';
import { ProblemException } from '@app/platform';
import { GetIndicatorHistoryQuery, type IndicatorHistory } from './get-indicator-history.query';

/** The stream itself is the audit trail (a correction and the value it replaced both stay), so this reads the log. */
@QueryHandler(GetIndicatorHistoryQuery)
export class GetIndicatorHistoryHandler implements IQueryHandler<GetIndicatorHistoryQuery, IndicatorHistory> {
  constructor(private readonly store: PostgresEventStore) {}

  async execute({ id }: GetIndicatorHistoryQuery): Promise<IndicatorHistory> {
    const events = await this.store.readStream(indicatorStreamId(id));
    if (events.length === 0) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该指标（编号 ${id}），请检查编号`);
    return {
      id,
      items: events.map((e) => ({
        type: e.type,
        version: e.version,
        position: e.position.toString(),
        recordedAt: e.recordedAt.toISOString(),
        actor: e.metadata.actor ?? null,
        command: typeof e.metadata.command === 'string' ? e.metadata.command : null,
        data: e.data,
      })),
    };
  }
}

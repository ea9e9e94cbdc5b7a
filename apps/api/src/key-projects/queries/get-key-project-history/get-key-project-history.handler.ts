import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { keyProjectStreamId } from '@app/domain';
import { PostgresEventStore } from '@app/event-store';
import { ProblemException } from '@app/platform';
import { GetKeyProjectHistoryQuery, type KeyProjectHistory } from './get-key-project-history.query';

/** The stream itself is the audit trail, so this reads the log rather than a read model. */
@QueryHandler(GetKeyProjectHistoryQuery)
export class GetKeyProjectHistoryHandler implements IQueryHandler<GetKeyProjectHistoryQuery, KeyProjectHistory> {
  constructor(private readonly store: PostgresEventStore) {}

  async execute({ id }: GetKeyProjectHistoryQuery): Promise<KeyProjectHistory> {
    const events = await this.store.readStream(keyProjectStreamId(id));
    if (events.length === 0) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该重点工程（编号 ${id}），请检查编号`);
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

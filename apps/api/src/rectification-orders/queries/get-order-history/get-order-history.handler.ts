import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CommandExecutor, rectificationOrders } from '@app/commands';
import { mayReadOrderContent, rectificationOrderStreamId } from '@app/domain';
import { PostgresEventStore } from '@app/event-store';
import { ProblemException } from '@app/platform';
import { GetOrderHistoryQuery, type OrderHistoryEntry } from './get-order-history.query';

/** The audit trail is the stream itself, read from the log rather than a projection. */
@QueryHandler(GetOrderHistoryQuery)
export class GetOrderHistoryHandler implements IQueryHandler<GetOrderHistoryQuery> {
  constructor(
    private readonly store: PostgresEventStore,
    private readonly executor: CommandExecutor,
  ) {}

  async execute({ id, actor }: GetOrderHistoryQuery): Promise<{ id: string; items: OrderHistoryEntry[] }> {
    const events = await this.store.readStream(rectificationOrderStreamId(id));
    if (events.length === 0) {
      throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该整改任务（编号 ${id}），请检查编号`);
    }
    // ORD-READ-1: of a petition case a reader may not read, the history shows what happened and when, not what was written.
    const { state } = await this.executor.read(rectificationOrders, id);
    const readable = mayReadOrderContent(actor, state);
    return {
      id,
      items: events.map((e) => ({
        type: e.type,
        version: e.version,
        position: e.position.toString(),
        recordedAt: e.recordedAt.toISOString(),
        actor: e.metadata.actor ?? null,
        command: typeof e.metadata.command === 'string' ? e.metadata.command : null,
        data: readable ? e.data : {},
      })),
    };
  }
}

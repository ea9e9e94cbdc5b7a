import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { rectificationOrderDecider, rectificationOrderStreamId } from '@app/domain';
import { ProblemException } from '@app/platform';
import { CommandExecutor, type CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { ConcludeInStagesCommand } from './conclude-in-stages.command';

/** The domain needs the linked order's deadline; it is read from that order's own stream, not the read model, so it is current. */
@CommandHandler(ConcludeInStagesCommand)
export class ConcludeInStagesHandler implements ICommandHandler<ConcludeInStagesCommand> {
  constructor(
    private readonly orders: OrderCommandRunner,
    private readonly executor: CommandExecutor,
  ) {}

  async execute({ orderId, body, context }: ConcludeInStagesCommand): Promise<CommandResult> {
    const linked = await this.executor.load(rectificationOrderDecider, rectificationOrderStreamId(body.linkedOrderId.toLowerCase()));
    if (linked.version === 0) {
      throw new ProblemException(
        422,
        'LINKED_ORDER_NOT_FOUND',
        'Unprocessable Entity',
        `关联的整改任务（编号 ${body.linkedOrderId}）不存在，请核对编号。`,
        { field: 'linkedOrderId' },
      );
    }
    return this.orders.run(
      orderId,
      {
        type: 'ConcludeInStages',
        linkedOrderId: body.linkedOrderId.toLowerCase(),
        linkedOrderDeadline: linked.state.currentDeadline,
        summary: body.summary,
      },
      context,
    );
  }
}

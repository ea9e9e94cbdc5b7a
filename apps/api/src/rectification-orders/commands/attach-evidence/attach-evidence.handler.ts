import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../../shared/command-executor';
import { OrderCommandRunner } from '../../shared/order-command.runner';
import { AttachEvidenceCommand } from './attach-evidence.command';

@CommandHandler(AttachEvidenceCommand)
export class AttachEvidenceHandler implements ICommandHandler<AttachEvidenceCommand> {
  constructor(private readonly orders: OrderCommandRunner) {}

  execute({ orderId, body, context }: AttachEvidenceCommand): Promise<CommandResult> {
    return this.orders.run(
      orderId,
      {
        type: 'AttachEvidence',
        evidenceId: body.evidenceId ?? randomUUID(),
        title: body.title,
        uri: body.uri ?? null,
        measureId: body.measureId ?? null,
        lastingMechanism: body.lastingMechanism ?? false,
      },
      context,
    );
  }
}

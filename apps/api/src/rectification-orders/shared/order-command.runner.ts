import { Injectable } from '@nestjs/common';
import {
  authorizeOrderCommand,
  rectificationOrderDecider,
  rectificationOrderStreamId,
  type Actor,
  type RectificationOrderCommand,
} from '@app/domain';
import { CommandExecutor, type CommandResult } from '../../shared/command-executor';

/** Who sends a command and which version they saw; travels with every order command through the bus. */
export interface OrderCommandContext {
  actor: Actor;
  ifMatch?: number;
  requestId?: string;
}

/** Every order command goes through the one command path; handlers only translate the request. */
@Injectable()
export class OrderCommandRunner {
  constructor(private readonly executor: CommandExecutor) {}

  run(orderId: string, command: RectificationOrderCommand, context: OrderCommandContext): Promise<CommandResult> {
    return this.executor.execute({
      decider: rectificationOrderDecider,
      streamId: rectificationOrderStreamId(orderId),
      id: orderId,
      command,
      actor: context.actor,
      mode: command.type === 'IssueOrder' ? 'create' : 'update',
      ifMatch: context.ifMatch,
      authorize: authorizeOrderCommand,
      what: '整改任务',
      requestId: context.requestId,
    });
  }
}

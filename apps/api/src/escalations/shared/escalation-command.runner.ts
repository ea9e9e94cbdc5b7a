import { Injectable } from '@nestjs/common';
import { authorizeEscalationCommand, escalationDecider, escalationStreamId, type Actor, type EscalationCommand } from '@app/domain';
import { CommandExecutor, type CommandResult } from '../../shared/command-executor';

export interface EscalationCommandContext {
  actor: Actor;
  ifMatch?: number;
  requestId?: string;
}

/** Leadership actions go through the one command path; handlers only translate the request. */
@Injectable()
export class EscalationCommandRunner {
  constructor(private readonly executor: CommandExecutor) {}

  run(id: string, command: EscalationCommand, context: EscalationCommandContext): Promise<CommandResult> {
    return this.executor.execute({
      decider: escalationDecider,
      streamId: escalationStreamId(id),
      id,
      command,
      actor: context.actor,
      mode: 'update',
      ifMatch: context.ifMatch,
      authorize: authorizeEscalationCommand,
      what: '督办预警',
      requestId: context.requestId,
    });
  }
}

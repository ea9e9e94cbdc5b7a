import { Command } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import {
  authorizeKeyProjectCommand,
  keyProjectCommandPolicies,
  keyProjectDecider,
  keyProjectStreamId,
  type Actor,
  type KeyProjectCommand,
  type KeyProjectCommandType,
  type Role,
} from '@app/domain';
import type { CommandExecutor, CommandResult } from '../../shared/command-executor';

export interface CommandMeta {
  actor: Actor;
  ifMatch?: number;
  requestId?: string;
}

/** What the HTTP layer hands to the command bus: the project, the validated body and who asks. */
export abstract class KeyProjectHttpCommand<B> extends Command<CommandResult> {
  constructor(
    readonly projectId: string,
    readonly body: B,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

export function executeKeyProjectCommand(
  executor: CommandExecutor,
  projectId: string,
  command: KeyProjectCommand,
  meta: CommandMeta,
  mode: 'create' | 'update' = 'update',
): Promise<CommandResult> {
  return executor.execute({
    decider: keyProjectDecider,
    streamId: keyProjectStreamId(projectId),
    id: projectId,
    command,
    actor: meta.actor,
    mode,
    ifMatch: meta.ifMatch,
    authorize: authorizeKeyProjectCommand,
    what: '重点工程',
    requestId: meta.requestId,
  });
}

/** The roles of the domain's policy, for @Roles(): a role that may never send the command gets 403 before anything runs. */
export function rolesFor(type: KeyProjectCommandType): Role[] {
  return [...keyProjectCommandPolicies[type].roles];
}

export class CommandResultDto implements CommandResult {
  @ApiProperty({ description: '重点工程编号（UUID）', example: '0b7e6a52-3c1d-5f4e-9a8b-1c2d3e4f5a6b' })
  id!: string;

  @ApiProperty({ description: '命令执行后的版本号；下一次修改时作为 If-Match 发送', example: 3 })
  version!: number;

  @ApiProperty({ description: '最后写入事件的全局位置；查询时作为 X-Min-Position 发送以读取自己的写入', example: '128' })
  position!: string;
}

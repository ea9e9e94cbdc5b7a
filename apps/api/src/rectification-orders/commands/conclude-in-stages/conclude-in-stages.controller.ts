import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { ConcludeInStagesCommand } from './conclude-in-stages.command';
import { ConcludeInStagesDto } from './conclude-in-stages.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class ConcludeInStagesController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/conclude-in-stages')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.ConcludeInStages.roles)
  @ApiOperation({
    summary: '阶段性办结',
    description: `信访件关联一项有整改时限的整改任务后，可阶段性办结。可用角色：${orderCommandPolicies.ConcludeInStages.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async concludeInStages(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: ConcludeInStagesDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new ConcludeInStagesCommand(id, body, { actor, ifMatch, requestId })));
  }
}

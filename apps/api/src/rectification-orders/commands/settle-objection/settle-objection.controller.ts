import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { SettleObjectionCommand } from './settle-objection.command';
import { SettleObjectionDto } from './settle-objection.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class SettleObjectionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/settle-objection')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.SettleObjection.roles)
  @ApiOperation({
    summary: '处理公示异议',
    description: `督查办或领导小组处理异议；异议成立则撤回公示、验收作废，任务退回整改中。可用角色：${orderCommandPolicies.SettleObjection.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async settleObjection(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: SettleObjectionDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new SettleObjectionCommand(id, body, { actor, ifMatch, requestId })));
  }
}

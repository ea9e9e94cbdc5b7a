import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { ReopenOrderCommand } from './reopen-order.command';
import { ReopenOrderDto } from './reopen-order.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class ReopenOrderController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.ReopenOrder.roles)
  @ApiOperation({
    summary: '重新打开',
    description: `领导小组重新打开已销号任务（如"回头看"发现反弹）；可设定新的现行整改时限。可用角色：${orderCommandPolicies.ReopenOrder.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async reopenOrder(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: ReopenOrderDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new ReopenOrderCommand(id, body, { actor, ifMatch, requestId })));
  }
}

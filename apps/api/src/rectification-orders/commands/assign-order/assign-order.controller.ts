import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { AssignOrderCommand } from './assign-order.command';
import { AssignOrderDto } from './assign-order.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class AssignOrderController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/assign')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.AssignOrder.roles)
  @ApiOperation({
    summary: '交办整改任务',
    description: `督查办将任务交办给牵头单位，明确配合单位、验收单位和责任人。可用角色：${orderCommandPolicies.AssignOrder.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async assignOrder(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: AssignOrderDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new AssignOrderCommand(id, body, { actor, ifMatch, requestId })));
  }
}

import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { StartRectificationCommand } from './start-rectification.command';
import { StartRectificationDto } from './start-rectification.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class StartRectificationController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/start')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.StartRectification.roles)
  @ApiOperation({
    summary: '开始整改',
    description: `牵头单位确认开始整改（交办后或重新打开后）。可用角色：${orderCommandPolicies.StartRectification.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async startRectification(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: StartRectificationDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new StartRectificationCommand(id, body, { actor, ifMatch, requestId })));
  }
}

import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { RequestExtensionCommand } from './request-extension.command';
import { RequestExtensionDto } from './request-extension.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class RequestExtensionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/request-extension')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.RequestExtension.roles)
  @ApiOperation({
    summary: '申请延期',
    description: `牵头单位在现行整改时限前申请延期，写明理由、申请延至日期和目前进展；原定时限不变。可用角色：${orderCommandPolicies.RequestExtension.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async requestExtension(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: RequestExtensionDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new RequestExtensionCommand(id, body, { actor, ifMatch, requestId })));
  }
}

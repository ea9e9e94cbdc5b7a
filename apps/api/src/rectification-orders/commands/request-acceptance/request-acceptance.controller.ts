import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { RequestAcceptanceCommand } from './request-acceptance.command';
import { RequestAcceptanceDto } from './request-acceptance.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class RequestAcceptanceController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/request-acceptance')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.RequestAcceptance.roles)
  @ApiOperation({
    summary: '申请验收',
    description: `仅牵头单位可申请验收；全部整改措施须已完成。可用角色：${orderCommandPolicies.RequestAcceptance.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async requestAcceptance(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: RequestAcceptanceDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new RequestAcceptanceCommand(id, body, { actor, ifMatch, requestId })));
  }
}

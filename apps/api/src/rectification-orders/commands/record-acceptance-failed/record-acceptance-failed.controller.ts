import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { RecordAcceptanceFailedCommand } from './record-acceptance-failed.command';
import { RecordAcceptanceFailedDto } from './record-acceptance-failed.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class RecordAcceptanceFailedController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/record-acceptance-failed')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.RecordAcceptanceFailed.roles)
  @ApiOperation({
    summary: '录入验收不通过',
    description: `督查办或领导小组录入验收不通过，逐条写明原因；任务退回整改中。可用角色：${orderCommandPolicies.RecordAcceptanceFailed.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async recordAcceptanceFailed(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: RecordAcceptanceFailedDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new RecordAcceptanceFailedCommand(id, body, { actor, ifMatch, requestId })));
  }
}

import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { RejectExtensionCommand } from './reject-extension.command';
import { RejectExtensionDto } from './reject-extension.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class RejectExtensionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/reject-extension')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.RejectExtension.roles)
  @ApiOperation({
    summary: '驳回延期申请',
    description: `领导小组驳回延期申请，须写明理由。可用角色：${orderCommandPolicies.RejectExtension.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async rejectExtension(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: RejectExtensionDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new RejectExtensionCommand(id, body, { actor, ifMatch, requestId })));
  }
}

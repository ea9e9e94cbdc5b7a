import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { ApproveExtensionCommand } from './approve-extension.command';
import { ApproveExtensionDto } from './approve-extension.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class ApproveExtensionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/approve-extension')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.ApproveExtension.roles)
  @ApiOperation({
    summary: '批准延期',
    description: `领导小组批准延期申请；现行整改时限改为申请日期，原定时限保留。可用角色：${orderCommandPolicies.ApproveExtension.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async approveExtension(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: ApproveExtensionDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new ApproveExtensionCommand(id, body, { actor, ifMatch, requestId })));
  }
}

import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { PublishClosingNoticeCommand } from './publish-closing-notice.command';
import { PublishClosingNoticeDto } from './publish-closing-notice.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class PublishClosingNoticeController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/publish-closing-notice')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.PublishClosingNotice.roles)
  @ApiOperation({
    summary: '发布拟销号公示',
    description: `验收通过后，督查办发布拟销号公示；公示期按工作日计算（默认 5 个工作日）。可用角色：${orderCommandPolicies.PublishClosingNotice.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async publishClosingNotice(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: PublishClosingNoticeDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new PublishClosingNoticeCommand(id, body, { actor, ifMatch, requestId })));
  }
}

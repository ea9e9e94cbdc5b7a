import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { RecordFollowUpVisitCommand } from './record-follow-up-visit.command';
import { RecordFollowUpVisitDto } from './record-follow-up-visit.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class RecordFollowUpVisitController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/record-follow-up-visit')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.RecordFollowUpVisit.roles)
  @ApiOperation({
    summary: '登记回访',
    description: `登记对信访人的回访情况。可用角色：${orderCommandPolicies.RecordFollowUpVisit.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async recordFollowUpVisit(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: RecordFollowUpVisitDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new RecordFollowUpVisitCommand(id, body, { actor, ifMatch, requestId })));
  }
}

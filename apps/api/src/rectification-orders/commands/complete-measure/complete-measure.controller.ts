import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { CompleteMeasureCommand } from './complete-measure.command';
import { CompleteMeasureDto } from './complete-measure.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class CompleteMeasureController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/complete-measure')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.CompleteMeasure.roles)
  @ApiOperation({
    summary: '完成整改措施',
    description: `牵头单位确认一项整改措施已完成；完成日期不能晚于今天。可用角色：${orderCommandPolicies.CompleteMeasure.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async completeMeasure(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: CompleteMeasureDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new CompleteMeasureCommand(id, body, { actor, ifMatch, requestId })));
  }
}

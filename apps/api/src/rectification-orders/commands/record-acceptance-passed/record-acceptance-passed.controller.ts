import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { RecordAcceptancePassedCommand } from './record-acceptance-passed.command';
import { RecordAcceptancePassedDto } from './record-acceptance-passed.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class RecordAcceptancePassedController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/record-acceptance-passed')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.RecordAcceptancePassed.roles)
  @ApiOperation({
    summary: '录入验收通过',
    description: `督查办或领导小组代验收单位录入验收通过记录。可用角色：${orderCommandPolicies.RecordAcceptancePassed.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async recordAcceptancePassed(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: RecordAcceptancePassedDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new RecordAcceptancePassedCommand(id, body, { actor, ifMatch, requestId })));
  }
}

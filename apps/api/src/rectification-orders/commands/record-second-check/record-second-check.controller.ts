import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { RecordSecondCheckCommand } from './record-second-check.command';
import { RecordSecondCheckDto } from './record-second-check.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class RecordSecondCheckController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/record-second-check')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.RecordSecondCheck.roles)
  @ApiOperation({
    summary: '录入复核结果',
    description: `"不属实"结论须经督查办复核后方可办结。可用角色：${orderCommandPolicies.RecordSecondCheck.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async recordSecondCheck(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: RecordSecondCheckDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new RecordSecondCheckCommand(id, body, { actor, ifMatch, requestId })));
  }
}

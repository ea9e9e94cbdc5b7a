import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { ReportOrderProgressCommand } from './report-progress.command';
import { ReportOrderProgressDto } from './report-progress.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class ReportOrderProgressController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/report-progress')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.ReportOrderProgress.roles)
  @ApiOperation({
    summary: '报送整改进展',
    description: `牵头单位或配合单位报送整改进展；报告只增不改，更正请另报一份。可用角色：${orderCommandPolicies.ReportOrderProgress.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async reportOrderProgress(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: ReportOrderProgressDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new ReportOrderProgressCommand(id, body, { actor, ifMatch, requestId })));
  }
}

import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { ReportPetitionFindingCommand } from './report-petition-finding.command';
import { ReportPetitionFindingDto } from './report-petition-finding.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class ReportPetitionFindingController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/report-petition-finding')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.ReportPetitionFinding.roles)
  @ApiOperation({
    summary: '报送信访件调查核实结果',
    description: `牵头单位在转办后 7 日内报送调查核实结论（属实 / 基本属实 / 部分属实 / 不属实）。可用角色：${orderCommandPolicies.ReportPetitionFinding.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async reportPetitionFinding(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: ReportPetitionFindingDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new ReportPetitionFindingCommand(id, body, { actor, ifMatch, requestId })));
  }
}

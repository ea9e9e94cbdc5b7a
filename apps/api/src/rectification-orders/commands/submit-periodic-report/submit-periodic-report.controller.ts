import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { SubmitPeriodicReportCommand } from './submit-periodic-report.command';
import { SubmitPeriodicReportDto } from './submit-periodic-report.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class SubmitPeriodicReportController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/submit-periodic-report')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.SubmitPeriodicReport.roles)
  @ApiOperation({
    summary: '报送定期进展',
    description: `"长期坚持"类任务按期（默认每季度）报送进展。可用角色：${orderCommandPolicies.SubmitPeriodicReport.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async submitPeriodicReport(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: SubmitPeriodicReportDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new SubmitPeriodicReportCommand(id, body, { actor, ifMatch, requestId })));
  }
}

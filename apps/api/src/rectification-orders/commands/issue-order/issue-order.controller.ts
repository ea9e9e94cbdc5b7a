import { randomUUID } from 'node:crypto';
import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { RequestId, created } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { IssueOrderCommand } from './issue-order.command';
import { IssueOrderDto } from './issue-order.dto';

type Reply = Parameters<typeof created>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class IssueOrderController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...orderCommandPolicies.IssueOrder.roles)
  @ApiOperation({
    summary: '下达整改任务',
    description: '督查办登记并下达整改任务（含督察转办信访件）；下达日期为今天（北京时间），整改时限不得早于下达日期。',
  })
  @ApiCreatedResponse({ type: CommandResultDto, description: '已下达；Location 指向新任务，ETag 为版本号' })
  async issueOrder(
    @Body() body: IssueOrderDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    const id = randomUUID();
    const result = await this.commandBus.execute(new IssueOrderCommand(id, body, { actor, requestId }));
    return created(reply, `/api/v1/rectification-orders/${id}`, result);
  }
}

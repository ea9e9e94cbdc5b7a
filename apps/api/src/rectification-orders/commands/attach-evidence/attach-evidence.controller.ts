import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '@app/auth';
import { orderCommandPolicies } from '@app/domain';
import type { CommandResult } from '../../../shared/command-executor';
import { IfMatch, RequestId, updated } from '../../../shared/http-conventions';
import { CommandResultDto } from '../../shared/command-result.dto';
import { OrderIdPipe } from '../../shared/order-id.pipe';
import { AttachEvidenceCommand } from './attach-evidence.command';
import { AttachEvidenceDto } from './attach-evidence.dto';

type Reply = Parameters<typeof updated>[0];

@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class AttachEvidenceController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/attach-evidence')
  @HttpCode(200)
  @Roles(...orderCommandPolicies.AttachEvidence.roles)
  @ApiOperation({
    summary: '上传佐证材料',
    description: `牵头单位或配合单位上传佐证材料；材料只增不改。可用角色：${orderCommandPolicies.AttachEvidence.roles.join('、')}。`,
  })
  @ApiParam({ name: 'id', description: '整改任务编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto, description: '命令已执行；ETag 为新版本号' })
  async attachEvidence(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: AttachEvidenceDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new AttachEvidenceCommand(id, body, { actor, ifMatch, requestId })));
  }
}

import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@app/auth';
import { escalationCommandRoles, type Actor } from '@app/domain';
import type { CommandResult } from '../shared/command-executor';
import { IfMatch, RequestId, updated } from '../shared/http-conventions';
import { CommandResultDto } from '../rectification-orders/shared/command-result.dto';
import { AcknowledgeEscalationCommand } from './commands/acknowledge-escalation/acknowledge-escalation.command';
import { AcknowledgeEscalationDto } from './commands/acknowledge-escalation/acknowledge-escalation.dto';
import { InstructOnEscalationCommand } from './commands/instruct-on-escalation/instruct-on-escalation.command';
import { InstructOnEscalationDto } from './commands/instruct-on-escalation/instruct-on-escalation.dto';
import { IssueSupervisionNoticeCommand } from './commands/issue-supervision-notice/issue-supervision-notice.command';
import { IssueSupervisionNoticeDto } from './commands/issue-supervision-notice/issue-supervision-notice.dto';
import { ReferForAccountabilityCommand } from './commands/refer-for-accountability/refer-for-accountability.command';
import { ReferForAccountabilityDto } from './commands/refer-for-accountability/refer-for-accountability.dto';
import { SummonResponsibleLeaderCommand } from './commands/summon-responsible-leader/summon-responsible-leader.command';
import { SummonResponsibleLeaderDto } from './commands/summon-responsible-leader/summon-responsible-leader.dto';
import { EscalationIdPipe } from './shared/escalation-id.pipe';

type Reply = Parameters<typeof updated>[0];

const IF_MATCH = { name: 'If-Match', required: false, description: '上次读取到的版本号（如 "3"）；版本已变化时返回 412' };
const roles = (type: keyof typeof escalationCommandRoles) => escalationCommandRoles[type].join('、');

@ApiTags('escalations 督办预警')
@ApiBearerAuth()
@ApiHeader(IF_MATCH)
@Controller('api/v1/escalations')
export class EscalationCommandsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles(...escalationCommandRoles.AcknowledgeEscalation)
  @ApiOperation({ summary: '签阅预警', description: `记录领导已阅（每条预警签阅一次）。可用角色：${roles('AcknowledgeEscalation')}。` })
  @ApiParam({ name: 'id', description: '预警编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto })
  async acknowledge(
    @Param('id', EscalationIdPipe) id: string,
    @Body() body: AcknowledgeEscalationDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new AcknowledgeEscalationCommand(id, body, { actor, ifMatch, requestId })));
  }

  @Post(':id/instruct')
  @HttpCode(200)
  @Roles(...escalationCommandRoles.InstructOnEscalation)
  @ApiOperation({ summary: '领导批示', description: `记录批示内容。可用角色：${roles('InstructOnEscalation')}。` })
  @ApiParam({ name: 'id', description: '预警编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto })
  async instruct(
    @Param('id', EscalationIdPipe) id: string,
    @Body() body: InstructOnEscalationDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new InstructOnEscalationCommand(id, body, { actor, ifMatch, requestId })));
  }

  @Post(':id/supervision-notice')
  @HttpCode(200)
  @Roles(...escalationCommandRoles.IssueSupervisionNotice)
  @ApiOperation({ summary: '下发督办单', description: `记录督办单编号和督办要求。可用角色：${roles('IssueSupervisionNotice')}。` })
  @ApiParam({ name: 'id', description: '预警编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto })
  async supervisionNotice(
    @Param('id', EscalationIdPipe) id: string,
    @Body() body: IssueSupervisionNoticeDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new IssueSupervisionNoticeCommand(id, body, { actor, ifMatch, requestId })));
  }

  @Post(':id/summon')
  @HttpCode(200)
  @Roles(...escalationCommandRoles.SummonResponsibleLeader)
  @ApiOperation({ summary: '约谈', description: `记录约谈日期、被约谈人、地点。可用角色：${roles('SummonResponsibleLeader')}。` })
  @ApiParam({ name: 'id', description: '预警编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto })
  async summon(
    @Param('id', EscalationIdPipe) id: string,
    @Body() body: SummonResponsibleLeaderDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new SummonResponsibleLeaderCommand(id, body, { actor, ifMatch, requestId })));
  }

  @Post(':id/refer-accountability')
  @HttpCode(200)
  @Roles(...escalationCommandRoles.ReferForAccountability)
  @ApiOperation({
    summary: '移交问责',
    description: `记录移交问责事由；已解除的预警也可移交。可用角色：${roles('ReferForAccountability')}。`,
  })
  @ApiParam({ name: 'id', description: '预警编号（UUID）' })
  @ApiOkResponse({ type: CommandResultDto })
  async referAccountability(
    @Param('id', EscalationIdPipe) id: string,
    @Body() body: ReferForAccountabilityDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new ReferForAccountabilityCommand(id, body, { actor, ifMatch, requestId })));
  }
}

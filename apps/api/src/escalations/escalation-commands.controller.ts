import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CommandExecutor, escalations, type CommandMeta, type CommandResult } from '@app/commands';
import { CommandEndpoint } from '../shared/command-endpoint';
import { Meta } from '../shared/http-conventions';
import { EscalationIdPipe } from '../shared/id.pipe';
import {
  AcknowledgeEscalationDto,
  InstructOnEscalationDto,
  IssueSupervisionNoticeDto,
  ReferForAccountabilityDto,
  SummonResponsibleLeaderDto,
} from './escalation-commands.dto';

/** Leadership's actions on an escalation: each route hands its body's command to the one command path. */
@ApiTags('escalations 督办预警')
@ApiBearerAuth()
@Controller('api/v1/escalations')
export class EscalationCommandsController {
  constructor(private readonly commands: CommandExecutor) {}

  @Post(':id/acknowledge')
  @CommandEndpoint(escalations, 'AcknowledgeEscalation', { summary: '签阅预警', description: '记录领导已阅（每条预警签阅一次）。' })
  acknowledge(
    @Param('id', EscalationIdPipe) id: string,
    @Body() body: AcknowledgeEscalationDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(escalations, id, body.toCommand(), meta);
  }

  @Post(':id/instruct')
  @CommandEndpoint(escalations, 'InstructOnEscalation', { summary: '领导批示', description: '记录批示内容。' })
  instruct(
    @Param('id', EscalationIdPipe) id: string,
    @Body() body: InstructOnEscalationDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(escalations, id, body.toCommand(), meta);
  }

  @Post(':id/supervision-notice')
  @CommandEndpoint(escalations, 'IssueSupervisionNotice', { summary: '下发督办单', description: '记录督办单编号和督办要求。' })
  supervisionNotice(
    @Param('id', EscalationIdPipe) id: string,
    @Body() body: IssueSupervisionNoticeDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(escalations, id, body.toCommand(), meta);
  }

  @Post(':id/summon')
  @CommandEndpoint(escalations, 'SummonResponsibleLeader', { summary: '约谈', description: '记录约谈日期、被约谈人、地点。' })
  summon(
    @Param('id', EscalationIdPipe) id: string,
    @Body() body: SummonResponsibleLeaderDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(escalations, id, body.toCommand(), meta);
  }

  @Post(':id/refer-accountability')
  @CommandEndpoint(escalations, 'ReferForAccountability', { summary: '移交问责', description: '记录移交问责事由；已解除的预警也可移交。' })
  referAccountability(
    @Param('id', EscalationIdPipe) id: string,
    @Body() body: ReferForAccountabilityDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(escalations, id, body.toCommand(), meta);
  }
}

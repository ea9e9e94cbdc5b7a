import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@app/auth';
import type { Actor } from '@app/domain';
import type { CommandResult } from '../shared/command-executor';
import { created, IfMatch, RequestId, updated } from '../shared/http-conventions';
import { AcceptKeyProjectCommand } from './commands/accept-key-project/accept-key-project.command';
import { AcceptKeyProjectDto } from './commands/accept-key-project/accept-key-project.dto';
import { AchieveMilestoneCommand } from './commands/achieve-milestone/achieve-milestone.command';
import { AchieveMilestoneDto } from './commands/achieve-milestone/achieve-milestone.dto';
import { ApproveBaselineChangeCommand } from './commands/approve-baseline-change/approve-baseline-change.command';
import { ApproveBaselineChangeDto } from './commands/approve-baseline-change/approve-baseline-change.dto';
import { CancelKeyProjectCommand } from './commands/cancel-key-project/cancel-key-project.command';
import { CancelKeyProjectDto } from './commands/cancel-key-project/cancel-key-project.dto';
import { CompleteKeyProjectCommand } from './commands/complete-key-project/complete-key-project.command';
import { CompleteKeyProjectDto } from './commands/complete-key-project/complete-key-project.dto';
import { PlanMilestoneCommand } from './commands/plan-milestone/plan-milestone.command';
import { PlanMilestoneDto } from './commands/plan-milestone/plan-milestone.dto';
import { RegisterKeyProjectCommand } from './commands/register-key-project/register-key-project.command';
import { RegisterKeyProjectDto } from './commands/register-key-project/register-key-project.dto';
import { RejectBaselineChangeCommand } from './commands/reject-baseline-change/reject-baseline-change.command';
import { RejectBaselineChangeDto } from './commands/reject-baseline-change/reject-baseline-change.dto';
import { ReportProjectProgressCommand } from './commands/report-project-progress/report-project-progress.command';
import { ReportProjectProgressDto } from './commands/report-project-progress/report-project-progress.dto';
import { RequestBaselineChangeCommand } from './commands/request-baseline-change/request-baseline-change.command';
import { RequestBaselineChangeDto } from './commands/request-baseline-change/request-baseline-change.dto';
import { ResumeKeyProjectCommand } from './commands/resume-key-project/resume-key-project.command';
import { ResumeKeyProjectDto } from './commands/resume-key-project/resume-key-project.dto';
import { StartKeyProjectCommand } from './commands/start-key-project/start-key-project.command';
import { StartKeyProjectDto } from './commands/start-key-project/start-key-project.dto';
import { SuspendKeyProjectCommand } from './commands/suspend-key-project/suspend-key-project.command';
import { SuspendKeyProjectDto } from './commands/suspend-key-project/suspend-key-project.dto';
import { CommandResultDto, rolesFor } from './shared/key-project-command';
import { keyProjectIdForCode, ProjectIdPipe } from './shared/key-project-id';

interface Reply {
  header(name: string, value: string): Reply;
  status(code: number): Reply;
}

const IF_MATCH = { name: 'If-Match', required: false, description: '上次读取到的版本号（如 "3"）；版本已变化时返回 412' };
const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: '幂等键：重复提交时返回首次的结果而不重复写入' };

@ApiTags('key-projects 重点工程')
@ApiBearerAuth()
@ApiHeader(IDEMPOTENCY)
@Controller('api/v1/key-projects')
export class KeyProjectCommandsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...rolesFor('RegisterKeyProject'))
  @ApiOperation({ summary: '登记重点工程', description: '仅整改办（督查办）可登记；不填 id 时由工程代码生成，同一代码只能登记一次。' })
  @ApiCreatedResponse({ type: CommandResultDto, description: '已登记；Location 指向新工程，ETag 为版本号' })
  async register(
    @Body() body: RegisterKeyProjectDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    const id = body.id ?? keyProjectIdForCode(body.code);
    const result = await this.commandBus.execute(new RegisterKeyProjectCommand(id, body, { actor, requestId }));
    return created(reply, `/api/v1/key-projects/${id}`, result);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles(...rolesFor('StartKeyProject'))
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: '开工', description: '牵头单位确认工程开工（计划中 → 实施中）。' })
  @ApiOkResponse({ type: CommandResultDto })
  async start(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: StartKeyProjectDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new StartKeyProjectCommand(id, body, { actor, ifMatch, requestId })));
  }

  @Post(':id/plan-milestone')
  @HttpCode(200)
  @Roles(...rolesFor('PlanMilestone'))
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: '制定里程碑', description: '牵头单位或整改办制定里程碑及其基线日期；基线日期此后只能经领导小组批准调整。' })
  @ApiOkResponse({ type: CommandResultDto })
  async planMilestone(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: PlanMilestoneDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new PlanMilestoneCommand(id, body, { actor, ifMatch, requestId })));
  }

  @Post(':id/report-progress')
  @HttpCode(200)
  @Roles(...rolesFor('ReportProjectProgress'))
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: '报送进度', description: '牵头单位或配合单位报送进度；报告只增不改，更正即再报一次。' })
  @ApiOkResponse({ type: CommandResultDto })
  async reportProgress(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: ReportProjectProgressDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new ReportProjectProgressCommand(id, body, { actor, ifMatch, requestId })));
  }

  @Post(':id/request-baseline-change')
  @HttpCode(200)
  @Roles(...rolesFor('RequestBaselineChange'))
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: '申请调整里程碑基线', description: '牵头单位提出，待领导小组审批；原基线始终保留。' })
  @ApiOkResponse({ type: CommandResultDto })
  async requestBaselineChange(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: RequestBaselineChangeDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new RequestBaselineChangeCommand(id, body, { actor, ifMatch, requestId })));
  }

  @Post(':id/approve-baseline-change')
  @HttpCode(200)
  @Roles(...rolesFor('ApproveBaselineChange'))
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: '批准基线调整', description: '领导小组批准，里程碑采用新基线，原基线保留用于偏差统计。' })
  @ApiOkResponse({ type: CommandResultDto })
  async approveBaselineChange(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: ApproveBaselineChangeDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new ApproveBaselineChangeCommand(id, body, { actor, ifMatch, requestId })));
  }

  @Post(':id/reject-baseline-change')
  @HttpCode(200)
  @Roles(...rolesFor('RejectBaselineChange'))
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: '驳回基线调整', description: '领导小组驳回，基线不变。' })
  @ApiOkResponse({ type: CommandResultDto })
  async rejectBaselineChange(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: RejectBaselineChangeDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new RejectBaselineChangeCommand(id, body, { actor, ifMatch, requestId })));
  }

  @Post(':id/achieve-milestone')
  @HttpCode(200)
  @Roles(...rolesFor('AchieveMilestone'))
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: '确认里程碑完成', description: '牵头单位确认；完成日期不得晚于今天，至少附一项佐证材料。' })
  @ApiOkResponse({ type: CommandResultDto })
  async achieveMilestone(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: AchieveMilestoneDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new AchieveMilestoneCommand(id, body, { actor, ifMatch, requestId })));
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles(...rolesFor('SuspendKeyProject'))
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: '暂停工程', description: '牵头单位或领导小组暂停实施中的工程，须说明原因。' })
  @ApiOkResponse({ type: CommandResultDto })
  async suspend(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: SuspendKeyProjectDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new SuspendKeyProjectCommand(id, body, { actor, ifMatch, requestId })));
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles(...rolesFor('ResumeKeyProject'))
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: '恢复实施', description: '牵头单位或领导小组恢复已暂停的工程。' })
  @ApiOkResponse({ type: CommandResultDto })
  async resume(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: ResumeKeyProjectDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new ResumeKeyProjectCommand(id, body, { actor, ifMatch, requestId })));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles(...rolesFor('CompleteKeyProject'))
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: '确认完工', description: '牵头单位确认完工；须全部必须完成的里程碑已完成。' })
  @ApiOkResponse({ type: CommandResultDto })
  async complete(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: CompleteKeyProjectDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new CompleteKeyProjectCommand(id, body, { actor, ifMatch, requestId })));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles(...rolesFor('AcceptKeyProject'))
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: '验收工程', description: '整改办或领导小组录入验收记录（验收单位、文件编号、日期）。' })
  @ApiOkResponse({ type: CommandResultDto })
  async accept(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: AcceptKeyProjectDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new AcceptKeyProjectCommand(id, body, { actor, ifMatch, requestId })));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(...rolesFor('CancelKeyProject'))
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: '取消工程', description: '仅领导小组可取消计划中或已暂停的工程，须说明原因。' })
  @ApiOkResponse({ type: CommandResultDto })
  async cancel(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: CancelKeyProjectDto,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch: number | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<CommandResult> {
    return updated(reply, await this.commandBus.execute(new CancelKeyProjectCommand(id, body, { actor, ifMatch, requestId })));
  }
}

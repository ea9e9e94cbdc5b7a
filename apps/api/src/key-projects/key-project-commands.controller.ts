import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CommandExecutor, keyProjects, type CommandMeta, type CommandResult } from '@app/commands';
import { CommandEndpoint } from '../shared/command-endpoint';
import { Meta } from '../shared/http-conventions';
import { ProjectIdPipe } from '../shared/id.pipe';
import {
  AcceptKeyProjectDto,
  AchieveMilestoneDto,
  ApproveBaselineChangeDto,
  CancelKeyProjectDto,
  CompleteKeyProjectDto,
  PlanMilestoneDto,
  RegisterKeyProjectDto,
  RejectBaselineChangeDto,
  ReportProjectProgressDto,
  RequestBaselineChangeDto,
  ResumeKeyProjectDto,
  StartKeyProjectDto,
  SuspendKeyProjectDto,
} from './key-project-commands.dto';
import { AmendKeyProjectRegistrationDto, AssignKeyProjectDto, ReassignKeyProjectDto } from './key-project-assignment.dto';
import { ProjectCodeNotTaken, registrationId } from './key-project-id';

/** The key-project commands: each route hands its body's command to the one command path. */
@ApiTags('key-projects 重点工程')
@ApiBearerAuth()
@Controller('api/v1/key-projects')
export class KeyProjectCommandsController {
  constructor(private readonly commands: CommandExecutor) {}

  @Post()
  @CommandEndpoint(keyProjects, 'RegisterKeyProject', {
    summary: '登记重点工程',
    description: '不填 id 时由工程代码生成，同一代码只能登记一次。',
    creates: true,
  })
  register(@Body(ProjectCodeNotTaken) body: RegisterKeyProjectDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    const id = registrationId(body);
    return this.commands.execute(keyProjects, id, body.toCommand(id), meta);
  }

  @Post(':id/assign')
  @CommandEndpoint(keyProjects, 'AssignKeyProject', {
    summary: '交办',
    description:
      '整改办交办待交办事项：牵头单位、配合单位、责任领导（姓名、职务）、责任人、计划起止日期及各里程碑日期。交办后由牵头单位办理；变更请重新交办。',
  })
  assign(@Param('id', ProjectIdPipe) id: string, @Body() body: AssignKeyProjectDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.commands.execute(keyProjects, id, body.toCommand(), meta);
  }

  @Post(':id/reassign')
  @CommandEndpoint(keyProjects, 'ReassignKeyProject', {
    summary: '重新交办',
    description: '整改办变更牵头单位、配合单位、责任领导或责任人，须说明理由；原交办记录保留在历史中。',
  })
  reassign(@Param('id', ProjectIdPipe) id: string, @Body() body: ReassignKeyProjectDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.commands.execute(keyProjects, id, body.toCommand(), meta);
  }

  @Post(':id/amend-registration')
  @CommandEndpoint(keyProjects, 'AmendKeyProjectRegistration', {
    summary: '更正登记信息',
    description: '整改办按规划原文更正事项类型和规划出处；交办前可撤回登记时记录的牵头单位，事项回到待交办。',
  })
  amendRegistration(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: AmendKeyProjectRegistrationDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(keyProjects, id, body.toCommand(), meta);
  }

  @Post(':id/start')
  @CommandEndpoint(keyProjects, 'StartKeyProject', {
    summary: '开工（工作任务、争取类：启动）',
    description: '牵头单位确认开工或启动（计划中 → 实施中）；待交办事项不能开工。',
  })
  start(@Param('id', ProjectIdPipe) id: string, @Body() body: StartKeyProjectDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.commands.execute(keyProjects, id, body.toCommand(), meta);
  }

  @Post(':id/plan-milestone')
  @CommandEndpoint(keyProjects, 'PlanMilestone', {
    summary: '制定里程碑',
    description: '牵头单位或整改办制定里程碑及其基线日期；基线日期此后只能经领导小组批准调整。',
  })
  planMilestone(@Param('id', ProjectIdPipe) id: string, @Body() body: PlanMilestoneDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.commands.execute(keyProjects, id, body.toCommand(), meta);
  }

  @Post(':id/report-progress')
  @CommandEndpoint(keyProjects, 'ReportProjectProgress', {
    summary: '报送进展',
    description: '牵头单位或配合单位报送进展；报告只增不改，更正即再报一次。',
  })
  reportProgress(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: ReportProjectProgressDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(keyProjects, id, body.toCommand(), meta);
  }

  @Post(':id/request-baseline-change')
  @CommandEndpoint(keyProjects, 'RequestBaselineChange', {
    summary: '申请调整里程碑基线',
    description: '牵头单位提出，待领导小组审批；原基线始终保留。',
  })
  requestBaselineChange(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: RequestBaselineChangeDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(keyProjects, id, body.toCommand(), meta);
  }

  @Post(':id/approve-baseline-change')
  @CommandEndpoint(keyProjects, 'ApproveBaselineChange', {
    summary: '批准基线调整',
    description: '领导小组批准，里程碑采用新基线，原基线保留用于偏差统计。',
  })
  approveBaselineChange(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: ApproveBaselineChangeDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(keyProjects, id, body.toCommand(), meta);
  }

  @Post(':id/reject-baseline-change')
  @CommandEndpoint(keyProjects, 'RejectBaselineChange', { summary: '驳回基线调整', description: '领导小组驳回，基线不变。' })
  rejectBaselineChange(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: RejectBaselineChangeDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(keyProjects, id, body.toCommand(), meta);
  }

  @Post(':id/achieve-milestone')
  @CommandEndpoint(keyProjects, 'AchieveMilestone', {
    summary: '确认里程碑完成',
    description: '牵头单位确认；完成日期不得晚于今天，至少附一项佐证材料。',
  })
  achieveMilestone(
    @Param('id', ProjectIdPipe) id: string,
    @Body() body: AchieveMilestoneDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(keyProjects, id, body.toCommand(), meta);
  }

  @Post(':id/suspend')
  @CommandEndpoint(keyProjects, 'SuspendKeyProject', {
    summary: '暂停工程',
    description: '牵头单位或领导小组暂停实施中的工程，须说明原因。',
  })
  suspend(@Param('id', ProjectIdPipe) id: string, @Body() body: SuspendKeyProjectDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.commands.execute(keyProjects, id, body.toCommand(), meta);
  }

  @Post(':id/resume')
  @CommandEndpoint(keyProjects, 'ResumeKeyProject', { summary: '恢复实施', description: '牵头单位或领导小组恢复已暂停的工程。' })
  resume(@Param('id', ProjectIdPipe) id: string, @Body() body: ResumeKeyProjectDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.commands.execute(keyProjects, id, body.toCommand(), meta);
  }

  @Post(':id/complete')
  @CommandEndpoint(keyProjects, 'CompleteKeyProject', {
    summary: '确认完工（工作任务、争取类：确认完成）',
    description: '牵头单位确认完工或完成；须全部必须完成的里程碑已完成。',
  })
  complete(@Param('id', ProjectIdPipe) id: string, @Body() body: CompleteKeyProjectDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.commands.execute(keyProjects, id, body.toCommand(), meta);
  }

  @Post(':id/accept')
  @CommandEndpoint(keyProjects, 'AcceptKeyProject', {
    summary: '验收工程',
    description: '整改办或领导小组录入验收记录（验收单位、文件编号、日期）；仅工程项目设验收，工作任务和争取类不验收。',
  })
  accept(@Param('id', ProjectIdPipe) id: string, @Body() body: AcceptKeyProjectDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.commands.execute(keyProjects, id, body.toCommand(), meta);
  }

  @Post(':id/cancel')
  @CommandEndpoint(keyProjects, 'CancelKeyProject', {
    summary: '取消工程',
    description: '仅领导小组可取消计划中或已暂停的工程，须说明原因。',
  })
  cancel(@Param('id', ProjectIdPipe) id: string, @Body() body: CancelKeyProjectDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.commands.execute(keyProjects, id, body.toCommand(), meta);
  }
}

import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CommandExecutor, indicators, type CommandMeta, type CommandResult } from '@app/commands';
import { CommandEndpoint } from '../shared/command-endpoint';
import { Meta } from '../shared/http-conventions';
import {
  AssignIndicatorDto,
  CorrectIndicatorValueDto,
  LinkContributingProjectDto,
  ReassignIndicatorDto,
  ReportIndicatorValueDto,
  SetYearlyTargetsDto,
} from './indicator-commands.dto';
import { IndicatorIdPipe } from './indicator-id';

/**
 * The indicator commands: each route hands its body's command to the one command path. Indicators
 * are registered from the plan by the seeder (表2 and the chapter targets), not over HTTP.
 */
@ApiTags('indicators 指标')
@ApiBearerAuth()
@Controller('api/v1/indicators')
export class IndicatorCommandsController {
  constructor(private readonly commands: CommandExecutor) {}

  @Post(':id/assign')
  @CommandEndpoint(indicators, 'AssignIndicator', {
    summary: '交办指标',
    description: '整改办明确牵头单位、配合单位、责任领导和责任人（待交办 → 已交办）；此后由责任单位报送数值。',
  })
  assign(@Param('id', IndicatorIdPipe) id: string, @Body() body: AssignIndicatorDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.commands.execute(indicators, id, body.toCommand(), meta);
  }

  @Post(':id/reassign')
  @CommandEndpoint(indicators, 'ReassignIndicator', {
    summary: '重新交办指标',
    description: '调整已交办指标的责任单位或责任人，须说明理由；原交办保留在历史中。',
  })
  reassign(
    @Param('id', IndicatorIdPipe) id: string,
    @Body() body: ReassignIndicatorDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(indicators, id, body.toCommand(), meta);
  }

  @Post(':id/set-yearly-targets')
  @CommandEndpoint(indicators, 'SetYearlyTargets', {
    summary: '设定年度目标（序时进度）',
    description: '录入各年度目标值（“完成省定目标任务值”的指标录入省下达的年度目标），须注明依据；2025年目标不得低于规划目标。',
  })
  setYearlyTargets(
    @Param('id', IndicatorIdPipe) id: string,
    @Body() body: SetYearlyTargetsDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(indicators, id, body.toCommand(), meta);
  }

  @Post(':id/report-value')
  @CommandEndpoint(indicators, 'ReportIndicatorValue', {
    summary: '报送指标数值',
    description:
      '报送一个已结束统计期的数值及数据来源：数值型指标按其计量单位填写数字，定性指标填“达到/未达到”。同一统计期只报送一次，修改请提交更正。',
  })
  report(
    @Param('id', IndicatorIdPipe) id: string,
    @Body() body: ReportIndicatorValueDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(indicators, id, body.toCommand(), meta);
  }

  @Post(':id/correct-value')
  @CommandEndpoint(indicators, 'CorrectIndicatorValue', {
    summary: '更正指标数值',
    description: '更正已报送统计期的数值或来源，须说明理由；原报送数值和历次更正均保留。',
  })
  correct(
    @Param('id', IndicatorIdPipe) id: string,
    @Body() body: CorrectIndicatorValueDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(indicators, id, body.toCommand(), meta);
  }

  @Post(':id/link-project')
  @CommandEndpoint(indicators, 'LinkContributingProject', {
    summary: '关联支撑工程',
    description: '将支撑该指标的重点工程关联到指标；同一工程只关联一次。',
  })
  linkProject(
    @Param('id', IndicatorIdPipe) id: string,
    @Body() body: LinkContributingProjectDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(indicators, id, body.toCommand(), meta);
  }
}

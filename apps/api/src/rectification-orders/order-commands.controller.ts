import { randomUUID } from 'node:crypto';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CommandExecutor, rectificationOrders, type CommandMeta, type CommandResult } from '@app/commands';
import type { BackfillOrder, IssueOrder, PersonalText } from '@app/domain';
import { PersonalDataProtector } from '../personal-data/personal-data.protector';
import { CommandEndpoint } from '../shared/command-endpoint';
import { Meta } from '../shared/http-conventions';
import { OrderIdPipe } from '../shared/id.pipe';
import {
  ApproveExtensionDto,
  ApproveRectificationPlanDto,
  AssignOrderDto,
  BackfillOrderDto,
  AttachEvidenceDto,
  CloseOrderDto,
  CompleteMeasureDto,
  ConcludeInStagesDto,
  ConcludePetitionCaseDto,
  IssueOrderDto,
  PublishClosingNoticeDto,
  RecordAcceptanceFailedDto,
  RecordAcceptancePassedDto,
  RecordFollowUpVisitDto,
  RecordObjectionDto,
  RecordSecondCheckDto,
  ReassignOrderDto,
  ReviseMeasuresDto,
  RejectExtensionDto,
  ReopenOrderDto,
  ReportOrderProgressDto,
  ReportPetitionFindingDto,
  RequestAcceptanceDto,
  RequestExtensionDto,
  ReturnRectificationPlanDto,
  SettleObjectionDto,
  StartRectificationDto,
  SubmitPeriodicReportDto,
  SubmitRectificationPlanDto,
} from './order-commands.dto';

/** The rectification-order commands: each route hands its body's command to the one command path. */
@ApiTags('整改任务 rectification orders')
@ApiBearerAuth()
@Controller('api/v1/rectification-orders')
export class OrderCommandsController {
  constructor(
    private readonly commands: CommandExecutor,
    private readonly personal: PersonalDataProtector,
  ) {}

  /** The order's responsible person as a reference (ORD-PII-1), keeping the current one when unchanged. */
  private async protectAssignment<A extends { responsiblePerson: PersonalText | null }>(orderId: string, assignment: A): Promise<A> {
    const text = typeof assignment.responsiblePerson === 'string' ? assignment.responsiblePerson : null;
    if (text === null) return assignment;
    const { state, version } = await this.commands.read(rectificationOrders, orderId);
    const current = version > 0 ? state.responsiblePerson : null;
    return { ...assignment, responsiblePerson: await this.personal.responsiblePerson(orderId, text, current) };
  }

  /** 信访人 into the personal-data store; the command carries the references. */
  private async protectPetition<C extends IssueOrder | BackfillOrder>(command: C, body: IssueOrderDto): Promise<C> {
    const petitioner = body.petition?.petitioner;
    if (!command.petition || !petitioner) return command;
    return { ...command, petition: { ...command.petition, petitioner: await this.personal.petitioner(command.orderId, petitioner) } };
  }

  @Post()
  @CommandEndpoint(rectificationOrders, 'IssueOrder', {
    summary: '下达整改任务',
    description: '督查办登记并下达整改任务（含督察转办信访件）；下达日期为今天（北京时间），整改时限不得早于下达日期。',
    creates: true,
  })
  async issue(@Body() body: IssueOrderDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    const id = randomUUID();
    return this.commands.execute(rectificationOrders, id, await this.protectPetition(body.toCommand(id), body), meta);
  }

  @Post('backfill')
  @CommandEndpoint(rectificationOrders, 'BackfillOrder', {
    summary: '补录整改任务',
    description:
      '督查办补录系统建立前已下达的整改任务（如 2017 年中央督察、2018 年“回头看”、2019 年省级督察）：原下达日期、整改时限、批次和目前状态，记录补录人和补录日期；补录后与其他任务一样预警督办。',
    creates: true,
  })
  async backfill(@Body() body: BackfillOrderDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    const id = randomUUID();
    let command = await this.protectPetition(body.toBackfill(id), body);
    if (command.assignment) command = { ...command, assignment: await this.protectAssignment(id, command.assignment) };
    return this.commands.execute(rectificationOrders, id, command, meta);
  }

  @Post(':id/assign')
  @CommandEndpoint(rectificationOrders, 'AssignOrder', {
    summary: '交办整改任务',
    description: '督查办将任务交办给牵头单位，明确配合单位、验收单位和责任人。',
  })
  async assign(@Param('id', OrderIdPipe) id: string, @Body() body: AssignOrderDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, await this.protectAssignment(id, body.toCommand()), meta);
  }

  @Post(':id/revise-measures')
  @CommandEndpoint(rectificationOrders, 'ReviseMeasures', {
    summary: '修改整改措施',
    description: '交办前，督查办修改整改措施（增加、修改、删除）；每项措施的完成时限须在下达日期与整改时限之间。',
  })
  reviseMeasures(@Param('id', OrderIdPipe) id: string, @Body() body: ReviseMeasuresDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/reassign')
  @CommandEndpoint(rectificationOrders, 'ReassignOrder', {
    summary: '重新交办',
    description: '督查办调整牵头单位、配合单位、验收单位、责任人或责任领导，须写明原因。',
  })
  async reassign(@Param('id', OrderIdPipe) id: string, @Body() body: ReassignOrderDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, await this.protectAssignment(id, body.toCommand()), meta);
  }

  @Post(':id/submit-plan')
  @CommandEndpoint(rectificationOrders, 'SubmitRectificationPlan', {
    summary: '报送整改方案',
    description: '牵头单位报送一问题一方案：整改措施（完成时限、责任人）和责任领导；每次报送为新版本，待整改办审核。',
  })
  submitPlan(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: SubmitRectificationPlanDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/approve-plan')
  @CommandEndpoint(rectificationOrders, 'ApproveRectificationPlan', {
    summary: '审核通过整改方案',
    description:
      '整改办审核通过待审核的整改方案，任务的整改措施和责任领导以方案为准；中央、省级督察任务的方案推迟措施时限的，须录入省整改办审核或备案。',
  })
  approvePlan(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: ApproveRectificationPlanDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/return-plan')
  @CommandEndpoint(rectificationOrders, 'ReturnRectificationPlan', {
    summary: '退回整改方案',
    description: '整改办退回待审核的整改方案，逐条写明理由；牵头单位修改后重新报送。',
  })
  returnPlan(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: ReturnRectificationPlanDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/start')
  @CommandEndpoint(rectificationOrders, 'StartRectification', {
    summary: '开始整改',
    description: '牵头单位确认开始整改（交办后或退回重新整改后）。',
  })
  start(@Param('id', OrderIdPipe) id: string, @Body() body: StartRectificationDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/report-progress')
  @CommandEndpoint(rectificationOrders, 'ReportOrderProgress', {
    summary: '报送整改进展',
    description: '牵头单位或配合单位报送整改进展；报告只增不改，更正请另报一份。',
  })
  reportProgress(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: ReportOrderProgressDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/complete-measure')
  @CommandEndpoint(rectificationOrders, 'CompleteMeasure', {
    summary: '完成整改措施',
    description: '牵头单位确认一项整改措施已完成；完成日期不能晚于今天。',
  })
  completeMeasure(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: CompleteMeasureDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/attach-evidence')
  @CommandEndpoint(rectificationOrders, 'AttachEvidence', {
    summary: '上传佐证材料',
    description: '牵头单位或配合单位上传佐证材料；材料只增不改。',
  })
  attachEvidence(@Param('id', OrderIdPipe) id: string, @Body() body: AttachEvidenceDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/request-extension')
  @CommandEndpoint(rectificationOrders, 'RequestExtension', {
    summary: '申请延期',
    description: '牵头单位在现行整改时限前申请延期，写明理由、申请延至日期和目前进展；原定时限不变。',
  })
  requestExtension(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: RequestExtensionDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/approve-extension')
  @CommandEndpoint(rectificationOrders, 'ApproveExtension', {
    summary: '批准延期',
    description:
      '领导小组批准延期申请；现行整改时限改为申请日期，原定时限保留。中央督察、“回头看”和省级督察任务须同时录入省整改办审核或备案（文号、日期、审批机关）。',
  })
  approveExtension(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: ApproveExtensionDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/reject-extension')
  @CommandEndpoint(rectificationOrders, 'RejectExtension', { summary: '驳回延期申请', description: '领导小组驳回延期申请，须写明理由。' })
  rejectExtension(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: RejectExtensionDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/request-acceptance')
  @CommandEndpoint(rectificationOrders, 'RequestAcceptance', {
    summary: '申请验收',
    description: '仅牵头单位可申请验收；全部整改措施须已完成。',
  })
  requestAcceptance(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: RequestAcceptanceDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/record-acceptance-passed')
  @CommandEndpoint(rectificationOrders, 'RecordAcceptancePassed', {
    summary: '录入验收通过',
    description: '督查办或领导小组代验收单位录入验收通过记录。',
  })
  recordAcceptancePassed(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: RecordAcceptancePassedDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/record-acceptance-failed')
  @CommandEndpoint(rectificationOrders, 'RecordAcceptanceFailed', {
    summary: '录入验收不通过',
    description: '督查办或领导小组录入验收不通过，逐条写明原因；任务退回整改中。',
  })
  recordAcceptanceFailed(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: RecordAcceptanceFailedDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/publish-closing-notice')
  @CommandEndpoint(rectificationOrders, 'PublishClosingNotice', {
    summary: '发布拟销号公示',
    description: '验收通过后，督查办发布拟销号公示；公示期按工作日计算（默认 5 个工作日）。',
  })
  publishClosingNotice(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: PublishClosingNoticeDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/record-objection')
  @CommandEndpoint(rectificationOrders, 'RecordObjection', { summary: '登记公示异议', description: '督查办登记公示期间收到的异议。' })
  recordObjection(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: RecordObjectionDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/settle-objection')
  @CommandEndpoint(rectificationOrders, 'SettleObjection', {
    summary: '处理公示异议',
    description: '督查办或领导小组处理异议；异议成立则撤回公示、验收作废，任务退回整改中。',
  })
  settleObjection(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: SettleObjectionDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/close')
  @CommandEndpoint(rectificationOrders, 'CloseOrder', {
    summary: '销号',
    description: '督查办销号：须有验收通过记录、全部措施完成、公示期满且无未处理异议。',
  })
  close(@Param('id', OrderIdPipe) id: string, @Body() body: CloseOrderDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/reopen')
  @CommandEndpoint(rectificationOrders, 'ReopenOrder', {
    summary: '退回重新整改',
    description: '领导小组将已销号任务退回重新整改（如“回头看”发现反弹）；可设定新的现行整改时限。',
  })
  reopen(@Param('id', OrderIdPipe) id: string, @Body() body: ReopenOrderDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/report-petition-finding')
  @CommandEndpoint(rectificationOrders, 'ReportPetitionFinding', {
    summary: '报送信访件调查核实结果',
    description: '牵头单位在转办后 7 日内报送调查核实结论（属实 / 基本属实 / 部分属实 / 不属实）。',
  })
  async reportPetitionFinding(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: ReportPetitionFindingDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = body.toCommand();
    const summary = await this.personal.petitionText(id, 'findingSummary', body.summary, body.containsPersonalData);
    return this.commands.execute(rectificationOrders, id, { ...command, summary }, meta);
  }

  @Post(':id/record-second-check')
  @CommandEndpoint(rectificationOrders, 'RecordSecondCheck', {
    summary: '录入复核结果',
    description: '"不属实"结论须经督查办复核后方可办结。',
  })
  async recordSecondCheck(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: RecordSecondCheckDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = body.toCommand();
    const summary = await this.personal.petitionText(id, 'secondCheckSummary', body.summary, body.containsPersonalData);
    return this.commands.execute(rectificationOrders, id, { ...command, summary }, meta);
  }

  @Post(':id/conclude-in-stages')
  @CommandEndpoint(rectificationOrders, 'ConcludeInStages', {
    summary: '阶段性办结',
    description: '信访件关联一项有整改时限的整改任务后，可阶段性办结。',
  })
  concludeInStages(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: ConcludeInStagesDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/record-follow-up-visit')
  @CommandEndpoint(rectificationOrders, 'RecordFollowUpVisit', { summary: '登记回访', description: '登记对信访人的回访情况。' })
  async recordFollowUpVisit(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: RecordFollowUpVisitDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = body.toCommand();
    const summary = await this.personal.petitionText(id, 'visitSummary', body.summary, body.containsPersonalData);
    return this.commands.execute(rectificationOrders, id, { ...command, summary }, meta);
  }

  @Post(':id/conclude-petition-case')
  @CommandEndpoint(rectificationOrders, 'ConcludePetitionCase', {
    summary: '信访件办结',
    description:
      '督查办在调查核实情况报告报送、回访信访人（“不属实”的经复核）、整改措施完成（或已阶段性办结）后办结信访件，并录入办理结果的公开情况（公开方式、日期）。信访件不走验收、拟销号公示和销号程序。',
  })
  concludePetitionCase(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: ConcludePetitionCaseDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }

  @Post(':id/submit-periodic-report')
  @CommandEndpoint(rectificationOrders, 'SubmitPeriodicReport', {
    summary: '报送定期进展',
    description: '"长期坚持"类任务按期（默认每季度）报送进展。',
  })
  submitPeriodicReport(
    @Param('id', OrderIdPipe) id: string,
    @Body() body: SubmitPeriodicReportDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.commands.execute(rectificationOrders, id, body.toCommand(), meta);
  }
}

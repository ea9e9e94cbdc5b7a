import { Body, Controller, Get, Header, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles, ROLES } from '@app/auth';
import { documentRegisters, type CommandMeta } from '@app/commands';
import { documentKindInfo, parseDocumentRegisterId, roleLabels, type DocumentKind } from '@app/domain';
import { ProblemException } from '@app/platform';
import { Meta } from '../shared/http-conventions';
import { renderAllocation } from './document-templates';
import {
  AssessmentResultDocumentDto,
  ClosureApprovalDocumentDto,
  ListDocumentsQueryDto,
  OverdueCircularDocumentDto,
  SupervisionNoticeDocumentDto,
} from './documents.dto';
import { DocumentsService, documentView, type DocumentView } from './documents.service';
import { DOCX_MIME } from './official-docx';

interface Reply {
  header(name: string, value: string): Reply;
  status(code: number): Reply;
}

const rolesOf = (kind: DocumentKind) => documentRegisters.roles(documentKindInfo[kind].command);
const whoMay = (kind: DocumentKind) =>
  `可用角色：${rolesOf(kind)
    .map((r) => roleLabels[r])
    .join('、')}。`;

/** 201 for a document numbered now, 200 for the one its subject already had. */
function answer(reply: Reply, view: DocumentView): DocumentView {
  reply.status(view.created ? 201 : 200).header('location', view.downloadUrl);
  return view;
}

export function contentDisposition(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * 公文: each document gets its 文号 from the register of its kind and year (DOC-NUM-1) when it is
 * first generated; the content is frozen then, so downloading it again gives the same file.
 */
@ApiTags('documents 公文')
@ApiBearerAuth()
@Controller('api/v1/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post('supervision-notices')
  @HttpCode(201)
  @Roles(...rolesOf('SUPERVISION_NOTICE'))
  @ApiOperation({
    summary: '生成督办单（编文号）',
    description: `对已下发督办单的督办预警生成督办单公文并编文号；同一预警只编一次号，再次请求返回原文号（200）。${whoMay('SUPERVISION_NOTICE')}`,
  })
  async supervisionNotice(@Body() body: SupervisionNoticeDocumentDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) reply: Reply) {
    return answer(reply, await this.documents.supervisionNotice(body.escalationId.toLowerCase(), meta));
  }

  @Post('overdue-circulars')
  @HttpCode(201)
  @Roles(...rolesOf('OVERDUE_CIRCULAR'))
  @ApiOperation({
    summary: '生成督办通报（编文号）',
    description: `就一个期间内的逾期事项和逾期单位生成督办通报并编文号；同一期间只编一次号。${whoMay('OVERDUE_CIRCULAR')}`,
  })
  async overdueCircular(@Body() body: OverdueCircularDocumentDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) reply: Reply) {
    return answer(reply, await this.documents.overdueCircular(body.from, body.to, meta));
  }

  @Post('closure-approvals')
  @HttpCode(201)
  @Roles(...rolesOf('CLOSURE_APPROVAL'))
  @ApiOperation({
    summary: '生成整改销号审批表（编文号）',
    description: `对已销号的整改任务生成整改销号审批表并编文号；同一任务只编一次号。${whoMay('CLOSURE_APPROVAL')}`,
  })
  async closureApproval(@Body() body: ClosureApprovalDocumentDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) reply: Reply) {
    return answer(reply, await this.documents.closureApproval(body.orderId.toLowerCase(), meta));
  }

  @Post('assessment-results')
  @HttpCode(201)
  @Roles(...rolesOf('ASSESSMENT_RESULT'))
  @ApiOperation({
    summary: '生成年度考核结果（编文号）',
    description: `按年度考核（截至 asOf）生成考核结果公文并编文号，内容为编号时的得分和名次；同一年度只编一次号。${whoMay('ASSESSMENT_RESULT')}`,
  })
  async assessmentResult(@Body() body: AssessmentResultDocumentDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) reply: Reply) {
    return answer(reply, await this.documents.assessmentResult(body.year, body.asOf, meta));
  }

  @Get()
  @Roles(...ROLES)
  @ApiOperation({
    summary: '公文列表（文号登记簿）',
    description: '按种类、年度、事项筛选已编号的公文，按登记簿和序号排列。所有角色可查。',
  })
  @ApiOkResponse({ description: '{ items, total }' })
  async list(@Query() filter: ListDocumentsQueryDto) {
    const items = (await this.documents.list(filter)).map(documentView);
    return { items, total: items.length };
  }

  @Get(':registerId/:sequence/docx')
  @Roles(...ROLES)
  @Header('content-type', DOCX_MIME)
  @ApiProduces(DOCX_MIME)
  @ApiParam({ name: 'registerId', description: '登记簿，如 notice2026（督办单 2026 年）' })
  @ApiParam({ name: 'sequence', description: '序号（文号中的号数）' })
  @ApiOperation({ summary: '下载公文（.docx）', description: '按编号时冻结的内容生成，同一文号每次下载内容相同。所有角色可下载。' })
  async download(
    @Param('registerId') registerId: string,
    @Param('sequence', ParseIntPipe) sequence: number,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const register = parseDocumentRegisterId(registerId);
    if (!register) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到登记簿“${registerId}”，请检查链接。`);
    const allocation = await this.documents.get(registerId, sequence);
    const name = `${allocation.documentNumber}-${documentKindInfo[allocation.kind].label}.docx`;
    reply.header('content-disposition', contentDisposition(`${registerId}-${sequence}.docx`, name));
    return renderAllocation(allocation);
  }
}

import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles, ROLES } from '@app/auth';
import { type CommandMeta } from '@app/commands';
import { deadlineKindLabels, orderSourceLabels, orderStatusLabels } from '@app/domain';
import { ProblemException } from '@app/platform';
import { Meta } from '../shared/http-conventions';
import { IMPORT_ROLES } from './import-body';
import { ledgerWorkbook, XLSX_MIME } from './ledger-xlsx';
import { LedgerQueryDto } from './ledger.dto';
import { departmentName, ledgerTimelinessLabels } from './ledger.layout';
import { LedgerService } from './ledger.service';
import { OrderImportService } from './order-import.service';
import { ApiView } from '../openapi/api-view.decorator';

interface Reply {
  header(name: string, value: string): Reply;
}

function caption(f: LedgerQueryDto): string {
  const parts = [
    f.source && `问题来源：${orderSourceLabels[f.source]}`,
    f.batch && `批次：${f.batch}`,
    f.department && `单位：${departmentName(f.department)}`,
    f.state && `状态：${orderStatusLabels[f.state]}`,
    f.deadlineKind && `时限类型：${deadlineKindLabels[f.deadlineKind]}`,
    f.timeliness && `及时性：${ledgerTimelinessLabels[f.timeliness]}`,
    f.text && `关键词：${f.text}`,
  ].filter(Boolean);
  return parts.length ? parts.join('；') : '全部';
}

@ApiTags('整改台账 ledger')
@ApiBearerAuth()
@Roles(...ROLES)
@Controller('api/v1')
export class LedgerController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly importer: OrderImportService,
  ) {}

  @Get('ledger/orders')
  @ApiView('LedgerPage')
  @ApiOperation({
    summary: '整改台账（含及时性筛选）',
    description: '与 GET /rectification-orders 相同的筛选条件，另加及时性（timeliness）；每条附及时性。所有角色可查。',
  })
  list(@Query() filter: LedgerQueryDto) {
    return this.ledger.page(filter);
  }

  @Get('ledger/batches')
  @ApiView('LedgerBatches')
  @ApiOperation({ summary: '台账中出现的全部批次', description: '供批次筛选下拉框使用。' })
  async batches() {
    const items = await this.ledger.batches();
    return { items, total: items.length };
  }

  @Get('ledger/overview')
  @ApiView('LedgerOverview')
  @ApiOperation({
    summary: '驾驶舱统计（由台账和重点工程读模型计算）',
    description:
      '单位排名（按原时限、现行时限的按期率，逾期数）、按单位和月份的逾期数、未来 30 天到期事项、待交办事项（awaitingAssignment：数量及清单）。',
  })
  overview() {
    return this.ledger.overview();
  }

  @Get('rectification-orders/export.xlsx')
  @Header('content-type', XLSX_MIME)
  @ApiProduces(XLSX_MIME)
  @ApiOperation({
    summary: '导出整改台账（.xlsx）',
    description: '按与台账相同的筛选条件导出，表中恰为筛选出的全部任务（不分页）；同样格式的表格可用于导入。',
  })
  @ApiOkResponse({ description: 'Excel 工作簿：“整改台账”表 + “说明”表' })
  async export(@Query() filter: LedgerQueryDto, @Res({ passthrough: true }) reply: Reply): Promise<Buffer> {
    const rows = await this.ledger.rows(filter);
    const today = this.ledger.today();
    const file = `整改台账-${today}.xlsx`;
    reply.header('content-disposition', `attachment; filename="ledger-${today}.xlsx"; filename*=UTF-8''${encodeURIComponent(file)}`);
    reply.header('x-total-count', String(rows.length));
    return ledgerWorkbook(rows, today, caption(filter));
  }

  @Post('rectification-orders/import')
  @HttpCode(201)
  @Roles(...IMPORT_ROLES)
  @ApiConsumes(XLSX_MIME, 'application/octet-stream')
  @ApiBody({ description: '与导出台账格式相同的 .xlsx 文件（请求体即文件内容）', schema: { type: 'string', format: 'binary' } })
  @ApiOperation({
    summary: '从 .xlsx 导入新整改任务',
    description:
      '逐行校验（类型、日期、单位，并按业务规则试运行下达和交办）；有任何错误则整表不导入，返回 422 及每行错误 errors: [{row, field, messages}]。' +
      '全部无误时在一个数据库事务中下达（并交办）全部任务。仅整改办可导入。',
  })
  async import(@Body() body: unknown, @Meta() meta: CommandMeta) {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new ProblemException(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Unsupported Media Type',
        `请以 Content-Type: ${XLSX_MIME} 上传 .xlsx 文件内容`,
      );
    }
    return this.importer.import(body, meta);
  }
}

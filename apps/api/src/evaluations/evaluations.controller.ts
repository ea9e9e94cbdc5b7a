import { Controller, Get, Header, Param, ParseIntPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles, ROLES } from '@app/auth';
import { endOfShanghaiDay, shanghaiDate, type CalendarDate } from '@app/domain';
import { Clock, ProblemException } from '@app/platform';
import { PlanSnapshotService } from '../assessments/plan-snapshot.service';
import { contentDisposition } from '../documents/documents.controller';
import { DOCX_MIME } from '../documents/official-docx';
import { packReport, packSheets, packWorkbook, XLSX_MIME } from './evaluation-pack';

interface Reply {
  header(name: string, value: string): Reply;
}

/** 中期评估 (2023), 终期评估 (2025): the pack of a year as of its 12-31 (or today while it runs). */
@ApiTags('evaluations 规划评估')
@ApiBearerAuth()
@Controller('api/v1/evaluations')
export class EvaluationsController {
  constructor(
    private readonly snapshots: PlanSnapshotService,
    private readonly clock: Clock,
  ) {}

  private asOf(year: number): CalendarDate {
    const today = shanghaiDate(this.clock.now());
    if (year < 2021 || `${year}-01-01` > today) {
      throw new ProblemException(
        404,
        'NOT_FOUND',
        'Not Found',
        `没有${year}年的评估资料：评估年度应在2021年至今年之间（中期评估为2023年，终期评估为2025年）。`,
      );
    }
    const end = `${year}-12-31`;
    return end < today ? end : today;
  }

  private async pack(year: number) {
    const asOf = this.asOf(year);
    const snapshot = await this.snapshots.at(endOfShanghaiDay(asOf));
    // Files dated the as-of day, not the moment they are made: the same year gives the same bytes.
    return { asOf, sheets: packSheets(snapshot), fixedTime: new Date(`${asOf}T00:00:00+08:00`) };
  }

  @Get(':year')
  @Roles(...ROLES)
  @ApiParam({ name: 'year', example: 2025 })
  @ApiOperation({
    summary: '规划评估资料包',
    description:
      '截至该年 12 月 31 日（年内为今天）的全部重点工程、指标、整改任务和督办预警的状态与记录摘要：各类数量和 .xlsx（每类一张表）、.docx 汇总报告的下载地址。所有角色可查。',
  })
  @ApiOkResponse({ description: '{ year, asOf, counts, xlsxUrl, docxUrl }' })
  async summary(@Param('year', ParseIntPipe) year: number) {
    const { asOf, sheets } = await this.pack(year);
    return {
      year,
      asOf,
      counts: Object.fromEntries(sheets.map((s) => [s.name, s.rows.length])),
      xlsxUrl: `/api/v1/evaluations/${year}/xlsx`,
      docxUrl: `/api/v1/evaluations/${year}/docx`,
    };
  }

  @Get(':year/xlsx')
  @Roles(...ROLES)
  @Header('content-type', XLSX_MIME)
  @ApiProduces(XLSX_MIME)
  @ApiParam({ name: 'year', example: 2025 })
  @ApiOperation({ summary: '评估资料（.xlsx，每类一张工作表）', description: '同一截至日期重复生成内容相同。所有角色可下载。' })
  async xlsx(@Param('year', ParseIntPipe) year: number, @Res({ passthrough: true }) reply: Reply) {
    const { asOf, sheets, fixedTime } = await this.pack(year);
    reply.header('content-disposition', contentDisposition(`evaluation-${year}.xlsx`, `规划评估资料-${year}（截至${asOf}）.xlsx`));
    return packWorkbook(sheets, asOf, fixedTime);
  }

  @Get(':year/docx')
  @Roles(...ROLES)
  @Header('content-type', DOCX_MIME)
  @ApiProduces(DOCX_MIME)
  @ApiParam({ name: 'year', example: 2025 })
  @ApiOperation({ summary: '评估汇总报告（.docx）', description: '同一截至日期重复生成内容相同。所有角色可下载。' })
  async docx(@Param('year', ParseIntPipe) year: number, @Res({ passthrough: true }) reply: Reply) {
    const { asOf, sheets, fixedTime } = await this.pack(year);
    reply.header('content-disposition', contentDisposition(`evaluation-${year}.docx`, `规划评估汇总报告-${year}.docx`));
    return packReport(year, asOf, sheets, fixedTime);
  }
}

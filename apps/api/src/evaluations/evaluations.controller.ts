import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Header, HttpCode, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CommandExecutor, evaluations, type CommandMeta } from '@app/commands';
import { Meta } from '../shared/http-conventions';
import { Roles, ROLES } from '@app/auth';
import {
  endOfShanghaiDay,
  findingRatingLabels,
  findingRatings,
  findingSubjectTypes,
  roleLabels,
  shanghaiDate,
  type CalendarDate,
  type FindingRating,
  type FindingSubjectType,
} from '@app/domain';
import { Clock, ProblemException } from '@app/platform';
import { PlanSnapshotService } from '../assessments/plan-snapshot.service';
import { contentDisposition } from '../documents/documents.controller';
import { DOCX_MIME } from '../documents/official-docx';
import { packReport, packSheets, packWorkbook, XLSX_MIME } from './evaluation-pack';

export class RecordFindingDto {
  @ApiProperty({
    description: '针对：KEY_PROJECT 重点工程 / INDICATOR 指标 / RECTIFICATION_ORDER 整改任务 / GENERAL 总体',
    enum: findingSubjectTypes,
  })
  @IsIn(findingSubjectTypes)
  subjectType!: FindingSubjectType;

  @ApiPropertyOptional({ description: '工程、指标或整改任务编号（GENERAL 时不填）', example: 'IND-06' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subjectCode?: string;

  @ApiProperty({ description: '评价：GOOD 较好 / ADEQUATE 基本达到 / CONCERN 存在问题', enum: findingRatings })
  @IsIn(findingRatings)
  rating!: FindingRating;

  @ApiProperty({ description: '评估意见', example: 'PM2.5 浓度连续两年下降，但冬季重污染天数仍偏多。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  text!: string;
}

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
    private readonly commands: CommandExecutor,
  ) {}

  @Post(':year/findings')
  @HttpCode(201)
  @Roles(...evaluations.roles('RecordEvaluationFinding'))
  @ApiParam({ name: 'year', example: 2025 })
  @ApiOperation({
    summary: '记录第三方评估意见',
    description: `第三方评估机构就该年度评估对一项工程、指标、整改任务或总体情况记录意见（事件，不可修改）。可用角色：${evaluations
      .roles('RecordEvaluationFinding')
      .map((r) => roleLabels[r])
      .join('、')}。`,
  })
  async record(@Param('year', ParseIntPipe) year: number, @Body() body: RecordFindingDto, @Meta() meta: CommandMeta) {
    const findingId = randomUUID();
    const result = await this.commands.execute(
      evaluations,
      String(year),
      {
        type: 'RecordEvaluationFinding',
        findingId,
        year,
        subjectType: body.subjectType,
        subjectCode: body.subjectCode ?? null,
        rating: body.rating,
        text: body.text,
      },
      meta,
    );
    return { ...result, id: findingId };
  }

  @Get(':year/findings')
  @Roles(...ROLES)
  @ApiParam({ name: 'year', example: 2025 })
  @ApiOperation({ summary: '第三方评估意见列表', description: '按记录先后排列。所有角色可查。' })
  async findings(@Param('year', ParseIntPipe) year: number) {
    if (year < 2021 || year > 2100) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `没有${year}年的评估。`);
    const { state } = await this.commands.read(evaluations, String(year));
    const items = state.findings.map((f) => ({ ...f, ratingLabel: findingRatingLabels[f.rating] }));
    return { items, total: items.length };
  }

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

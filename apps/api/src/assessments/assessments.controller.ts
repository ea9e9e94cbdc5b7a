import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { Roles, ROLES } from '@app/auth';
import { departmentName } from '@app/domain';
import { ProblemException } from '@app/platform';
import { IsCalendarDate } from '../shared/is-calendar-date';
import { AssessmentsService } from './assessments.service';

export class AssessmentQueryDto {
  @ApiPropertyOptional({ description: '考核截止日期（默认该年 12 月 31 日，年内为今天）', example: '2026-06-30' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

function checkYear(year: number): number {
  if (year < 2021 || year > 2100)
    throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `没有${year}年的考核：规划期为2021—2025年，考核年度自2021年起。`);
  return year;
}

/** 年度考核: explainable scores per department and year, as of any day. */
@ApiTags('assessments 年度考核')
@ApiBearerAuth()
@Controller('api/v1/assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Get(':year')
  @Roles(...ROLES)
  @ApiParam({ name: 'year', description: '考核年度', example: 2026 })
  @ApiOperation({
    summary: '年度考核结果（全部单位）',
    description:
      '按单位给出得分、等次、名次和明细：按原定/现行时限完成率、指标达标率、节点完成率（各含事项清单和链接），以及逾期天数、督办预警、问责的扣分。' +
      'asOf 可查看任一日期当时的结果（按当时日志重算）。权重与阈值见 config。所有角色可查。',
  })
  @ApiOkResponse({ description: '{ year, asOf, config, departments: [...] }' })
  year(@Param('year', ParseIntPipe) year: number, @Query() query: AssessmentQueryDto) {
    return this.assessments.year(checkYear(year), query.asOf);
  }

  @Get(':year/departments/:department')
  @Roles(...ROLES)
  @ApiParam({ name: 'year', description: '考核年度', example: 2026 })
  @ApiParam({ name: 'department', description: '单位编号', example: 'ning-an-city' })
  @ApiOperation({ summary: '一个单位的年度考核明细', description: '得分的每一项及其背后的事项。所有角色可查。' })
  async department(@Param('year', ParseIntPipe) year: number, @Param('department') department: string, @Query() query: AssessmentQueryDto) {
    const all = await this.assessments.year(checkYear(year), query.asOf);
    const found = all.departments.find((d) => d.department === department);
    if (!found) {
      throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `“${departmentName(department)}”${year}年截至${all.asOf}没有考核事项。`);
    }
    return { ...found, config: all.config };
  }
}

import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Roles, ROLES } from '@app/auth';
import { CommandExecutor, targetResponsibilities, type CommandMeta } from '@app/commands';
import {
  departmentName,
  endOfShanghaiDay,
  roleLabels,
  shanghaiDate,
  targetListChanges,
  targetListOf,
  trajectoryFor,
  type TargetIndicator,
} from '@app/domain';
import { Clock, ProblemException } from '@app/platform';
import { PlanSnapshotService } from '../assessments/plan-snapshot.service';
import { Meta } from '../shared/http-conventions';
import { IsCalendarDate } from '../shared/is-calendar-date';

export class TargetListQueryDto {
  @ApiPropertyOptional({ description: '查看哪一天的清单（默认今天）', example: '2026-06-30' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class SignTargetListDto {
  @ApiPropertyOptional({ description: '签订说明', example: '经领导小组会议审定' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

function checkYear(year: number): number {
  if (year < 2021 || year > 2030)
    throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `没有${year}年的目标责任书：年度应在2021年至2030年之间。`);
  return year;
}

/**
 * 目标责任书 (TGT-LIST-1, TGT-SIGN-1): each department's list for a year, derived from the log, the
 * list leadership signed, and the changes since.
 */
@ApiTags('target-responsibility 目标责任书')
@ApiBearerAuth()
@Controller('api/v1/target-responsibility')
export class TargetResponsibilityController {
  constructor(
    private readonly snapshots: PlanSnapshotService,
    private readonly commands: CommandExecutor,
    private readonly clock: Clock,
  ) {}

  private async lists(year: number, asOf?: string) {
    const day = asOf ?? shanghaiDate(this.clock.now());
    const snapshot = await this.snapshots.at(endOfShanghaiDay(day));
    const indicators: TargetIndicator[] = [...snapshot.indicators].map(([id, s]) => {
      const t = trajectoryFor(s, year);
      return {
        id,
        code: s.code,
        name: s.name,
        department: s.leadDepartment,
        unit: s.unit,
        target: t ? { value: t.value, label: t.labelZh } : null,
      };
    });
    const { state } = await this.commands.read(targetResponsibilities, String(year));
    const departments = new Set<string>(Object.keys(state.signed));
    for (const i of snapshot.items) if (i.department) departments.add(i.department);
    for (const i of indicators) if (i.department) departments.add(i.department);
    const lists = [...departments]
      .map((department) => {
        const entries = targetListOf(department, year, snapshot.items, indicators);
        const signed = state.signed[department] ?? null;
        return {
          department,
          departmentName: departmentName(department),
          entries,
          signed: signed && { signedOn: signed.signedOn, signedByName: signed.signedByName, note: signed.note, entries: signed.entries },
          changes: signed ? targetListChanges(signed.entries, entries) : null,
        };
      })
      .filter((l) => l.entries.length > 0 || l.signed)
      .sort((a, b) => a.departmentName.localeCompare(b.departmentName, 'zh'));
    return { year, asOf: day, departments: lists };
  }

  @Get(':year')
  @Roles(...ROLES)
  @ApiParam({ name: 'year', example: 2026 })
  @ApiOperation({
    summary: '年度目标责任书（全部单位）',
    description:
      '每个单位本年度应完成的工程节点、指标年度目标和整改时限（由记录生成），已签订的清单，以及签订后的变化（新增、删除、时限或目标变更）。所有角色可查。',
  })
  @ApiOkResponse({ description: '{ year, asOf, departments: [{ department, departmentName, entries, signed, changes }] }' })
  list(@Param('year', ParseIntPipe) year: number, @Query() query: TargetListQueryDto) {
    return this.lists(checkYear(year), query.asOf);
  }

  @Get(':year/departments/:department')
  @Roles(...ROLES)
  @ApiParam({ name: 'year', example: 2026 })
  @ApiParam({ name: 'department', example: 'ning-an-city' })
  @ApiOperation({ summary: '一个单位的年度目标责任书', description: '所有角色可查。' })
  async one(@Param('year', ParseIntPipe) year: number, @Param('department') department: string, @Query() query: TargetListQueryDto) {
    const all = await this.lists(checkYear(year), query.asOf);
    const found = all.departments.find((d) => d.department === department);
    if (!found) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `“${departmentName(department)}”${year}年没有应承担的目标任务。`);
    return { year, asOf: all.asOf, ...found };
  }

  @Post(':year/departments/:department/sign')
  @HttpCode(200)
  @Roles(...targetResponsibilities.roles('SignTargetList'))
  @ApiParam({ name: 'year', example: 2026 })
  @ApiParam({ name: 'department', example: 'ning-an-city' })
  @ApiOperation({
    summary: '签订目标责任书',
    description: `把该单位当前的年度清单签订为目标责任书（清单内容随签订事件冻结）；再次签订以新清单为准。可用角色：${targetResponsibilities
      .roles('SignTargetList')
      .map((r) => roleLabels[r])
      .join('、')}。`,
  })
  async sign(
    @Param('year', ParseIntPipe) year: number,
    @Param('department') department: string,
    @Body() body: SignTargetListDto,
    @Meta() meta: CommandMeta,
  ) {
    checkYear(year);
    const { departments } = await this.lists(year);
    const entries = departments.find((d) => d.department === department)?.entries ?? [];
    const result = await this.commands.execute(
      targetResponsibilities,
      String(year),
      { type: 'SignTargetList' as const, year, department, entries, note: body.note ?? null },
      meta,
    );
    return { ...result, year, department, entries: entries.length };
  }
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { planItemKinds, type KeyProjectStatus, type PlanItemKind } from '@app/domain';

export const KEY_PROJECT_STATUSES: KeyProjectStatus[] = ['PLANNED', 'IN_PROGRESS', 'SUSPENDED', 'COMPLETED', 'ACCEPTED', 'CANCELLED'];
export const SORT_FIELDS = ['code', 'name', 'progress', 'plannedStart', 'plannedEnd', 'status', 'planBox', 'updatedAt'] as const;
export const SORT_PATTERN = new RegExp(`^-?(${SORT_FIELDS.join('|')})$`);

export class ListKeyProjectsDto {
  @ApiPropertyOptional({ description: '单位编号：牵头或配合该单位的工程；unassigned 表示尚未明确牵头单位', example: 'ning-an-city' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ description: '状态', enum: KEY_PROJECT_STATUSES, example: 'IN_PROGRESS' })
  @IsOptional()
  @IsIn(KEY_PROJECT_STATUSES)
  state?: KeyProjectStatus;

  @ApiPropertyOptional({ description: '所属专栏 1–9', example: 8 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(9)
  planBox?: number;

  @ApiPropertyOptional({ description: '工程类别', example: 'risk' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  category?: string;

  @ApiPropertyOptional({ description: '类型：KEY_PROJECT 重点工程，COMMITMENT 规划承诺事项', enum: ['KEY_PROJECT', 'COMMITMENT'] })
  @IsOptional()
  @IsIn(['KEY_PROJECT', 'COMMITMENT'])
  kind?: 'KEY_PROJECT' | 'COMMITMENT';

  @ApiPropertyOptional({ description: '事项类型：PROJECT 工程项目、TASK 工作任务、STRIVE 争取类', enum: planItemKinds })
  @IsOptional()
  @IsIn(planItemKinds)
  planItemKind?: PlanItemKind;

  @ApiPropertyOptional({ description: 'true：只列待交办事项（尚无牵头单位）；false：只列已明确牵头单位的事项', example: true })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  awaitingAssignment?: boolean;

  @ApiPropertyOptional({ description: 'true：只列有待审批基线调整申请的事项', example: true })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  pendingBaselineChange?: boolean;

  @ApiPropertyOptional({ description: '关键词：匹配代码、名称、简介、实施单位、里程碑名称', example: '垃圾' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  text?: string;

  @ApiPropertyOptional({ description: '页码（从 1 开始）', example: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({ description: '每页条数（1–100）', example: 20, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 20;

  @ApiPropertyOptional({ description: `排序字段，前缀 - 表示降序：${SORT_FIELDS.join('、')}`, example: '-progress', default: 'code' })
  @IsOptional()
  @Matches(SORT_PATTERN)
  sort: string = 'code';
}

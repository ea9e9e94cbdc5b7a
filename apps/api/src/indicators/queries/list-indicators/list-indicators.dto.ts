import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { indicatorCategories, type IndicatorAttribute, type IndicatorCategory, type IndicatorStatus } from '@app/domain';

export const INDICATOR_STATUSES: IndicatorStatus[] = ['ON_TARGET', 'CLOSE', 'LAGGING', 'NO_DATA', 'NOT_ASSESSABLE'];
/** NONE: the chapter targets, for which the plan states neither 约束性 nor 预期性. */
export const INDICATOR_ATTRIBUTE_FILTERS = ['BINDING', 'EXPECTED', 'NONE'] as const;
/** NONE: a target no 表2 category fits (TG-15). */
export const INDICATOR_CATEGORY_FILTERS = [...indicatorCategories, 'NONE'] as const;

export class ListIndicatorsDto {
  @ApiPropertyOptional({
    description: '属性：BINDING 约束性，EXPECTED 预期性，NONE 规划未标明（正文目标）',
    enum: INDICATOR_ATTRIBUTE_FILTERS,
  })
  @IsOptional()
  @IsIn(INDICATOR_ATTRIBUTE_FILTERS)
  attribute?: IndicatorAttribute | 'NONE';

  @ApiPropertyOptional({ description: '表2 类别；NONE 表示未归类', enum: INDICATOR_CATEGORY_FILTERS, example: 'AIR' })
  @IsOptional()
  @IsIn(INDICATOR_CATEGORY_FILTERS)
  category?: IndicatorCategory | 'NONE';

  @ApiPropertyOptional({
    description: '最新数值对照序时进度的状态：ON_TARGET 达标，CLOSE 接近，LAGGING 滞后，NO_DATA 无数据，NOT_ASSESSABLE 待定目标',
    enum: INDICATOR_STATUSES,
  })
  @IsOptional()
  @IsIn(INDICATOR_STATUSES)
  status?: IndicatorStatus;

  @ApiPropertyOptional({ description: '单位编号：牵头或配合该单位的指标；unassigned 表示待交办', example: 'city-eco-env-bureau' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ description: '页码（从 1 开始）', example: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({ description: '每页条数（1–100）', example: 50, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 50;
}

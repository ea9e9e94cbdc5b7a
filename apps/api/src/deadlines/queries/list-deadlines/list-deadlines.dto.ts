import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { deadlineItemKinds, type DeadlineItemKind, type Timeliness } from '@app/domain';

export const TIMELINESS = ['ON_TRACK', 'DUE_SOON', 'AT_RISK', 'OVERDUE', 'DONE'] as const;
export const DEADLINE_SORTS = ['dueDate', '-dueDate', 'originalDueDate', '-originalDueDate', 'subjectCode', '-subjectCode'] as const;
export type DeadlineSort = (typeof DEADLINE_SORTS)[number];

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 期限日历查询条件 */
export class ListDeadlinesQueryDto {
  @ApiPropertyOptional({ description: '起始日期（含），按现行期限', example: '2024-01-01' })
  @IsOptional()
  @Matches(DATE, { message: 'from 须为 YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: '截止日期（含），按现行期限', example: '2024-12-31' })
  @IsOptional()
  @Matches(DATE, { message: 'to 须为 YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ description: '责任单位编号', example: 'ning-an-city' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ description: '期限类型', enum: deadlineItemKinds })
  @IsOptional()
  @IsIn(deadlineItemKinds)
  kind?: DeadlineItemKind;

  @ApiPropertyOptional({ description: '时效：正常、临近（蓝）、风险（黄）、逾期（红）、已完成', enum: TIMELINESS })
  @IsOptional()
  @IsIn(TIMELINESS)
  timeliness?: Timeliness;

  @ApiPropertyOptional({ description: '对象编号（整改任务或重点工程的 UUID）' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subjectId?: string;

  @ApiPropertyOptional({ description: '页码（从 1 开始）', default: 1 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ description: '每页条数（最多 100）', default: 20 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;

  @ApiPropertyOptional({ description: '排序，前加 - 表示倒序；默认现行期限升序', enum: DEADLINE_SORTS })
  @IsOptional()
  @IsIn(DEADLINE_SORTS)
  sort?: DeadlineSort;
}

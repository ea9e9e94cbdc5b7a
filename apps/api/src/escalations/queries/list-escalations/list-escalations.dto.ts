import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const ESCALATION_SORTS = ['-level', 'level', '-daysOverdue', 'daysOverdue', '-raisedAt', 'raisedAt', 'dueDate', '-dueDate'] as const;
export type EscalationSort = (typeof ESCALATION_SORTS)[number];

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

/** 督办预警队列查询条件 */
export class ListEscalationsQueryDto {
  @ApiPropertyOptional({ description: '预警等级：0 提醒，1 黄色，2 红色，3 挂牌督办，4 问责', minimum: 0, maximum: 4 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(4)
  level?: number;

  @ApiPropertyOptional({ description: '状态：OPEN 未解除，RESOLVED 已解除', enum: ['OPEN', 'RESOLVED'] })
  @IsOptional()
  @IsIn(['OPEN', 'RESOLVED'])
  status?: 'OPEN' | 'RESOLVED';

  @ApiPropertyOptional({ description: '责任单位编号', example: 'ning-an-city' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ description: '对象类型', enum: ['RECTIFICATION_ORDER', 'KEY_PROJECT', 'INDICATOR'] })
  @IsOptional()
  @IsIn(['RECTIFICATION_ORDER', 'KEY_PROJECT', 'INDICATOR'])
  subjectType?: 'RECTIFICATION_ORDER' | 'KEY_PROJECT' | 'INDICATOR';

  @ApiPropertyOptional({ description: '对象编号（整改任务、重点工程或指标的 UUID）' })
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

  @ApiPropertyOptional({
    description: '排序，前加 - 表示倒序；默认等级倒序、到期日升序（未解除的即逾期最久者在前）',
    enum: ESCALATION_SORTS,
  })
  @IsOptional()
  @IsIn(ESCALATION_SORTS)
  sort?: EscalationSort;
}

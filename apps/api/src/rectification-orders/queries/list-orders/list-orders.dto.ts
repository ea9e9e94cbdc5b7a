import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { DeadlineKind, OrderSource, OrderStatus } from '@app/domain';
import { ORDER_AWAITING, ORDER_SORTS, type OrderAwaiting, type OrderFilter, type OrderSort } from '@app/read-models';

export { ORDER_SORTS, type OrderSort };

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

/** 整改任务台账查询条件 */
export class ListOrdersQueryDto implements OrderFilter {
  @ApiPropertyOptional({ description: '单位编号（牵头或配合）', example: 'ning-an-city' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({
    description: '状态',
    enum: ['ISSUED', 'ASSIGNED', 'IN_PROGRESS', 'ACCEPTANCE_REQUESTED', 'ACCEPTED', 'IN_PUBLIC_NOTICE', 'CLOSED', 'REOPENED'],
  })
  @IsOptional()
  @IsIn(['ISSUED', 'ASSIGNED', 'IN_PROGRESS', 'ACCEPTANCE_REQUESTED', 'ACCEPTED', 'IN_PUBLIC_NOTICE', 'CLOSED', 'REOPENED'])
  state?: OrderStatus;

  @ApiPropertyOptional({
    description: '问题来源',
    enum: ['CENTRAL_INSPECTION', 'CENTRAL_FOLLOW_UP', 'PROVINCIAL_INSPECTION', 'PETITION', 'SPECIAL_CAMPAIGN', 'SELF_FOUND'],
  })
  @IsOptional()
  @IsIn(['CENTRAL_INSPECTION', 'CENTRAL_FOLLOW_UP', 'PROVINCIAL_INSPECTION', 'PETITION', 'SPECIAL_CAMPAIGN', 'SELF_FOUND'])
  source?: OrderSource;

  @ApiPropertyOptional({ description: '批次（完全匹配）', example: '第二轮中央生态环境保护督察' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  batch?: string;

  @ApiPropertyOptional({ description: '整改时限类型', enum: ['IMMEDIATE', 'BY_DATE', 'ONGOING'] })
  @IsOptional()
  @IsIn(['IMMEDIATE', 'BY_DATE', 'ONGOING'])
  deadlineKind?: DeadlineKind;

  @ApiPropertyOptional({ description: '待审批：EXTENSION 有待审批的延期申请，PLAN 有待审核的整改方案', enum: ORDER_AWAITING })
  @IsOptional()
  @IsIn(ORDER_AWAITING)
  awaiting?: OrderAwaiting;

  @ApiPropertyOptional({ description: '关键词（编码、批次、问题、目标、责任人）', example: '镜泊湖' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;

  @ApiPropertyOptional({ description: '页码（从 1 开始）', example: 1, default: 1 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ description: '每页条数（最多 100）', example: 20, default: 20 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;

  @ApiPropertyOptional({ description: '排序字段，前加 - 表示倒序', enum: ORDER_SORTS, example: 'currentDeadline' })
  @IsOptional()
  @IsIn(ORDER_SORTS)
  sort?: OrderSort;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { documentKinds, type DocumentKind } from '@app/domain';
import { IsCalendarDate } from '../shared/is-calendar-date';

export class SupervisionNoticeDocumentDto {
  @ApiProperty({ description: '已下发督办单的督办预警编号', format: 'uuid' })
  @IsUUID()
  escalationId!: string;
}

export class OverdueCircularDocumentDto {
  @ApiProperty({ description: '通报期间开始日期', example: '2026-01-01' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ description: '通报期间结束日期', example: '2026-03-31' })
  @IsCalendarDate()
  to!: string;
}

export class ClosureApprovalDocumentDto {
  @ApiProperty({ description: '已销号的整改任务编号', format: 'uuid' })
  @IsUUID()
  orderId!: string;
}

export class ListDocumentsQueryDto {
  @ApiPropertyOptional({ description: '公文种类', enum: documentKinds })
  @IsOptional()
  @IsIn(documentKinds)
  kind?: DocumentKind;

  @ApiPropertyOptional({ description: '年度', example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2021)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: '事项，如 escalation:<uuid>、order:<uuid>、period:2026-01-01..2026-03-31、assessment:2026' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subjectKey?: string;
}

export class AssessmentResultDocumentDto {
  @ApiProperty({ description: '考核年度', example: 2026 })
  @IsInt()
  @Min(2021)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ description: '考核截止日期（默认该年 12 月 31 日，年内为今天）', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

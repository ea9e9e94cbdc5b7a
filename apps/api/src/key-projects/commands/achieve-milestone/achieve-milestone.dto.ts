import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../shared/calendar-date.validator';

export class EvidenceItemDto {
  @ApiProperty({ description: '佐证材料编号', example: 'EV-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  evidenceId!: string;

  @ApiProperty({ description: '佐证材料名称', example: '封场覆盖工程竣工验收单' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ description: '文档系统中的链接或文号', example: '牡城管发〔2024〕12号', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  uri?: string | null;
}

export class AchieveMilestoneDto {
  @ApiProperty({ description: '里程碑编号', example: 'M1' })
  @IsString()
  @IsNotEmpty()
  milestoneId!: string;

  @ApiProperty({ description: '实际完成日期（YYYY-MM-DD），不得晚于今天', example: '2024-10-20' })
  @IsCalendarDate()
  achievedOn!: string;

  @ApiProperty({ description: '佐证材料（至少一项）', type: [EvidenceItemDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => EvidenceItemDto)
  evidence!: EvidenceItemDto[];
}

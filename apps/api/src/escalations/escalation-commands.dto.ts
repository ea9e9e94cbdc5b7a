import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type {
  AcknowledgeEscalation,
  InstructOnEscalation,
  IssueSupervisionNotice,
  ReferForAccountability,
  SummonResponsibleLeader,
} from '@app/domain';
import { IsCalendarDate } from '../shared/is-calendar-date';

/*
 * The request bodies of leadership's actions on an escalation. Each is validated here (400 for
 * malformed input) and turned into the domain command by `toCommand`.
 */

/** 签阅 */
export class AcknowledgeEscalationDto {
  @ApiPropertyOptional({ type: String, description: '签阅意见', example: '已阅，请责任单位抓紧整改。', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  toCommand(): AcknowledgeEscalation {
    return { type: 'AcknowledgeEscalation', note: this.note ?? null };
  }
}

/** 批示 */
export class InstructOnEscalationDto {
  @ApiProperty({ description: '批示内容', example: '请宁安市政府一周内报送整改方案，市生态环境局跟踪督办。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  text!: string;

  toCommand(): InstructOnEscalation {
    return { type: 'InstructOnEscalation', text: this.text };
  }
}

/** 督办单 */
export class IssueSupervisionNoticeDto {
  @ApiPropertyOptional({ type: String, description: '督办单编号', example: '牡生态督〔2024〕3号', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  noticeNumber?: string | null;

  @ApiProperty({ description: '督办要求', example: '限 15 日内完成整改并书面报告。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  text!: string;

  toCommand(): IssueSupervisionNotice {
    return { type: 'IssueSupervisionNotice', noticeNumber: this.noticeNumber ?? null, text: this.text };
  }
}

/** 约谈 */
export class SummonResponsibleLeaderDto {
  @ApiProperty({ description: '约谈日期（YYYY-MM-DD）', example: '2024-07-10' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ description: '被约谈人（职务）', example: '宁安市人民政府分管副市长' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  attendee!: string;

  @ApiPropertyOptional({ type: String, description: '地点', example: '市政府 3 楼会议室', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  place?: string | null;

  @ApiPropertyOptional({ description: '备注', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  toCommand(): SummonResponsibleLeader {
    return {
      type: 'SummonResponsibleLeader',
      date: this.date,
      attendee: this.attendee,
      place: this.place ?? null,
      note: this.note ?? null,
    };
  }
}

/** 移交问责 */
export class ReferForAccountabilityDto {
  @ApiProperty({ description: '问责事由', example: '逾期 90 天以上仍未完成整改。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason!: string;

  toCommand(): ReferForAccountability {
    return { type: 'ReferForAccountability', reason: this.reason };
  }
}

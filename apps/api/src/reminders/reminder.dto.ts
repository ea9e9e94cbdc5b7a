import { randomUUID } from 'node:crypto';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import type { SendReminder } from '@app/domain';

const SUBJECT_TYPES = ['RECTIFICATION_ORDER', 'KEY_PROJECT', 'ESCALATION'] as const;

/** 催办 */
export class SendReminderDto {
  @ApiProperty({ description: '催办对象：RECTIFICATION_ORDER 整改任务 / KEY_PROJECT 重点工程 / ESCALATION 督办预警', enum: SUBJECT_TYPES })
  @IsIn(SUBJECT_TYPES)
  subjectType!: (typeof SUBJECT_TYPES)[number];

  @ApiProperty({ description: '催办对象的编号', format: 'uuid' })
  @IsUUID()
  subjectId!: string;

  @ApiProperty({ description: '催办内容', example: '请于本周五前报送整改进展，逾期将予以通报。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  text!: string;

  toCommand(reminderId: string = randomUUID()): SendReminder {
    return { type: 'SendReminder', reminderId, subjectType: this.subjectType, subjectId: this.subjectId, text: this.text };
  }
}

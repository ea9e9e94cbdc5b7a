import type { PipeTransform } from '@nestjs/common';
import { ProblemException } from '@app/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The `:id` of every route, commands and queries alike. Ids are UUIDs; anything else cannot name a
 * record, so it is answered like an unknown one: 404 problem+json, on every route the same.
 */
export class IdPipe implements PipeTransform<string, string> {
  /** `what`: the record's name in the message, e.g. 整改任务. */
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) {
      throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该${this.what}（编号 ${value}），编号应为 UUID，请检查编号`);
    }
    return value.toLowerCase();
  }
}

export const ProjectIdPipe = new IdPipe('重点工程');
export const OrderIdPipe = new IdPipe('整改任务');
export const EscalationIdPipe = new IdPipe('督办预警');
export const CircularIdPipe = new IdPipe('通报');
export const MessageIdPipe = new IdPipe('消息');
export const PersonalDataSubjectIdPipe = new IdPipe('个人信息主体');
export const BulletinIdPipe = new IdPipe('进展公报');

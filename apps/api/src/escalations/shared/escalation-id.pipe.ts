import { Injectable, type PipeTransform } from '@nestjs/common';
import { ProblemException } from '@app/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Escalation ids are UUIDs; anything else cannot name one, so it is answered like an unknown one. */
@Injectable()
export class EscalationIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该督办预警（编号 ${value}），请检查编号`);
    return value.toLowerCase();
  }
}

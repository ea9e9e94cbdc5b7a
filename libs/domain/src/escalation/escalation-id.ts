import { createHash } from 'node:crypto';
import type { CalendarDate } from '../shared/dates';

const NAMESPACE = 'mdj-eco:escalation';

/**
 * The escalation's id, derived from what it is about (sha1 shaped as a version-5 UUID). Every
 * scheduler computes the same id for the same item, due date and trigger, so appending its first
 * event with expected version 'no-stream' lets exactly one of them win, once.
 */
export function escalationId(key: {
  subjectStreamId: string;
  kind: string;
  itemId: string;
  dueDate: CalendarDate;
  trigger: string;
}): string {
  const h = createHash('sha1')
    .update([NAMESPACE, key.subjectStreamId, key.kind, key.itemId, key.dueDate, key.trigger].join('|'))
    .digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function escalationStreamId(id: string): string {
  return `escalation-${id}`;
}

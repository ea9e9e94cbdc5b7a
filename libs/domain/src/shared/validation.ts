import { isValidCalendarDate, type CalendarDate } from './dates';
import { InvalidStateTransition, InvalidValue } from './errors';

export function requireText(value: unknown, field: string, labelZh: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidValue({
      code: 'FIELD_REQUIRED',
      titleEn: `${field} is required`,
      detail: `请填写“${labelZh}”。`,
      field,
    });
  }
}

export function requireDate(value: unknown, field: string, labelZh: string): asserts value is CalendarDate {
  if (!isValidCalendarDate(value)) {
    throw new InvalidValue({
      code: 'INVALID_DATE',
      titleEn: `${field} must be a calendar date (YYYY-MM-DD)`,
      detail: `“${labelZh}”必须是有效日期，格式为 YYYY-MM-DD（如 2024-06-30）。`,
      field,
    });
  }
}

export function requireOptionalDate(value: unknown, field: string, labelZh: string): asserts value is CalendarDate | null | undefined {
  if (value !== null && value !== undefined) requireDate(value, field, labelZh);
}

/** Dates of things that already happened may not lie after today (Asia/Shanghai). */
export function requireNotFuture(date: CalendarDate, today: CalendarDate, field: string, labelZh: string): void {
  if (date > today) {
    throw new InvalidValue({
      code: 'DATE_IN_FUTURE',
      titleEn: `${field} cannot be in the future`,
      detail: `“${labelZh}”（${date}）不能晚于今天（${today}），请填写实际发生的日期。`,
      field,
      rule: 'GEN-DATE-1',
    });
  }
}

export function requirePercent(value: unknown, field: string, labelZh: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new InvalidValue({
      code: 'INVALID_PERCENTAGE',
      titleEn: `${field} must be a number from 0 to 100`,
      detail: `“${labelZh}”必须是 0 到 100 之间的数字。`,
      field,
    });
  }
}

export function requireUniqueIds(ids: string[], field: string, labelZh: string): void {
  ids.forEach((id) => requireText(id, field, labelZh));
  if (new Set(ids).size !== ids.length) {
    throw new InvalidValue({
      code: 'DUPLICATE_ID',
      titleEn: `${field} contains duplicate ids`,
      detail: `“${labelZh}”中存在重复编号，请为每一项使用不同的编号。`,
      field,
    });
  }
}

/**
 * The refusal of a command whose aggregate is not in one of the statuses it may be sent from, or
 * undefined. `rule` is the aggregate's state-table rule in docs/domain.md.
 */
export function statusError<S extends string>(
  current: S | null,
  allowed: readonly S[],
  command: { type: string; labelZh: string },
  statusLabels: Record<S, string>,
  rule: string,
): InvalidStateTransition | undefined {
  if (current !== null && allowed.includes(current)) return undefined;
  const currentZh = current === null ? '未登记' : statusLabels[current];
  const allowedZh = allowed.map((s) => `“${statusLabels[s]}”`).join('、');
  return new InvalidStateTransition({
    code: 'COMMAND_NOT_ALLOWED_IN_STATUS',
    titleEn: `${command.type} is not allowed in status ${current ?? 'NONE'}`,
    detail: `当前状态为“${currentZh}”，不能${command.labelZh}；该操作仅在${allowedZh}状态下可以进行。`,
    rule,
    currentStatus: current,
    allowedStatuses: allowed,
  });
}

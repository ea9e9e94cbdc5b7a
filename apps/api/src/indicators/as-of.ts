import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { endOfShanghaiDay, isValidCalendarDate } from '@app/domain';

/** 'YYYY-MM-DD', or a date-time 'YYYY-MM-DDThh:mm[:ss[.sss]][Z|±hh:mm]' (Beijing time when no offset is given). */
const AS_OF = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * The instant `asOf` names: the end of the day (Asia/Shanghai) for a date, the instant itself for a
 * date-time, so two changes on one day can be seen apart. null when it names none.
 */
export function asOfInstant(asOf: string): Date | null {
  const match = AS_OF.exec(asOf);
  if (!match || !isValidCalendarDate(match[1])) return null;
  if (match[2] === undefined) return endOfShanghaiDay(match[1]);
  const [, date, hh, mm, ss = '00', ms = '', offset = '+08:00'] = match;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return null;
  const instant = new Date(`${date}T${hh}:${mm}:${ss}${ms}${offset}`);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/**
 * A query's `asOf`: a calendar date or an ISO date-time (400 otherwise). A '+' of an offset sent
 * unencoded arrives as a space, and is read back as '+'.
 */
export function IsAsOf(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(/ (\d{2}:\d{2})$/, '+$1') : value)),
    ValidateBy({
      name: 'isAsOf',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && asOfInstant(value) !== null,
        defaultMessage: () => '$property must be a date (YYYY-MM-DD) or an ISO date-time (YYYY-MM-DDThh:mm:ss+08:00)',
      },
    }),
  );
}

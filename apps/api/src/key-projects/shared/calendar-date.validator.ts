import { applyDecorators } from '@nestjs/common';
import { Matches, ValidateBy } from 'class-validator';
import { isValidCalendarDate } from '@app/domain';

/** 'YYYY-MM-DD' that exists on the calendar: 2025-02-30 is malformed input (400), not a domain question. */
export function IsCalendarDate(): PropertyDecorator {
  return applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date in the form YYYY-MM-DD' }),
    ValidateBy({
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isValidCalendarDate(value),
        defaultMessage: () => '$property must be a real calendar date (YYYY-MM-DD)',
      },
    }),
  );
}

import { applyDecorators } from '@nestjs/common';
import { Matches, ValidateBy } from 'class-validator';
import { isValidCalendarDate } from '@app/domain';

/** 'YYYY-MM-DD' that names a real day: 2025-02-30 is malformed input (400); whether the date fits is the domain's call (409/422). */
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

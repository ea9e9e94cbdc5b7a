import { applyDecorators } from '@nestjs/common';
import { Matches, ValidateBy } from 'class-validator';
import { isValidCalendarDate } from '@app/domain';

/** 'YYYY-MM-DD' that names a real day (2023-02-29 is malformed, 400); whether it fits the order is the domain's call (422). */
export function IsCalendarDate(): PropertyDecorator {
  return applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date in the form YYYY-MM-DD' }),
    ValidateBy({
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isValidCalendarDate(value),
        defaultMessage: () => '$property must be a real calendar date',
      },
    }),
  );
}

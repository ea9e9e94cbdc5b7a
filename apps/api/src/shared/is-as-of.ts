import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { asOfInstant } from '@app/domain';

/**
 * `?asOf=`: a date ('2024-06-30', the end of that day in Asia/Shanghai) or an ISO date-time
 * ('2024-06-30T15:30:00+08:00', '…Z', or without offset in Shanghai time), so that changes made on
 * the same day can be seen apart. Anything else is malformed input (400).
 */
export function IsAsOf(): PropertyDecorator {
  return applyDecorators(
    // An unencoded '+08:00' in a query string arrives as ' 08:00'.
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/ (\d{2}:\d{2})$/, '+$1') : value)),
    ValidateBy({
      name: 'isAsOf',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && asOfInstant(value) !== null,
        defaultMessage: () =>
          '$property must be a date (YYYY-MM-DD) or an ISO date-time (YYYY-MM-DDTHH:mm[:ss[.sss]][Z|±HH:mm], Shanghai time without an offset)',
      },
    }),
  );
}

import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { DEPARTMENTS } from '@app/domain';

const DEPARTMENT_IDS = new Set(DEPARTMENTS.map((d) => d.id));

export function isDepartmentId(value: unknown): boolean {
  return typeof value === 'string' && DEPARTMENT_IDS.has(value);
}

/**
 * A department id of the reference list (GET /api/v1/reference/departments), checked where the DTO
 * is validated: an unknown id (or an injection attempt posing as one) is a 400 before any command
 * runs, and never reaches the log or an export. `{ each: true }` for lists.
 */
export function IsDepartmentId(options: ValidationOptions = {}) {
  return (target: object, propertyName: string): void => {
    registerDecorator({
      name: 'isDepartmentId',
      target: target.constructor,
      propertyName,
      options: {
        message: (args: ValidationArguments) =>
          `${args.property} must be a department id from /api/v1/reference/departments, got ${JSON.stringify(args.value).slice(0, 80)}`,
        ...options,
      },
      validator: { validate: isDepartmentId },
    });
  };
}

/**
 * Personal data (个人信息) never enters an event: a command carries a reference to a value kept in
 * the encrypted personal-data store, keyed per data subject (docs/security.md, "Personal data").
 * Erasing the subject destroys its key; every reader then shows ERASED_PLACEHOLDER (PD-ERASE-1).
 */
export interface PersonalRef {
  /** Id of the encrypted value in the personal-data store (UUID). */
  pii: string;
}

/** A value that may hold personal data: a reference to the store, or (text the user did not mark, events recorded before the store existed) plain text. */
export type PersonalText = string | PersonalRef;

/** What every reader shows for a value whose subject was erased. */
export const ERASED_PLACEHOLDER = '（已依法删除）';

export function isPersonalRef(value: unknown): value is PersonalRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { pii?: unknown }).pii === 'string' &&
    Object.keys(value).length === 1
  );
}

/** A petitioner (信访人): who complained, and how to reach them. Only references, never plain text (ORD-PII-1). */
export interface Petitioner {
  name: PersonalRef;
  contact: PersonalRef | null;
  address: PersonalRef | null;
}

/** Whether two values name the same thing: equal texts, or references to the same stored value. */
export function samePersonalText(a: PersonalText | null, b: PersonalText | null): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.pii === b.pii;
}

const COLUMN_REF = /^pii:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** A personal value in a text column of a read model: `pii:<uuid>` for a reference, the text otherwise. */
export function personalToColumn(value: PersonalText | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : `pii:${value.pii}`;
}

/** The inverse of personalToColumn: a reference again, for the API to reveal. */
export function personalFromColumn(value: string | null | undefined): PersonalText | null {
  if (value === null || value === undefined) return null;
  const m = COLUMN_REF.exec(value);
  return m ? { pii: m[1] } : value;
}

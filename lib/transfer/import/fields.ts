/**
 * Reading one entry of a JSON export: a field of the wrong JSON type skips that entry with a reason
 * (`EntryFieldError`), the rest of the file still imports. Shared by the JSON importers so every
 * format words the same problem the same way.
 */

export type JsonRecord = Record<string, unknown>;

/** What a JSON value is, for a message: "null", "an array", "a string", "a number", "an object". */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A field of an entry with the wrong JSON type: that entry is skipped, the rest imported. */
export class EntryFieldError extends Error {
  override readonly name = 'EntryFieldError';
}

export function optionalNumber(record: JsonRecord, field: string): number | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number')
    throw new EntryFieldError(`${field} must be a number, got ${describeJsonType(value)}`);
  return value;
}

export function optionalString(record: JsonRecord, field: string): string | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new EntryFieldError(`${field} must be a string, got ${describeJsonType(value)}`);
  return value;
}

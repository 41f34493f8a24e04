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

/**
 * A field's value for a skip reason: a short token ("MOTP", "battle") quoted, anything longer or
 * odder only described ("a 52-character text", "an object"). A type field of a damaged or edited
 * file can hold anything — a key URI, or a whole entry with its secret — and reasons end up in the
 * preview and in screenshots (found by `npm run fuzz`: a Raivo `kind` holding a key URI was shown
 * in full). The same rule as lib/otp's messages (`shown` in lib/otp/fields.ts): at most 10 word
 * characters, so no run of a base32 secret long enough to matter can pass.
 */
export function shownValue(value: unknown, quote = '"'): string {
  if (typeof value === 'string') {
    return value.length <= 10 && /^[\w.+-]*$/.test(value)
      ? `${quote}${value}${quote}`
      : `a ${value.length}-character text`;
  }
  if (value === undefined) return 'nothing';
  // A JSON number is digits, a sign, a point and an exponent: no secret text fits in it.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return describeJsonType(value);
}

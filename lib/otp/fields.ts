/**
 * Validation of single fields (type, algorithm, digits, period, counter) and their limits, with
 * messages that say what was expected and what was found (style.md §1.7).
 */
import { UnsupportedParameterError } from './errors';
import type { HashAlgorithm, OtpKind } from './types';

/**
 * Smallest key that produces codes: HMAC takes keys of any length (RFC 2104 §2). RFC 4226 §4 asks
 * issuers for 128 bits, but keys that came from an issuer or another app are imported as they are:
 * real exports hold 4- and 5-byte keys that work in the apps they came from (the corpus's
 * Authenticator-extension and Raivo cases), and refusing them would lose accounts on the way in.
 */
export const MIN_SECRET_BYTES = 1;
/**
 * Smallest key a person may TYPE: Microsoft issues 80-bit keys (16 base32 characters,
 * microsoft-pages.md §4), and a shorter typed key is almost always one cut short (Google
 * Authenticator refuses it too, "Key too short").
 */
export const MIN_TYPED_SECRET_BYTES = 10;
/**
 * Largest key we accept. HMAC takes keys of any length (longer ones are hashed first, RFC 2104 §2);
 * the biggest real keys are 64-byte SHA-512 seeds (peers.md §5), so this only bounds abuse.
 */
export const MAX_SECRET_BYTES = 1024;
/**
 * Longest issuer, account or organisation name, in UTF-16 units. The written URI percent-encodes a
 * name to up to 9 characters per unit and names the issuer twice, so three names of this length plus
 * the longest secret stay under MAX_URI_LENGTH: every account TwoStep keeps can be exported and read
 * back (found by `npm run fuzz`). Real names are a few dozen characters.
 */
export const MAX_NAME_LENGTH = 400;

/** A trimmed display name, or an UnsupportedParameterError naming the field and the length. */
export function checkName(field: string, value: string): string {
  const name = value.trim();
  if (name.length > MAX_NAME_LENGTH)
    throw new UnsupportedParameterError(
      field,
      `${field} must be at most ${MAX_NAME_LENGTH} characters, got ${name.length}`,
    );
  return name;
}
export const MIN_DIGITS = 1;
/** Bitwarden clamps at 10 (peers.md §5); a 31-bit truncated value has at most 10 decimal digits. */
export const MAX_DIGITS = 10;

const ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
const KINDS: readonly OtpKind[] = ['totp', 'hotp', 'steam'];

/** Quotes strings (so an empty value is visible) and shortens them: messages end up in the UI. */
/**
 * A bad value, for an error message: short tokens ("MD5", "60s") are quoted; anything longer or
 * odder is only described, because in a damaged line a "value" can run on into the next account's
 * secret, and messages end up in previews and screenshots (found by `npm run fuzz`).
 */
export function shown(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return value.length <= 10 && /^[\w.+-]*$/.test(value) ? `'${value}'` : `a ${value.length}-character value`;
}

/** `totp`, `hotp` or `steam`, in any case. */
export function parseKind(value: string): OtpKind {
  const kind = KINDS.find((k) => k === value.trim().toLowerCase());
  if (kind === undefined) {
    throw new UnsupportedParameterError('type', `type must be totp, hotp or steam, got ${shown(value)}`);
  }
  return kind;
}

/** SHA1/SHA256/SHA512 in any case, with or without a dash (`sha256`, `SHA-256`; peers.md §5). */
export function parseAlgorithm(value: string): HashAlgorithm {
  const wanted = value
    .trim()
    .toUpperCase()
    .replace(/[-_\s]/g, '');
  const algorithm = ALGORITHMS.find((a) => a === wanted);
  if (algorithm === undefined) {
    throw new UnsupportedParameterError(
      'algorithm',
      `algorithm must be SHA1, SHA256 or SHA512, got ${shown(value)}`,
    );
  }
  return algorithm;
}

/** Reads a URI parameter as a whole number; `digits=6.0`, `-1` or `1e3` are rejected, not guessed at. */
export function parseWholeNumber(parameter: string, value: string, expected: string): number {
  if (!/^\s*\d+\s*$/.test(value)) {
    throw new UnsupportedParameterError(parameter, `${parameter} must be ${expected}, got ${shown(value)}`);
  }
  return Number(value);
}

export const DIGITS_EXPECTED = `a whole number ${MIN_DIGITS}–${MAX_DIGITS}`;
export const PERIOD_EXPECTED = 'a whole number of seconds ≥ 1';
export const COUNTER_EXPECTED = 'a whole number ≥ 0';

export function checkDigits(digits: number): number {
  if (!Number.isInteger(digits) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
    throw new UnsupportedParameterError('digits', `digits must be ${DIGITS_EXPECTED}, got ${shown(digits)}`);
  }
  return digits;
}

/** Any positive period (peers.md §5: replacing odd periods with 30, as Authenticator does, gives wrong codes). */
export function checkPeriod(period: number): number {
  if (!Number.isSafeInteger(period) || period < 1) {
    throw new UnsupportedParameterError('period', `period must be ${PERIOD_EXPECTED}, got ${shown(period)}`);
  }
  return period;
}

export function checkCounter(counter: number): number {
  if (!Number.isSafeInteger(counter) || counter < 0) {
    throw new UnsupportedParameterError(
      'counter',
      `counter must be ${COUNTER_EXPECTED}, got ${shown(counter)}`,
    );
  }
  return counter;
}

/**
 * Base32 (RFC 4648 §6) for OTP secrets: a forgiving normaliser for what people paste and what
 * issuers print, and a small codec.
 *
 * Hand-written rather than `@scure/base` because scure rejects "non-zero padding" (leftover bits in
 * the last character). Issuers that pick random base32 characters (a 26-character secret is 130
 * bits) produce such strings, and Google Authenticator and its peers simply drop the leftover bits;
 * rejecting them would lock users out of real accounts.
 */
import { InvalidSecretError } from './errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Separators people and pages put inside secrets (microsoft-pages.md §4, peers.md §5): any Unicode
 * space (`\s` covers NBSP U+00A0, U+2000–U+200A, U+202F, U+3000, BOM), zero-width spaces and joiners
 * that survive copy-paste, and ASCII or typographic dashes.
 */
const SEPARATOR = /^[\s\u200B-\u200D\u2060\u2010-\u2015\u2212-]$/u;

/** Characters commonly typed for a base32 letter they resemble. */
const LOOKALIKES: Readonly<Record<string, string>> = { '0': 'O', '1': 'I or L', '8': 'B', '9': 'G' };

/** Base32 lengths that no whole number of bytes produces: 8 chars carry 5 bytes (RFC 4648 §6). */
const IMPOSSIBLE_REMAINDERS = new Set([1, 3, 6]);

function describeChar(ch: string): string {
  const hex = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  const printable = /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch);
  return printable ? `'${ch}' (U+${hex})` : `U+${hex}`;
}

/**
 * Turns a secret as shown or pasted into canonical base32: separators and trailing `=` padding
 * removed, upper case. Percent-decoding (`%3D`) is the caller's job.
 *
 * @throws {InvalidSecretError} for an illegal character (naming it and its 1-based position), for
 *   `=` followed by more data, for an empty result, and for a length no byte string can have.
 */
export function normaliseSecret(input: string): string {
  let out = '';
  let paddingAt = 0;
  let position = 0;
  for (const ch of input) {
    position += 1;
    if (SEPARATOR.test(ch)) continue;
    if (ch === '=') {
      if (paddingAt === 0) paddingAt = position;
      continue;
    }
    // Only ASCII letters are upper-cased: `'ı'.toUpperCase()` is `'I'`, which would silently accept
    // a character that is not base32.
    const upper = ch >= 'a' && ch <= 'z' ? ch.toUpperCase() : ch;
    if (!/^[A-Z2-7]$/.test(upper)) {
      const hint = LOOKALIKES[ch] === undefined ? '' : ` (did you mean ${LOOKALIKES[ch]}?)`;
      throw new InvalidSecretError(
        `secret must use only the letters A–Z and digits 2–7 (base32), got ${describeChar(ch)} ` +
          `at position ${position}${hint}`,
      );
    }
    if (paddingAt !== 0) {
      throw new InvalidSecretError(
        `'=' padding may only end the secret, got '=' at position ${paddingAt} followed by more characters`,
      );
    }
    out += upper;
  }
  if (out === '') {
    throw new InvalidSecretError('secret must contain at least one base32 character, got none');
  }
  if (IMPOSSIBLE_REMAINDERS.has(out.length % 8)) {
    throw new InvalidSecretError(
      `secret length must leave 0, 2, 4, 5 or 7 over a multiple of 8 (base32), got ${out.length} ` +
        `characters (${out.length % 8} over); a character is probably missing or extra`,
    );
  }
  return out;
}

/** Decodes base32 (any form `normaliseSecret` accepts); leftover bits in the last character are dropped. */
export function base32ToBytes(s: string): Uint8Array<ArrayBuffer> {
  const canonical = normaliseSecret(s);
  const out = new Uint8Array(Math.floor((canonical.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const ch of canonical) {
    buffer = ((buffer << 5) | ALPHABET.indexOf(ch)) & 0xfff; // at most 12 live bits
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index] = (buffer >>> bits) & 0xff;
      index += 1;
    }
  }
  return out;
}

/** Encodes bytes as canonical base32: upper case, no padding (what `OtpParams.secret` holds). */
export function bytesToBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET.charAt((buffer >>> bits) & 31);
    }
  }
  if (bits > 0) out += ALPHABET.charAt((buffer << (5 - bits)) & 31);
  return out;
}

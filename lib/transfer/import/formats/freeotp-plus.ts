/**
 * FreeOTP+ JSON export (peers.md §4.7): `{ tokenOrder: [...], tokens: [{ algo, counter, digits,
 * issuerExt, issuerInt?, label, period, secret: [signed bytes], type }] }`. The original FreeOTP's
 * XML and encrypted backups are out of scope.
 */
import { bytesToBase32, type OtpKind } from '../../../otp/index';
import { entryName, ResultBuilder } from '../entry';
import { EntryFieldError, optionalNumber, shownValue } from '../fields';
import { ImportError, type Importer, type ImportInput } from '../types';

const FORMAT = 'freeotp-plus';
const LABEL = 'FreeOTP+';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * The secret is a Java `byte[]` (−128…127): each byte is `(b + 256) % 256` (peers.md §4.7). Values
 * 128…255 are accepted too, in case a tool rewrote the array unsigned.
 */
function secretBytes(value: unknown): Uint8Array {
  if (!Array.isArray(value)) {
    throw new EntryFieldError(
      `secret must be a list of bytes, got ${value === null ? 'null' : typeof value}`,
    );
  }
  const bytes = new Uint8Array(value.length);
  value.forEach((b: unknown, i) => {
    if (typeof b !== 'number' || !Number.isInteger(b) || b < -128 || b > 255) {
      throw new EntryFieldError(
        `secret must be a list of bytes (−128…127), got another value at position ${i + 1}`,
      );
    }
    bytes[i] = (b + 256) % 256;
  });
  return bytes;
}

function addToken(builder: ResultBuilder, token: unknown, position: number): void {
  if (!isRecord(token)) {
    builder.skip(`Entry ${position}`, 'expected a token object, got another value');
    return;
  }
  // FreeOTP+ shows `issuerAlt`/`labelAlt` (names edited in the app) over the scanned ones.
  const issuer = text(token.issuerAlt) || text(token.issuerExt) || text(token.issuerInt);
  const label = text(token.labelAlt) || text(token.label);
  const name = entryName(issuer, label);
  const type = text(token.type).toUpperCase();
  if (type !== 'TOTP' && type !== 'HOTP') {
    builder.skip(
      name,
      `FreeOTP+ token type ${shownValue(token.type)} is not supported; expected TOTP or HOTP`,
    );
    return;
  }
  try {
    if (token.algo !== undefined && token.algo !== null && typeof token.algo !== 'string') {
      throw new EntryFieldError(`algo must be text, got ${typeof token.algo}`);
    }
    const counter = optionalNumber(token, 'counter');
    // FreeOTP draws Steam codes for a TOTP token whose issuer is exactly "Steam".
    const kind: OtpKind = type === 'HOTP' ? 'hotp' : issuer === 'Steam' ? 'steam' : 'totp';
    builder.add({
      issuer,
      label,
      secret: bytesToBase32(secretBytes(token.secret)),
      kind,
      algorithm: typeof token.algo === 'string' ? token.algo : undefined,
      digits: optionalNumber(token, 'digits'),
      period: optionalNumber(token, 'period'),
      // peers.md §4.7 says FreeOTP stores one lower than the otpauth counter, but Aegis and Stratum
      // both import the stored value and their tests assert it (the corpus follows them). Taking it
      // as stored errs on the safe side: RFC 4226 §7.4 servers look ahead, so at worst the first
      // code needs one "next code". A freshly added token stores −1: that is counter 0.
      counter: kind === 'hotp' && counter !== undefined ? Math.max(0, counter) : undefined,
    });
  } catch (error) {
    if (!(error instanceof EntryFieldError)) throw error;
    builder.skip(name, error.message);
  }
}

export const freeOtpPlusImporter: Importer = {
  format: FORMAT,
  label: LABEL,

  detect(input: ImportInput): boolean {
    const json = input.json;
    if (!isRecord(json) || !Array.isArray(json.tokens)) return false;
    return Array.isArray(json.tokenOrder) || json.tokens.some((t) => isRecord(t) && Array.isArray(t.secret));
  },

  needsPassword(): boolean {
    return false;
  },

  async read(input: ImportInput) {
    const json = input.json;
    if (!isRecord(json) || !Array.isArray(json.tokens)) {
      throw new ImportError(
        'IMPORT_DAMAGED',
        'Expected a FreeOTP+ export with a "tokens" list, got another shape.',
        {
          format: FORMAT,
        },
      );
    }
    const builder = new ResultBuilder();
    json.tokens.forEach((token, i) => {
      addToken(builder, token, i + 1);
    });
    return { format: FORMAT, accounts: builder.accounts, skipped: builder.skipped };
  },
};

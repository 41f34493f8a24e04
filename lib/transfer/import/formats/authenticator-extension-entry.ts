/**
 * One stored entry of the Authenticator extension (`OTPStorage`, peers.md §4.5) as a manual entry,
 * read by the extension's own import rules (`models/storage.ts` EntryStorage.import, `models/otp.ts`,
 * `models/key-utilities.ts`) so the account gives the codes the extension showed:
 *
 * - missing issuer/account are empty; an unknown `type` is TOTP; digits outside 1–10 are 6;
 * - a `blz-`/`bliz-` secret prefix means Battle.net, `stm-` means Steam;
 * - a TOTP/HOTP secret that is not base32 but is hex is a hex key (types `hex`/`hhex`);
 * - only plain TOTP keeps its period, every other type runs on 30 s (the extension's OTPEntry).
 *
 * Battle.net, `hex` and `hhex` are converted rather than skipped, because the conversion is exact:
 * Battle.net codes are 8-digit TOTP over the base32 key, and a hex key is just the key's bytes
 * written differently, so TwoStep re-encodes them as base32 and computes the same codes.
 */
import { bytesToBase32, type HashAlgorithm, type ManualEntry, type OtpKind } from '../../../otp/index';

const TYPES = ['totp', 'hotp', 'battle', 'steam', 'hex', 'hhex'] as const;
type ExtensionType = (typeof TYPES)[number];

const KIND: Readonly<Record<ExtensionType, OtpKind>> = {
  totp: 'totp',
  battle: 'totp',
  hex: 'totp',
  hotp: 'hotp',
  hhex: 'hotp',
  steam: 'steam',
};

/** Battle.net authenticator codes are 8 digits (the extension's KeyUtilities forces `len = 8`). */
const BATTLE_DIGITS = 8;
const DEFAULT_DIGITS = 6;
const DEFAULT_PERIOD = 30;

/** The extension's OTPAlgorithm enum: stored as its name, or as its number by older versions. */
const ALGORITHM_BY_NUMBER: Readonly<Record<number, HashAlgorithm | 'GOST'>> = {
  1: 'SHA1',
  2: 'SHA256',
  3: 'SHA512',
  4: 'GOST',
  5: 'GOST',
};

export type StorageEntryResult =
  | { entry: ManualEntry }
  | { skip: { issuer: string; account: string; reason: string } };

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A JSON number, or a text holding one (hand-edited backups); anything else is `undefined`. */
function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

function typeOf(value: unknown): ExtensionType {
  return TYPES.find((type) => type === value) ?? 'totp';
}

/** An unreadable algorithm falls back to SHA1, as the extension does ("If invalid algorithm, then use default"). */
function algorithmOf(value: unknown): HashAlgorithm | 'GOST' {
  const number = numeric(value);
  if (number !== undefined) return ALGORITHM_BY_NUMBER[number] ?? 'SHA1';
  const name = text(value).trim().toUpperCase();
  if (name.startsWith('GOST')) return 'GOST';
  return name === 'SHA256' || name === 'SHA512' ? name : 'SHA1';
}

function digitsOf(value: unknown): number {
  const digits = numeric(value);
  return digits !== undefined && Number.isInteger(digits) && digits >= 1 && digits <= 10
    ? digits
    : DEFAULT_DIGITS;
}

function positiveIntegerOr(value: unknown, fallback: number): number {
  const number = numeric(value);
  return number !== undefined && Number.isSafeInteger(number) && number > 0 ? number : fallback;
}

function counterOf(value: unknown): number {
  const counter = numeric(value);
  return counter !== undefined && Number.isSafeInteger(counter) && counter >= 0 ? counter : 0;
}

const BASE32 = /^[a-z2-7]+=*$/i;
const HEX = /^[0-9a-f]+$/i;

/**
 * A hex key's bytes. An odd number of digits is what the extension's KeyUtilities completes before
 * use: a trailing `0` is dropped, any other last digit gets a `0` appended.
 */
function hexKeyBytes(hex: string): Uint8Array {
  let even = hex;
  if (even.length % 2 === 1) even = even.endsWith('0') ? even.slice(0, -1) : `${even}0`;
  const bytes = new Uint8Array(even.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = Number.parseInt(even.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Reads one decrypted `OTPStorage` record (its `secret` must be a non-empty string). */
export function entryFromStorage(record: Readonly<Record<string, unknown>>): StorageEntryResult {
  const issuer = text(record.issuer);
  const account = text(record.account);
  const skip = (reason: string): StorageEntryResult => ({ skip: { issuer, account, reason } });

  let secret = text(record.secret);
  let type = typeOf(record.type);
  const battle = /^(?:blz-|bliz-)(.*)$/s.exec(secret);
  if (battle !== null) {
    secret = battle[1] ?? '';
    type = 'battle';
  }
  const steam = /^stm-(.*)$/s.exec(secret);
  if (steam !== null) {
    secret = steam[1] ?? '';
    type = 'steam';
  }
  // KeyUtilities removes all white space before using a secret; detect hex on what it uses.
  const compact = secret.replace(/\s/g, '');
  if (!BASE32.test(compact) && HEX.test(compact)) {
    if (type === 'totp') type = 'hex';
    else if (type === 'hotp') type = 'hhex';
  }

  const algorithm = algorithmOf(record.algorithm);
  if (algorithm === 'GOST') return skip('GOST R 34.11-2012 codes are not supported');

  if (type === 'hex' || type === 'hhex') {
    if (compact === '' || !HEX.test(compact)) {
      return skip('a hex secret must use only the digits 0–9 and letters a–f, got other characters');
    }
    secret = bytesToBase32(hexKeyBytes(compact));
  }

  const kind = KIND[type];
  return {
    entry: {
      issuer,
      label: account,
      secret,
      kind,
      algorithm,
      digits: type === 'battle' ? BATTLE_DIGITS : digitsOf(record.digits),
      period: type === 'totp' ? positiveIntegerOr(record.period, DEFAULT_PERIOD) : DEFAULT_PERIOD,
      counter: kind === 'hotp' ? counterOf(record.counter) : 0,
    },
  };
}

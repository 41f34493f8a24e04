/**
 * andOTP backup (peers.md §4.4): a plain JSON array of entries, or that JSON encrypted with
 * AES-256-GCM in one of two binary layouts with no magic bytes:
 *  - current: `[iterations: uint32 BE][salt: 12][nonce: 12][ciphertext][tag: 16]`, key =
 *    PBKDF2-HMAC-SHA1(password, salt, iterations, 32 bytes);
 *  - old (before andOTP 0.6.3): `[nonce: 12][ciphertext][tag: 16]`, key = SHA-256(password).
 * Only the GCM tag can tell which layout (and whether the password) is right, so both are tried.
 */
import type { ManualEntry } from '../../../otp/index';
import type { Bytes } from '../../../vault/crypto';
import { AesGcmAuthenticationError, aesGcmDecrypt, GCM_TAG_BYTES, pbkdf2, sha256 } from '../crypto';
import { entryName, ResultBuilder } from '../entry';
import {
  describeJsonType,
  EntryFieldError,
  type JsonRecord,
  optionalNumber,
  optionalString,
} from '../fields';
import {
  ImportError,
  type ImportErrorCode,
  type Importer,
  type ImportInput,
  type ImportResult,
} from '../types';

const FORMAT = 'andotp';
const LABEL = 'andOTP';

const SALT_BYTES = 12;
const NONCE_BYTES = 12;
const ITERATIONS_BYTES = 4;
const CURRENT_HEADER_BYTES = ITERATIONS_BYTES + SALT_BYTES + NONCE_BYTES;
/**
 * A binary file shorter than this is not a backup worth trying: the current layout's header and tag
 * alone are 44 bytes, and even an old-layout `[]` is 30.
 */
const MIN_ENCRYPTED_BYTES = 40;
/**
 * andOTP picks 140,000–160,000 iterations; the bound keeps a hostile or misread header (the old
 * layout starts with random nonce bytes) from costing more than a few seconds of PBKDF2.
 */
const MAX_ITERATIONS = 10_000_000;
const KEY_BYTES = 32;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(code: ImportErrorCode, message: string, cause?: unknown): ImportError {
  return new ImportError(code, message, { format: FORMAT, cause });
}

function damaged(detail: string, cause?: unknown): ImportError {
  return fail('IMPORT_DAMAGED', `This andOTP backup is damaged: ${detail}.`, cause);
}

const ENTRY_TYPES = new Set(['TOTP', 'HOTP', 'STEAM', 'MOTP']);

/** An andOTP entry as far as detection needs: a string secret and one of andOTP's four types. */
function looksLikeEntry(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.secret === 'string' &&
    typeof value.type === 'string' &&
    ENTRY_TYPES.has(value.type.toUpperCase())
  );
}

/** An array of objects, at least one an andOTP entry (the others are skipped with a reason on read). */
function isPlainBackup(json: unknown): json is unknown[] {
  return Array.isArray(json) && json.every(isRecord) && json.some(looksLikeEntry);
}

/** The names andOTP gives its encrypted backups (`otp_accounts_<date>.json.aes`) and common copies. */
const ENCRYPTED_NAME = /\.(aes|bin)$/i;

/**
 * The encrypted layouts have no magic bytes, so this is the importers' last resort: binary input
 * (not UTF-8), or a file named like an andOTP backup whose text is not JSON or a URI list.
 */
function looksEncrypted(input: ImportInput): boolean {
  if (input.bytes.length < MIN_ENCRYPTED_BYTES || input.json !== undefined) return false;
  if (input.text === undefined) return true;
  return ENCRYPTED_NAME.test(input.fileName ?? '') && !/^\s*(otpauth|[[{])/i.test(input.text);
}

// --- decryption -------------------------------------------------------------------------------

/** `undefined` when the tag does not match: wrong password, or not this layout. */
async function tryOpen(key: Bytes, nonce: Uint8Array, sealed: Uint8Array): Promise<Bytes | undefined> {
  try {
    return await aesGcmDecrypt(key, nonce, sealed);
  } catch (error) {
    if (error instanceof AesGcmAuthenticationError) return undefined;
    throw error;
  }
}

async function openCurrentLayout(bytes: Uint8Array, password: string): Promise<Bytes | undefined> {
  if (bytes.length < CURRENT_HEADER_BYTES + GCM_TAG_BYTES) return undefined;
  const iterations = new DataView(bytes.buffer, bytes.byteOffset, ITERATIONS_BYTES).getUint32(0, false);
  // Implausible counts are not this layout (the old one begins with random nonce bytes).
  if (iterations < 1 || iterations > MAX_ITERATIONS) return undefined;
  const salt = bytes.subarray(ITERATIONS_BYTES, ITERATIONS_BYTES + SALT_BYTES);
  const nonce = bytes.subarray(ITERATIONS_BYTES + SALT_BYTES, CURRENT_HEADER_BYTES);
  const key = await pbkdf2(password, salt, iterations, 'SHA-1', KEY_BYTES);
  return tryOpen(key, nonce, bytes.subarray(CURRENT_HEADER_BYTES));
}

async function openOldLayout(bytes: Uint8Array, password: string): Promise<Bytes | undefined> {
  if (bytes.length < NONCE_BYTES + GCM_TAG_BYTES) return undefined;
  const key = await sha256(password);
  return tryOpen(key, bytes.subarray(0, NONCE_BYTES), bytes.subarray(NONCE_BYTES));
}

async function decryptBackup(bytes: Uint8Array, password: string): Promise<unknown> {
  const plain = (await openCurrentLayout(bytes, password)) ?? (await openOldLayout(bytes, password));
  if (plain === undefined) {
    throw fail(
      'IMPORT_WRONG_PASSWORD',
      'This file did not decrypt as an andOTP backup: wrong password, or not an andOTP backup.',
    );
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch (error) {
    throw damaged('the decrypted content is not JSON', error);
  }
}

// --- entries ----------------------------------------------------------------------------------

/**
 * Old andOTP stored no `issuer` and labels like "Deno - Deno:Mason". Aegis's andOTP importer splits at
 * " - " into issuer "Deno" and name "Deno:Mason", and the corpus keeps that (its README, old andOTP).
 */
function names(entry: JsonRecord): { issuer: string; label: string } {
  const label = typeof entry.label === 'string' ? entry.label : '';
  if ('issuer' in entry) return { issuer: typeof entry.issuer === 'string' ? entry.issuer : '', label };
  const split = label.indexOf(' - ');
  return split < 0 ? { issuer: '', label } : { issuer: label.slice(0, split), label: label.slice(split + 3) };
}

const KINDS: Readonly<Record<string, ManualEntry['kind']>> = { TOTP: 'totp', HOTP: 'hotp', STEAM: 'steam' };

function addEntry(builder: ResultBuilder, entry: unknown, index: number): void {
  if (!isRecord(entry)) throw damaged(`entry ${index + 1} must be an object, got ${describeJsonType(entry)}`);
  const { issuer, label } = names(entry);
  const name = entryName(issuer, label);
  const type = typeof entry.type === 'string' ? entry.type.toUpperCase() : '';
  if (type === 'MOTP') {
    builder.skip(name, 'mOTP codes are not supported');
    return;
  }
  const kind = KINDS[type];
  if (kind === undefined) {
    builder.skip(name, `expected an entry of type TOTP, HOTP or STEAM, got '${type.slice(0, 24)}'`);
    return;
  }
  try {
    builder.add({
      issuer,
      label,
      kind,
      // andOTP pads its base32 with '='; normaliseSecret (via draftFromManualEntry) drops it.
      secret: optionalString(entry, 'secret') ?? '',
      algorithm: optionalString(entry, 'algorithm'),
      digits: optionalNumber(entry, 'digits'),
      period: optionalNumber(entry, 'period'),
      counter: optionalNumber(entry, 'counter'),
    });
  } catch (error) {
    if (!(error instanceof EntryFieldError)) throw error;
    builder.skip(name, error.message);
  }
}

function readEntries(entries: unknown): ImportResult {
  if (!Array.isArray(entries))
    throw damaged(`expected a JSON array of entries, got ${describeJsonType(entries)}`);
  const builder = new ResultBuilder();
  entries.forEach((entry, index) => {
    addEntry(builder, entry, index);
  });
  return { format: FORMAT, accounts: builder.accounts, skipped: builder.skipped };
}

export const andOtpImporter: Importer = {
  format: FORMAT,
  label: LABEL,
  detect: (input) => isPlainBackup(input.json) || looksEncrypted(input),
  needsPassword: (input) => !isPlainBackup(input.json) && looksEncrypted(input),
  async read(input, password) {
    if (isPlainBackup(input.json)) return readEntries(input.json);
    if (!looksEncrypted(input)) {
      throw damaged('expected a JSON array of entries or an encrypted andOTP file (at least 40 bytes)');
    }
    if (password === undefined) {
      throw fail('IMPORT_PASSWORD_REQUIRED', 'This andOTP backup is encrypted: enter its password.');
    }
    return readEntries(await decryptBackup(input.bytes, password));
  },
};

/**
 * Opening a Bitwarden password-protected export (peers.md §4.6): the password and the file's salt
 * give a master key (PBKDF2-SHA256, or Argon2id over SHA-256 of the salt), HKDF-Expand stretches it
 * into an encryption key and a MAC key, and every value is an "EncString" of type 2
 * (`2.<iv>|<ciphertext>|<mac>`: AES-256-CBC, then HMAC-SHA256 over iv ‖ ciphertext).
 *
 * The KDF parameters come from the file, so they are bounded: a hostile file must not be able to
 * make the browser hash for minutes or allocate gigabytes.
 */
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { type Bytes, fromBase64, utf8 } from '../../../vault/crypto';
import {
  AES_BLOCK_BYTES,
  aesCbcDecrypt,
  CbcDecryptError,
  hkdfExpandSha256,
  MacMismatchError,
  verifyHmacSha256,
} from '../crypto-cbc';
import { ImportError, type ImportErrorCode } from '../types';

/** Far above Bitwarden's default 600,000 (peers.md §3), low enough to end within seconds. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
/** Bitwarden's defaults are t=3, m=64 MiB, p=4 (peers.md §3); its settings allow up to t=10, 1 GiB, p=16. */
export const MAX_ARGON2_ITERATIONS = 10;
export const MAX_ARGON2_MEMORY_MIB = 1024;
export const MAX_ARGON2_PARALLELISM = 16;

const MAC_BYTES = 32;
const KEY_BYTES = 32;

export type BitwardenKdf =
  | { type: 'pbkdf2'; iterations: number }
  | { type: 'argon2id'; iterations: number; memoryMiB: number; parallelism: number };

/** One type-2 EncString, decoded but not yet checked. */
export interface EncString {
  iv: Bytes;
  ciphertext: Bytes;
  mac: Bytes;
}

/** The fields of a password-protected export this module needs, already validated. */
export interface PasswordProtectedExport {
  salt: string;
  kdf: BitwardenKdf;
  validation: EncString;
  data: EncString;
}

function fail(code: ImportErrorCode, message: string, cause?: unknown): ImportError {
  return new ImportError(code, message, { format: 'bitwarden', cause });
}

function wholeNumberIn(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw fail(
      'IMPORT_DAMAGED',
      `Bitwarden export: ${field} must be a whole number, got ${describe(value)}.`,
    );
  }
  if (value < min || value > max) {
    throw fail(
      'IMPORT_UNSUPPORTED',
      `Bitwarden export: ${field} must be between ${min} and ${max}, got ${value}; TwoStep refuses larger ` +
        'values so that a damaged or hostile file cannot freeze the browser.',
    );
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value.length > 20 ? 'a long text' : `'${value}'`;
  return typeof value === 'number' ? String(value) : typeof value;
}

/** Reads `kdfType` (0 PBKDF2-SHA256, 1 Argon2id) and its parameters, within the bounds above. */
export function readKdf(file: Record<string, unknown>): BitwardenKdf {
  const type = file.kdfType ?? 0;
  if (type === 0) {
    return {
      type: 'pbkdf2',
      iterations: wholeNumberIn(file.kdfIterations, 'kdfIterations', 1, MAX_PBKDF2_ITERATIONS),
    };
  }
  if (type === 1) {
    return {
      type: 'argon2id',
      iterations: wholeNumberIn(file.kdfIterations, 'kdfIterations', 1, MAX_ARGON2_ITERATIONS),
      memoryMiB: wholeNumberIn(file.kdfMemory, 'kdfMemory (MiB)', 1, MAX_ARGON2_MEMORY_MIB),
      parallelism: wholeNumberIn(file.kdfParallelism, 'kdfParallelism', 1, MAX_ARGON2_PARALLELISM),
    };
  }
  throw fail(
    'IMPORT_UNSUPPORTED',
    `Bitwarden export: kdfType must be 0 (PBKDF2) or 1 (Argon2id), got ${describe(type)}.`,
  );
}

/**
 * Decodes `2.<iv>|<ciphertext>|<mac>`. Other EncString types (0: CBC without MAC, 3+: RSA) never
 * appear in password-protected exports, so they are reported as unsupported.
 */
export function parseEncString(value: unknown, field: string): EncString {
  if (typeof value !== 'string') {
    throw fail(
      'IMPORT_DAMAGED',
      `Bitwarden export: ${field} must be an encrypted string, got ${describe(value)}.`,
    );
  }
  const dot = value.indexOf('.');
  const type = dot === -1 ? '' : value.slice(0, dot);
  if (type !== '2') {
    throw fail(
      /^\d+$/.test(type) ? 'IMPORT_UNSUPPORTED' : 'IMPORT_DAMAGED',
      `Bitwarden export: ${field} must be an encrypted string of type 2 (AES-CBC + HMAC), got ` +
        `${type === '' ? 'no type' : `type ${type.slice(0, 4)}`}.`,
    );
  }
  const parts = value.slice(dot + 1).split('|');
  if (parts.length !== 3) {
    throw fail(
      'IMPORT_DAMAGED',
      `Bitwarden export: ${field} must have 3 parts (iv|data|mac), got ${parts.length}.`,
    );
  }
  const [iv, ciphertext, mac] = parts.map((part) => decodePart(part, field));
  if (iv === undefined || ciphertext === undefined || mac === undefined)
    throw new Error('three parts were checked');
  if (iv.length !== AES_BLOCK_BYTES || mac.length !== MAC_BYTES) {
    throw fail(
      'IMPORT_DAMAGED',
      `Bitwarden export: ${field} must have a ${AES_BLOCK_BYTES}-byte IV and a ${MAC_BYTES}-byte MAC, got ` +
        `${iv.length} and ${mac.length} bytes.`,
    );
  }
  if (ciphertext.length === 0 || ciphertext.length % AES_BLOCK_BYTES !== 0) {
    throw fail(
      'IMPORT_DAMAGED',
      `Bitwarden export: ${field} must hold whole ${AES_BLOCK_BYTES}-byte blocks, got ${ciphertext.length} bytes.`,
    );
  }
  return { iv, ciphertext, mac };
}

function decodePart(part: string, field: string): Bytes {
  try {
    return fromBase64(part);
  } catch (error) {
    throw fail('IMPORT_DAMAGED', `Bitwarden export: ${field} is damaged (a part is not base64).`, error);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Validates everything that can be checked before the (slow) key derivation. */
export function readPasswordProtected(file: Record<string, unknown>): PasswordProtectedExport {
  if (typeof file.salt !== 'string' || file.salt === '') {
    throw fail(
      'IMPORT_DAMAGED',
      `Bitwarden export: salt must be a non-empty text, got ${describe(file.salt)}.`,
    );
  }
  return {
    salt: file.salt,
    kdf: readKdf(file),
    validation: parseEncString(file.encKeyValidation_DO_NOT_EDIT, 'encKeyValidation_DO_NOT_EDIT'),
    data: parseEncString(file.data, 'data'),
  };
}

/** The 32-byte master key: PBKDF2 over the salt's UTF-8 bytes, or Argon2id over SHA-256 of them. */
export async function deriveMasterKey(password: string, salt: string, kdf: BitwardenKdf): Promise<Bytes> {
  if (kdf.type === 'pbkdf2') {
    const subtle = globalThis.crypto.subtle;
    const base = await subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: utf8(salt), iterations: kdf.iterations },
      base,
      KEY_BYTES * 8,
    );
    return new Uint8Array(bits);
  }
  const memoryKiB = kdf.memoryMiB * 1024;
  const key = await argon2idAsync(utf8(password), sha256(utf8(salt)), {
    t: kdf.iterations,
    m: memoryKiB,
    p: kdf.parallelism,
    dkLen: KEY_BYTES,
    maxmem: MAX_ARGON2_MEMORY_MIB * 1024 * 1024,
  });
  return new Uint8Array(key);
}

/** The two keys HKDF-Expand gives (Bitwarden's "stretched" master key). */
export interface StretchedKey {
  encKey: Bytes;
  macKey: Bytes;
}

export function stretchKey(masterKey: Uint8Array): StretchedKey {
  return {
    encKey: hkdfExpandSha256(masterKey, 'enc', KEY_BYTES),
    macKey: hkdfExpandSha256(masterKey, 'mac', KEY_BYTES),
  };
}

/**
 * Checks the MAC (encrypt-then-MAC: nothing is decrypted before it matches), then decrypts.
 * @throws {MacMismatchError} | {CbcDecryptError}
 */
export async function decryptEncString(value: EncString, key: StretchedKey): Promise<Bytes> {
  const signed = new Uint8Array(value.iv.length + value.ciphertext.length);
  signed.set(value.iv, 0);
  signed.set(value.ciphertext, value.iv.length);
  verifyHmacSha256(key.macKey, signed, value.mac);
  return aesCbcDecrypt(key.encKey, value.iv, value.ciphertext);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Opens the export and returns the plaintext of `data` (the JSON of an unencrypted export).
 * `encKeyValidation_DO_NOT_EDIT` is decrypted first: its MAC failing means the password is wrong.
 *
 * @throws {ImportError} IMPORT_WRONG_PASSWORD, IMPORT_DAMAGED.
 */
export async function decryptPasswordProtected(
  file: PasswordProtectedExport,
  password: string,
): Promise<string> {
  let key: StretchedKey;
  try {
    key = stretchKey(await deriveMasterKey(password, file.salt, file.kdf));
  } catch (error) {
    throw fail(
      'IMPORT_DAMAGED',
      `Bitwarden export: the key could not be derived (${messageOf(error)}).`,
      error,
    );
  }
  try {
    await decryptEncString(file.validation, key);
  } catch (error) {
    if (error instanceof MacMismatchError) {
      throw fail('IMPORT_WRONG_PASSWORD', 'The password does not open this Bitwarden export.', error);
    }
    throw fail('IMPORT_DAMAGED', 'Bitwarden export: the password check value is damaged.', error);
  }
  try {
    return UTF8.decode(await decryptEncString(file.data, key));
  } catch (error) {
    const what =
      error instanceof MacMismatchError || error instanceof CbcDecryptError ? 'altered' : 'not text';
    throw fail('IMPORT_DAMAGED', `Bitwarden export: the password is right but the data is ${what}.`, error);
  }
}

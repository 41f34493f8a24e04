/**
 * Sealing and opening TwoStep's own backup file (issue 4; docs/backup-format.md): PBKDF2-HMAC-SHA256
 * and AES-256-GCM from WebCrypto, the vault's primitives (peers.md §3), with the backup's own password.
 * The password-derived key encrypts the contents directly: a backup is one file with one password,
 * so the vault's data-key wrapping (there for password changes and later unlock methods) buys nothing.
 */
import {
  AuthenticationError,
  DEFAULT_KDF_ITERATIONS,
  deriveWrappingKey,
  fromBase64,
  IV_BYTES,
  randomBytes,
  SALT_BYTES,
  toBase64,
  unseal,
  utf8,
} from '../../vault/crypto';
import { MIN_PASSWORD_LENGTH } from '../../vault/keys';
import { type BackupContents, validateContents } from './contents';
import { BackupError } from './errors';
import {
  BACKUP_CIPHER,
  BACKUP_FORMAT,
  BACKUP_KDF,
  BACKUP_VERSION,
  type BackupFile,
  type BackupHeader,
  damaged,
  headerAad,
  MAX_BACKUP_CHARS,
  MAX_BACKUP_ITERATIONS,
  MIN_BACKUP_ITERATIONS,
  readBackupFile,
} from './format';

export interface SealOptions {
  /** PBKDF2 iterations; the vault's default (600,000, OWASP 2023) unless a test asks for fewer. */
  iterations?: number;
}

const WRONG_PASSWORD_MESSAGE =
  'The password does not open this backup: either it is not the password the backup was made with, ' +
  'or the file was changed after TwoStep made it (AES-GCM authentication failed). Nothing was restored.';

/**
 * Encrypts `contents` into the text of a backup file (pretty-printed JSON; the associated data is
 * canonical, so whitespace does not matter). Fresh random salt and IV on every call.
 *
 * @throws {BackupError} BACKUP_WEAK_PASSWORD for a password under 8 characters (counted in code
 *   points, like the vault's), BACKUP_INVALID_CONTENTS for contents `openBackup` would refuse.
 * @throws {RangeError} for `options.iterations` outside what `openBackup` accepts (a caller bug).
 */
export async function sealBackup(
  contents: BackupContents,
  password: string,
  options: SealOptions = {},
): Promise<string> {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new BackupError(
      'BACKUP_WEAK_PASSWORD',
      `The backup password must be at least ${MIN_PASSWORD_LENGTH} characters long; it has ${length}.`,
    );
  }
  const iterations = options.iterations ?? DEFAULT_KDF_ITERATIONS;
  if (
    !Number.isSafeInteger(iterations) ||
    iterations < MIN_BACKUP_ITERATIONS ||
    iterations > MAX_BACKUP_ITERATIONS
  ) {
    throw new RangeError(
      `iterations must be a whole number from ${MIN_BACKUP_ITERATIONS} to ${MAX_BACKUP_ITERATIONS}, got ${iterations}`,
    );
  }
  // Seal only what `openBackup` accepts: a backup that cannot be restored is worse than none.
  const checked = validateContents(contents);
  if (!checked.ok) {
    throw new BackupError(
      'BACKUP_INVALID_CONTENTS',
      `These records cannot be backed up: ${checked.detail}. No backup was made.`,
    );
  }
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    kdf: { name: BACKUP_KDF, iterations, salt: toBase64(salt) },
    cipher: { name: BACKUP_CIPHER, iv: toBase64(iv) },
  };
  const key = await deriveWrappingKey(password, salt, iterations);
  // Not the vault's `seal`: that picks its own IV, and here the IV is part of the associated data.
  const ciphertext = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8(headerAad(header)) },
    key,
    utf8(JSON.stringify(checked.contents)),
  );
  const file: BackupFile = { ...header, data: toBase64(new Uint8Array(ciphertext)) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw damaged(`${what} is not valid JSON (a truncated file looks like this)`, cause);
  }
}

async function open(text: string, password: string): Promise<BackupContents> {
  if (text.length > MAX_BACKUP_CHARS) {
    throw damaged(
      `expected at most ${MAX_BACKUP_CHARS / 1024 / 1024} MB, got ${(text.length / 1024 / 1024).toFixed(1)} MB`,
    );
  }
  const file = readBackupFile(parseJson(text.replace(/^\uFEFF/, ''), 'the file'));
  // No key derivation for nothing: an empty password cannot be one `sealBackup` accepted.
  if (password === '') throw new BackupError('BACKUP_WRONG_PASSWORD', WRONG_PASSWORD_MESSAGE);
  const key = await deriveWrappingKey(password, fromBase64(file.kdf.salt), file.kdf.iterations);
  let plain: Uint8Array;
  try {
    plain = await unseal(key, { iv: file.cipher.iv, data: file.data }, headerAad(file));
  } catch (cause) {
    if (cause instanceof AuthenticationError)
      throw new BackupError('BACKUP_WRONG_PASSWORD', WRONG_PASSWORD_MESSAGE, { cause });
    throw damaged('the ciphertext cannot be decrypted', cause);
  }
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch (cause) {
    throw damaged('the decrypted contents are not UTF-8 text', cause);
  }
  // Reaching here means the tag authenticated: the file is as its maker wrote it, so what fails
  // below was written by something that is not TwoStep (or a TwoStep bug), not by damage in transit.
  const checked = validateContents(parseJson(json, 'the decrypted contents'));
  if (!checked.ok) throw damaged(`the decrypted contents do not match version 1: ${checked.detail}`);
  return checked.contents;
}

/**
 * Decrypts and validates a backup file's text. All or nothing: the contents are returned only when
 * the whole file authenticated and every entry is valid.
 *
 * @throws {BackupError} and nothing else: BACKUP_DAMAGED (not a backup, truncated, a header value
 *   out of range, or contents that do not validate), BACKUP_NEWER_VERSION (version > 1), or
 *   BACKUP_WRONG_PASSWORD (GCM authentication failed: wrong password, or data or header altered).
 */
export async function openBackup(text: string, password: string): Promise<BackupContents> {
  try {
    return await open(text, password);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    // The UI gets one error type whatever happens (a WebCrypto implementation refusing a parameter,
    // say); the original stays as `cause` for the log.
    const what = error instanceof Error ? error.name : typeof error;
    throw damaged(`reading it failed unexpectedly (${what})`, error);
  }
}

/**
 * The Authenticator browser extension's JSON backup (authenticator.cc; peers.md §4.5): an object
 * keyed by entry hash or UUID. Plain entries are `OTPStorage` records; an encrypted backup holds
 * `EncOTPStorage` records (`{ keyId, data }`, `data` a CryptoJS passphrase ciphertext of the
 * record) and the `Key` records that unlock them. The extension's "standard" text backup (one
 * otpauth URI per line) is read by the otpauth-list importer, not here.
 *
 * Legacy encryption (v1: each `secret` encrypted with the password itself; v2: a top-level
 * `key: { enc, hash }`) is refused with advice: no sample with a known password exists to test
 * a reader against.
 */
import { MalformedCiphertextError } from '../../../vault/crypto';
import { CbcDecryptError, decryptCryptoJsPassphrase } from '../crypto-cbc';
import { entryName, ResultBuilder } from '../entry';
import {
  ImportError,
  type ImportErrorCode,
  type Importer,
  type ImportInput,
  type ImportResult,
} from '../types';
import {
  ArgonLimitError,
  type UnlockedKey,
  unlockKey,
  WrongPasswordError,
} from './authenticator-extension-crypto';
import { entryFromStorage } from './authenticator-extension-entry';

type JsonObject = Record<string, unknown>;

/** Top-level keys of the extension's storage that are not entries (settings, the v2 key). */
const META_KEYS = new Set(['UserSettings', 'LocalStorage', 'key']);

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(code: ImportErrorCode, message: string, cause?: unknown): ImportError {
  return new ImportError(code, message, { format: 'authenticator-extension', cause });
}

function isEncryptedEntry(value: JsonObject): boolean {
  return value.dataType === 'EncOTPStorage' && typeof value.data === 'string';
}

function isPlainEntry(value: JsonObject): boolean {
  return typeof value.secret === 'string' && value.dataType !== 'EncOTPStorage' && value.dataType !== 'Key';
}

/**
 * Every value (apart from the meta keys) is an object, and at least one is an entry: distinctive
 * enough, since the other JSON formats have arrays or numbers at the top level.
 */
function looksLikeBackup(json: unknown): json is JsonObject {
  if (!isObject(json)) return false;
  let entries = 0;
  for (const [name, value] of Object.entries(json)) {
    if (META_KEYS.has(name)) continue;
    if (!isObject(value)) return false;
    if (isPlainEntry(value) || isEncryptedEntry(value)) entries += 1;
  }
  return entries > 0;
}

function hasEncryptedEntries(json: JsonObject): boolean {
  return Object.values(json).some((value) => isObject(value) && isEncryptedEntry(value));
}

function legacyEncryption(): ImportError {
  return fail(
    'IMPORT_UNSUPPORTED',
    'This Authenticator backup uses the encryption of versions before 6 (2020), which TwoStep cannot ' +
      'read. Open Authenticator, enter your password, and export again (unencrypted, or encrypted with ' +
      'the current version).',
  );
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function indexOf(record: JsonObject): number {
  return typeof record.index === 'number' && Number.isFinite(record.index) ? record.index : 0;
}

/** Unlocks each `Key` once, however many entries use it. */
class KeyRing {
  private readonly unlocked = new Map<string, Promise<UnlockedKey>>();
  constructor(
    private readonly backup: JsonObject,
    private readonly password: string,
  ) {}

  unlock(keyId: string): Promise<UnlockedKey> {
    let pending = this.unlocked.get(keyId);
    if (pending === undefined) {
      pending = this.derive(keyId);
      this.unlocked.set(keyId, pending);
    }
    return pending;
  }

  private async derive(keyId: string): Promise<UnlockedKey> {
    // The extension looks the key up under its id and checks the id matches (import.ts findAndUnlockKey).
    const key = Object.hasOwn(this.backup, keyId) ? this.backup[keyId] : undefined;
    if (!isObject(key) || key.dataType !== 'Key' || key.id !== keyId || typeof key.salt !== 'string') {
      throw fail(
        'IMPORT_DAMAGED',
        'Authenticator backup: an encrypted entry refers to a key the file does not hold.',
      );
    }
    try {
      return await unlockKey(this.password, key.salt, typeof key.hash === 'string' ? key.hash : undefined);
    } catch (error) {
      if (error instanceof WrongPasswordError) {
        throw fail('IMPORT_WRONG_PASSWORD', 'The password does not open this Authenticator backup.', error);
      }
      if (error instanceof ArgonLimitError)
        throw fail('IMPORT_UNSUPPORTED', `Authenticator backup: ${error.message}.`, error);
      throw fail('IMPORT_DAMAGED', 'Authenticator backup: its key could not be derived.', error);
    }
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The record inside an `EncOTPStorage`, merged over the outer fields as the extension does. When the
 * key's `hash` could not confirm the password, a failed decryption is the wrong password (CryptoJS
 * has no MAC; bad padding or garbage text is what a wrong key gives); when it did, it is damage.
 */
async function decryptEntry(entry: JsonObject, ring: KeyRing): Promise<JsonObject> {
  if (typeof entry.keyId !== 'string') {
    throw fail('IMPORT_DAMAGED', 'Authenticator backup: an encrypted entry names no key (keyId).');
  }
  const key = await ring.unlock(entry.keyId);
  let inner: unknown;
  try {
    const plain = await decryptCryptoJsPassphrase(String(entry.data), key.passphrase);
    inner = JSON.parse(UTF8.decode(plain));
  } catch (error) {
    if (error instanceof MalformedCiphertextError) {
      throw fail(
        'IMPORT_DAMAGED',
        `Authenticator backup: an encrypted entry is damaged (${error.message}).`,
        error,
      );
    }
    if (
      !key.verified &&
      (error instanceof CbcDecryptError || error instanceof SyntaxError || error instanceof TypeError)
    ) {
      throw fail('IMPORT_WRONG_PASSWORD', 'The password does not open this Authenticator backup.', error);
    }
    throw fail(
      'IMPORT_DAMAGED',
      'Authenticator backup: an encrypted entry does not decrypt to an entry.',
      error,
    );
  }
  if (!isObject(inner)) {
    throw fail('IMPORT_DAMAGED', 'Authenticator backup: an encrypted entry does not decrypt to an entry.');
  }
  return { ...entry, ...inner, encrypted: false };
}

export const authenticatorExtensionImporter: Importer = {
  format: 'authenticator-extension',
  label: 'Authenticator (browser extension)',
  detect(input: ImportInput): boolean {
    return looksLikeBackup(input.json);
  },
  needsPassword(input: ImportInput): boolean {
    return looksLikeBackup(input.json) && hasEncryptedEntries(input.json);
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    const backup = input.json;
    if (!looksLikeBackup(backup)) {
      throw fail(
        'IMPORT_DAMAGED',
        'Expected an Authenticator JSON backup (entries keyed by hash), got other content.',
      );
    }
    // v2 kept its wrapped key under `key` (storage.ts isOldKey).
    if (isObject(backup.key) && typeof backup.key.enc === 'string') throw legacyEncryption();

    const records: JsonObject[] = [];
    const encrypted: JsonObject[] = [];
    for (const [name, value] of Object.entries(backup)) {
      if (META_KEYS.has(name) || !isObject(value) || value.dataType === 'Key') continue;
      if (isEncryptedEntry(value)) encrypted.push(value);
      else if (value.encrypted === true) throw legacyEncryption();
      else records.push(value);
    }
    if (encrypted.length > 0) {
      if (password === undefined) {
        throw fail('IMPORT_PASSWORD_REQUIRED', 'This Authenticator backup is encrypted: enter its password.');
      }
      const ring = new KeyRing(backup, password);
      // One at a time: each key's Argon2 runs once, and the first failure stops the rest.
      for (const entry of encrypted) records.push(await decryptEntry(entry, ring));
    }

    // The extension lists entries by `index` (storage.ts ensureUniqueIndex); ties keep file order.
    const ordered = records.map((record, order) => ({ record, order }));
    ordered.sort((a, b) => indexOf(a.record) - indexOf(b.record) || a.order - b.order);

    const builder = new ResultBuilder();
    for (const { record } of ordered) {
      if (typeof record.secret !== 'string' || record.secret.trim() === '') {
        builder.skip(entryName(text(record.issuer), text(record.account)), 'the entry has no secret');
        continue;
      }
      const result = entryFromStorage(record);
      if ('entry' in result) builder.add(result.entry);
      else builder.skip(entryName(result.skip.issuer, result.skip.account), result.skip.reason);
    }
    return { format: 'authenticator-extension', accounts: builder.accounts, skipped: builder.skipped };
  },
};

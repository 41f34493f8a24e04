/**
 * 2FAS backup (`.2fas`, early versions `.json`; peers.md §4.3): `{ services, schemaVersion, … }`.
 * Encrypted backups leave `services` empty and carry `servicesEncrypted`, three base64 parts
 * `ciphertext‖tag : salt : iv`, under PBKDF2-HMAC-SHA256 (10,000 iterations) and AES-256-GCM.
 */
import type { ManualEntry } from '../../../otp/index';
import type { Bytes } from '../../../vault/crypto';
import {
  AesGcmAuthenticationError,
  aesGcmDecrypt,
  fromBase64Loose,
  MalformedCipherDataError,
  pbkdf2,
} from '../crypto';
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

const FORMAT = '2fas';
const LABEL = '2FAS';

/** Fixed by the 2FAS apps (peers.md §4.3): PBKDF2-HMAC-SHA256, 10,000 iterations, 256-bit key. */
const KDF_ITERATIONS = 10_000;
const KEY_BYTES = 32;
const IV_BYTES = 12;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(code: ImportErrorCode, message: string, cause?: unknown): ImportError {
  return new ImportError(code, message, { format: FORMAT, cause });
}

function damaged(detail: string, cause?: unknown): ImportError {
  return fail('IMPORT_DAMAGED', `This 2FAS backup is damaged: ${detail}.`, cause);
}

/**
 * A 2FAS backup: `services` is always an array (empty when encrypted), and every version since the
 * first writes `schemaVersion`; `servicesEncrypted` alone is accepted for a hand-trimmed file.
 */
function backupShape(json: unknown): JsonRecord | undefined {
  if (!isRecord(json) || !Array.isArray(json.services)) return undefined;
  return typeof json.schemaVersion === 'number' || typeof json.servicesEncrypted === 'string'
    ? json
    : undefined;
}

function isEncrypted(input: ImportInput): boolean {
  const backup = backupShape(input.json);
  return typeof backup?.servicesEncrypted === 'string' && backup.servicesEncrypted.trim() !== '';
}

// --- decryption -------------------------------------------------------------------------------

interface Sealed {
  data: Bytes;
  salt: Bytes;
  iv: Bytes;
}

/** `base64(ciphertext‖tag):base64(salt):base64(iv)`. */
function readSealed(field: string, value: string): Sealed {
  const parts = value.split(':');
  if (parts.length !== 3) {
    throw damaged(`${field} must be three base64 parts "data:salt:iv", got ${parts.length} part(s)`);
  }
  const [data, salt, iv] = parts.map((part, i) => {
    try {
      return fromBase64Loose(part);
    } catch (error) {
      if (!(error instanceof MalformedCipherDataError)) throw error;
      throw damaged(`${field} part ${i + 1}: ${error.message}`, error);
    }
  }) as [Bytes, Bytes, Bytes];
  if (iv.length !== IV_BYTES) throw damaged(`${field} IV must be ${IV_BYTES} bytes, got ${iv.length}`);
  if (salt.length === 0) throw damaged(`${field} salt must not be empty`);
  if (data.length < 16)
    throw damaged(`${field} must hold at least the 16-byte tag, got ${data.length} bytes`);
  return { data, salt, iv };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** `undefined` when the tag does not match (the key, hence the password, is wrong). */
async function tryOpen(key: Bytes, sealed: Sealed): Promise<Bytes | undefined> {
  try {
    return await aesGcmDecrypt(key, sealed.iv, sealed.data);
  } catch (error) {
    if (error instanceof AesGcmAuthenticationError) return undefined;
    throw error;
  }
}

const wrongPassword = (): ImportError =>
  fail(
    'IMPORT_WRONG_PASSWORD',
    'The password does not open this 2FAS backup: its encrypted data did not authenticate.',
  );

async function decryptServices(backup: JsonRecord, password: string): Promise<unknown> {
  const services = readSealed('servicesEncrypted', String(backup.servicesEncrypted));
  const reference =
    typeof backup.reference === 'string' ? readSealed('reference', backup.reference) : undefined;
  const key = await pbkdf2(password, services.salt, KDF_ITERATIONS, 'SHA-256', KEY_BYTES);
  // The reference is a known text sealed with the same password: checking it first tells a wrong
  // password apart from damaged services (peers.md §4.3).
  if (reference !== undefined) {
    const referenceKey = sameBytes(reference.salt, services.salt)
      ? key
      : await pbkdf2(password, reference.salt, KDF_ITERATIONS, 'SHA-256', KEY_BYTES);
    if ((await tryOpen(referenceKey, reference)) === undefined) throw wrongPassword();
  }
  const plain = await tryOpen(key, services);
  if (plain === undefined) {
    if (reference === undefined) throw wrongPassword();
    throw damaged('the password is right, but the encrypted services fail their integrity check');
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch (error) {
    throw damaged('the decrypted services are not JSON', error);
  }
}

// --- services ---------------------------------------------------------------------------------

const TOKEN_KINDS: Readonly<Record<string, ManualEntry['kind']>> = {
  TOTP: 'totp',
  HOTP: 'hotp',
  STEAM: 'steam',
};

/** Issuer = service `name`, falling back to `otp.issuer`; account = `otp.account`, else the label (§4.3). */
function names(service: JsonRecord, otp: JsonRecord): { issuer: string; label: string } {
  const name = typeof service.name === 'string' ? service.name.trim() : '';
  const issuer = name !== '' ? name : typeof otp.issuer === 'string' ? otp.issuer.trim() : '';
  if (typeof otp.account === 'string') return { issuer, label: otp.account };
  // Schema 3 labels read "Issuer:account"; drop the issuer so it is not shown twice.
  const label = typeof otp.label === 'string' ? otp.label : '';
  const prefix = `${issuer}:`;
  const account =
    issuer !== '' && label.toLowerCase().startsWith(prefix.toLowerCase())
      ? label.slice(prefix.length)
      : label;
  return { issuer, label: account };
}

function addService(builder: ResultBuilder, service: unknown, index: number, schemaVersion: number): void {
  if (!isRecord(service))
    throw damaged(`service ${index + 1} must be an object, got ${describeJsonType(service)}`);
  const otp = isRecord(service.otp) ? service.otp : {};
  const { issuer, label } = names(service, otp);
  try {
    const secret = optionalString(service, 'secret') ?? '';
    // Schema 1 stores no OTP parameters: every service is TOTP SHA1/6/30 (the corpus README follows
    // Aegis's 2FAS importer here). Schema 2 adds algorithm/digits/period but no token type: TOTP.
    if (schemaVersion < 2) {
      builder.add({ issuer, label, kind: 'totp', secret });
      return;
    }
    const tokenType = optionalString(otp, 'tokenType');
    const kind = tokenType === undefined ? 'totp' : TOKEN_KINDS[tokenType.toUpperCase()];
    if (kind === undefined) {
      builder.skip(
        entryName(issuer, label),
        `expected a token type TOTP, HOTP or STEAM, got '${(tokenType ?? '').slice(0, 24)}'`,
      );
      return;
    }
    builder.add({
      issuer,
      label,
      kind,
      secret,
      algorithm: optionalString(otp, 'algorithm'),
      digits: optionalNumber(otp, 'digits'),
      period: optionalNumber(otp, 'period'),
      counter: optionalNumber(otp, 'counter'),
    });
  } catch (error) {
    if (!(error instanceof EntryFieldError)) throw error;
    builder.skip(entryName(issuer, label), error.message);
  }
}

function readServices(services: unknown, schemaVersion: number): ImportResult {
  if (!Array.isArray(services)) throw damaged(`services must be an array, got ${describeJsonType(services)}`);
  const builder = new ResultBuilder();
  services.forEach((service, index) => {
    addService(builder, service, index, schemaVersion);
  });
  return { format: FORMAT, accounts: builder.accounts, skipped: builder.skipped };
}

export const twoFasImporter: Importer = {
  format: FORMAT,
  label: LABEL,
  detect: (input) => backupShape(input.json) !== undefined,
  needsPassword: isEncrypted,
  async read(input, password) {
    const backup = backupShape(input.json);
    if (backup === undefined) throw damaged('expected { services: [...], schemaVersion, … }');
    const version = backup.schemaVersion;
    // Versions after 4 are read like 4: the service shape has been stable since schema 3, and refusing
    // a newer backup would strand the user where a best effort still validates every account.
    const schemaVersion = typeof version === 'number' && Number.isFinite(version) ? version : 4;
    if (!isEncrypted(input)) return readServices(backup.services, schemaVersion);
    if (password === undefined) {
      throw fail('IMPORT_PASSWORD_REQUIRED', 'This 2FAS backup is encrypted: enter its password.');
    }
    return readServices(await decryptServices(backup, password), schemaVersion);
  },
};

/**
 * Aegis vault export (peers.md §4.2; Aegis `docs/vault.md`): a JSON file whose `db` is either the
 * content object (plain) or base64 AES-256-GCM ciphertext under a random master key, which each
 * password slot wraps with an scrypt-derived key.
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';
import type { ManualEntry } from '../../../otp/index';
import type { Bytes } from '../../../vault/crypto';
import {
  AesGcmAuthenticationError,
  aesGcmDecrypt,
  fromBase64Loose,
  hexToBytes,
  MalformedCipherDataError,
  utf8,
} from '../crypto';
import { entryName, ResultBuilder } from '../entry';
import {
  describeJsonType,
  EntryFieldError,
  type JsonRecord,
  optionalNumber,
  optionalString,
  shownValue,
} from '../fields';
import {
  ImportError,
  type ImportErrorCode,
  type Importer,
  type ImportInput,
  type ImportResult,
} from '../types';

const FORMAT = 'aegis';
const LABEL = 'Aegis';

/** Aegis rejects newer files than it knows (`VaultFile.VERSION`, `Vault.VERSION`); so do we. */
const MAX_FILE_VERSION = 1;
const MAX_CONTENT_VERSION = 3;
/** Slot type 1 (peers.md §4.2); 0 raw and 2 biometric need keys that never leave the phone. */
const PASSWORD_SLOT = 1;
const MASTER_KEY_BYTES = 32;
const NONCE_BYTES = 12;

/**
 * Bounds on a slot's scrypt parameters, so a hostile file cannot make the import allocate gigabytes
 * or spin for minutes. Aegis writes N = 2^15, r = 8, p = 1 (32 MiB, N·r·p = 2^18); the limits leave
 * 8× room for memory and 32× for work. scrypt holds 128·r·(N + p) bytes (RFC 7914 §5; noble's count).
 */
const SCRYPT_LIMITS = {
  maxN: 2 ** 20,
  maxR: 32,
  maxP: 16,
  maxMemoryBytes: 256 * 1024 * 1024,
  maxWork: 2 ** 23,
} as const;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(code: ImportErrorCode, message: string, cause?: unknown): ImportError {
  return new ImportError(code, message, { format: FORMAT, cause });
}

function damaged(detail: string, cause?: unknown): ImportError {
  return fail('IMPORT_DAMAGED', `This Aegis vault is damaged: ${detail}.`, cause);
}

/** `{ version, header: { slots, params }, db }`: the shape every Aegis export has, plain or not. */
function vaultShape(json: unknown): { version: unknown; header: JsonRecord; db: unknown } | undefined {
  if (!isRecord(json) || !isRecord(json.header) || !('db' in json)) return undefined;
  if (!('slots' in json.header) || !('params' in json.header)) return undefined;
  return { version: json.version, header: json.header, db: json.db };
}

function isEncrypted(input: ImportInput): boolean {
  return typeof vaultShape(input.json)?.db === 'string';
}

// --- decryption -------------------------------------------------------------------------------

interface PasswordSlot {
  key: Bytes;
  nonce: Bytes;
  tag: Bytes;
  salt: Bytes;
  n: number;
  r: number;
  p: number;
  repaired: boolean;
}

/** Hex field of the header, decoded, with the expected length when the format fixes one. */
function hexField(where: string, value: unknown, length?: number): Bytes {
  if (typeof value !== 'string')
    throw damaged(`${where} must be a hex string, got ${describeJsonType(value)}`);
  let bytes: Bytes;
  try {
    bytes = hexToBytes(value);
  } catch (error) {
    if (error instanceof MalformedCipherDataError) throw damaged(`${where}: ${error.message}`, error);
    throw error;
  }
  if (length !== undefined && bytes.length !== length) {
    throw damaged(`${where} must be ${length} bytes, got ${bytes.length}`);
  }
  return bytes;
}

function wholeNumber(where: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw damaged(
      `${where} must be a whole number ≥ 1, got ${typeof value === 'number' ? value : describeJsonType(value)}`,
    );
  }
  return value;
}

/** Reads one password slot and checks its scrypt cost before anything is derived. */
function readPasswordSlot(slot: JsonRecord, index: number): PasswordSlot {
  const where = `password slot ${index + 1}`;
  const n = wholeNumber(`${where} n`, slot.n);
  const r = wholeNumber(`${where} r`, slot.r);
  const p = wholeNumber(`${where} p`, slot.p);
  // RFC 7914 §2: N must be a power of two greater than 1.
  if (n < 2 || !Number.isInteger(Math.log2(n))) {
    throw damaged(`${where} n must be a power of two ≥ 2, got ${n}`);
  }
  const memory = 128 * r * (n + p);
  if (
    n > SCRYPT_LIMITS.maxN ||
    r > SCRYPT_LIMITS.maxR ||
    p > SCRYPT_LIMITS.maxP ||
    memory > SCRYPT_LIMITS.maxMemoryBytes ||
    n * r * p > SCRYPT_LIMITS.maxWork
  ) {
    throw fail(
      'IMPORT_UNSUPPORTED',
      `This Aegis vault asks for a key derivation far costlier than Aegis uses: expected scrypt ` +
        `N ≤ 2^${Math.log2(SCRYPT_LIMITS.maxN)}, r ≤ ${SCRYPT_LIMITS.maxR}, p ≤ ${SCRYPT_LIMITS.maxP}, ` +
        `N·r·p ≤ 2^${Math.log2(SCRYPT_LIMITS.maxWork)} and at most ${SCRYPT_LIMITS.maxMemoryBytes / 1024 / 1024} MiB, ` +
        `got N = ${n}, r = ${r}, p = ${p} (${Math.ceil(memory / 1024 / 1024)} MiB).`,
    );
  }
  const keyParams = isRecord(slot.key_params) ? slot.key_params : {};
  const salt = hexField(`${where} salt`, slot.salt);
  if (salt.length === 0 || salt.length > 1024)
    throw damaged(`${where} salt must be 1–1024 bytes, got ${salt.length}`);
  return {
    key: hexField(`${where} key`, slot.key, MASTER_KEY_BYTES),
    nonce: hexField(`${where} nonce`, keyParams.nonce, NONCE_BYTES),
    tag: hexField(`${where} tag`, keyParams.tag, 16),
    salt,
    n,
    r,
    p,
    repaired: slot.repaired === true,
  };
}

/**
 * The bytes Aegis once fed scrypt before its fix for issue #95 (`CryptoUtils.toBytesOld`): Java's
 * `Charset.encode` returns a buffer of capacity ⌊1.1·length⌋, doubled (2n + 1) until the UTF-8 fits,
 * and the old code hashed that whole backing array, trailing zeros included. Only slots not marked
 * `repaired` can need it, and only past 64 bytes: below that, HMAC's zero-padding of the key makes
 * both encodings derive the same key.
 */
export function legacyAegisPasswordBytes(password: string): Bytes {
  const exact = utf8(password);
  let capacity = Math.trunc(Math.fround(password.length * Math.fround(1.1)));
  while (capacity < exact.length) capacity = capacity * 2 + 1;
  const out = new Uint8Array(capacity);
  out.set(exact);
  return out;
}

/** scrypt(password, salt, N, r, p) → 32 bytes; async so the page keeps painting (noble yields every 10 ms). */
async function deriveSlotKey(slot: PasswordSlot, password: Uint8Array): Promise<Bytes> {
  try {
    const options = { N: slot.n, r: slot.r, p: slot.p, dkLen: 32, maxmem: SCRYPT_LIMITS.maxMemoryBytes };
    return new Uint8Array(await scryptAsync(password, slot.salt, options));
  } catch (error) {
    throw damaged("could not derive the password slot's key", error);
  }
}

/** `undefined` when the slot's tag does not match this password. */
async function openSlot(slot: PasswordSlot, password: Uint8Array): Promise<Bytes | undefined> {
  const slotKey = await deriveSlotKey(slot, password);
  try {
    return await aesGcmDecrypt(slotKey, slot.nonce, slot.key, slot.tag);
  } catch (error) {
    if (error instanceof AesGcmAuthenticationError) return undefined;
    throw error;
  }
}

/** Tries every password slot (peers.md §4.2; Aegis only says "wrong password" after all fail). */
async function unwrapMasterKey(slots: unknown, password: string): Promise<Bytes> {
  if (!Array.isArray(slots)) throw damaged(`header.slots must be an array, got ${describeJsonType(slots)}`);
  // A slot we cannot use (damaged, or too costly) does not stop the others from being tried.
  const passwordSlots: PasswordSlot[] = [];
  let firstProblem: ImportError | undefined;
  slots.forEach((slot, index) => {
    if (!isRecord(slot) || slot.type !== PASSWORD_SLOT) return;
    try {
      passwordSlots.push(readPasswordSlot(slot, index));
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      firstProblem ??= error;
    }
  });
  if (passwordSlots.length === 0 && firstProblem !== undefined) throw firstProblem;
  if (passwordSlots.length === 0) {
    throw fail(
      'IMPORT_UNSUPPORTED',
      `This Aegis vault has no password slot: expected a slot of type ${PASSWORD_SLOT}, got ${slots.length} ` +
        'other slot(s) (raw or biometric keys stay on the phone). Export it from Aegis with a password.',
    );
  }
  const exact = utf8(password);
  for (const slot of passwordSlots) {
    const master = await openSlot(slot, exact);
    if (master !== undefined) return master;
  }
  const legacy = legacyAegisPasswordBytes(password);
  if (legacy.length > 64) {
    for (const slot of passwordSlots.filter((s) => !s.repaired)) {
      const master = await openSlot(slot, legacy);
      if (master !== undefined) return master;
    }
  }
  throw fail(
    'IMPORT_WRONG_PASSWORD',
    'The password does not open this Aegis vault: no password slot accepted it.',
  );
}

async function decryptContent(header: JsonRecord, db: string, password: string): Promise<unknown> {
  const params = header.params;
  if (!isRecord(params))
    throw damaged(`header.params must hold a nonce and tag, got ${describeJsonType(params)}`);
  const nonce = hexField('header.params nonce', params.nonce, NONCE_BYTES);
  const tag = hexField('header.params tag', params.tag, 16);
  let ciphertext: Bytes;
  try {
    ciphertext = fromBase64Loose(db);
  } catch (error) {
    throw damaged(
      `db must be base64 ciphertext (${error instanceof Error ? error.message : 'unreadable'})`,
      error,
    );
  }
  const masterKey = await unwrapMasterKey(header.slots, password);
  let plain: Bytes;
  try {
    plain = await aesGcmDecrypt(masterKey, nonce, ciphertext, tag);
  } catch (error) {
    // The password opened a slot, so a failing tag here means the content itself was altered.
    throw damaged('the password is right, but the encrypted content fails its integrity check', error);
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch (error) {
    throw damaged('the decrypted content is not JSON', error);
  }
}

// --- entries ----------------------------------------------------------------------------------

/** Entry kinds Aegis has that TwoStep cannot compute (corpus README, "Comparing accounts" 4). */
const UNSUPPORTED_KINDS: Readonly<Record<string, string>> = {
  motp: 'mOTP codes are not supported',
  yandex: 'Yandex codes are not supported',
};

function addEntry(builder: ResultBuilder, entry: unknown, index: number): void {
  if (!isRecord(entry)) throw damaged(`entry ${index + 1} must be an object, got ${describeJsonType(entry)}`);
  const issuer = typeof entry.issuer === 'string' ? entry.issuer : '';
  const label = typeof entry.name === 'string' ? entry.name : '';
  const name = entryName(issuer, label);
  const type = typeof entry.type === 'string' ? entry.type.toLowerCase() : '';
  const unsupported = UNSUPPORTED_KINDS[type];
  if (unsupported !== undefined) {
    builder.skip(name, unsupported);
    return;
  }
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') {
    builder.skip(name, `expected an entry of type totp, hotp or steam, got ${shownValue(entry.type, "'")}`);
    return;
  }
  if (!isRecord(entry.info)) {
    builder.skip(name, `expected the entry's OTP parameters ("info"), got ${describeJsonType(entry.info)}`);
    return;
  }
  try {
    const info = entry.info;
    const algo = optionalString(info, 'algo');
    const manual: ManualEntry = {
      issuer,
      label,
      kind: type,
      secret: optionalString(info, 'secret') ?? '',
      // Aegis's own reader (`OtpInfo.fromJson`) turns MD5 into SHA1 for every type but mOTP.
      algorithm: algo?.toUpperCase() === 'MD5' ? 'SHA1' : algo,
      digits: optionalNumber(info, 'digits'),
      period: optionalNumber(info, 'period'),
      counter: optionalNumber(info, 'counter'),
    };
    builder.add(manual);
  } catch (error) {
    if (!(error instanceof EntryFieldError)) throw error;
    builder.skip(name, error.message);
  }
}

function readContent(content: unknown): ImportResult {
  if (!isRecord(content)) throw damaged(`the content must be an object, got ${describeJsonType(content)}`);
  const version = content.version;
  if (typeof version === 'number' && version > MAX_CONTENT_VERSION) {
    throw fail(
      'IMPORT_UNSUPPORTED',
      `This Aegis vault is newer than TwoStep reads: expected content version ≤ ${MAX_CONTENT_VERSION}, got ${version}.`,
    );
  }
  if (!Array.isArray(content.entries))
    throw damaged(`entries must be an array, got ${describeJsonType(content.entries)}`);
  const builder = new ResultBuilder();
  content.entries.forEach((entry, index) => {
    addEntry(builder, entry, index);
  });
  return { format: FORMAT, accounts: builder.accounts, skipped: builder.skipped };
}

export const aegisImporter: Importer = {
  format: FORMAT,
  label: LABEL,
  detect: (input) => vaultShape(input.json) !== undefined,
  needsPassword: isEncrypted,
  async read(input, password) {
    const vault = vaultShape(input.json);
    if (vault === undefined) throw damaged('expected { version, header: { slots, params }, db }');
    if (typeof vault.version === 'number' && vault.version > MAX_FILE_VERSION) {
      throw fail(
        'IMPORT_UNSUPPORTED',
        `This Aegis vault is newer than TwoStep reads: expected version ${MAX_FILE_VERSION}, got ${vault.version}.`,
      );
    }
    if (typeof vault.db !== 'string') return readContent(vault.db);
    if (password === undefined) {
      throw fail('IMPORT_PASSWORD_REQUIRED', 'This Aegis vault is encrypted: enter its password.');
    }
    return readContent(await decryptContent(vault.header, vault.db, password));
  },
};

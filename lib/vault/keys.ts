/**
 * The key hierarchy (peers.md §3 lessons, Aegis-style): a random 256-bit data key encrypts the
 * records; the password only wraps that data key. Changing the password or strengthening the KDF
 * therefore rewrites the header, never the records, and a later passkey unlock is one more wrap.
 */
import {
  AuthenticationError,
  type Bytes,
  DATA_KEY_BYTES,
  deriveWrappingKey,
  fromBase64,
  importDataKey,
  MalformedCiphertextError,
  randomBytes,
  SALT_BYTES,
  type Sealed,
  seal,
  toBase64,
  unseal,
  utf8,
} from './crypto';
import {
  type Envelope,
  KDF_NAME,
  type KdfHeader,
  KEY_CHECK_AAD,
  KEY_CHECK_PLAINTEXT,
  wrappedKeyAad,
} from './envelope';
import { CorruptVaultError, PasswordTooShortError, WrongKeyError, WrongPasswordError } from './errors';

/** Counted in code points, so an emoji counts once. NIST SP 800-63B §3.1.1.2 asks for at least 8. */
export const MIN_PASSWORD_LENGTH = 8;

export function assertPasswordLength(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) throw new PasswordTooShortError(MIN_PASSWORD_LENGTH, length);
}

export interface Header {
  kdf: KdfHeader;
  wrappedKey: Sealed;
}

/** Wraps `rawKey` under a key derived from `password` with a fresh salt and the given iterations. */
export async function wrapDataKey(password: string, rawKey: Bytes, iterations: number): Promise<Header> {
  const kdf: KdfHeader = { name: KDF_NAME, iterations, salt: toBase64(randomBytes(SALT_BYTES)) };
  const kek = await deriveWrappingKey(password, fromBase64(kdf.salt), iterations);
  return { kdf, wrappedKey: await seal(kek, rawKey, wrappedKeyAad(kdf)) };
}

/** Returns the raw data key; a GCM authentication failure here means the password is wrong. */
export async function unwrapDataKey(password: string, envelope: Envelope): Promise<Bytes> {
  if (password.length === 0) throw new WrongPasswordError();
  const { kdf, wrappedKey } = envelope;
  let raw: Bytes;
  try {
    const kek = await deriveWrappingKey(password, fromBase64(kdf.salt), kdf.iterations);
    raw = await unseal(kek, wrappedKey, wrappedKeyAad(kdf));
  } catch (cause) {
    if (cause instanceof AuthenticationError) throw new WrongPasswordError({ cause });
    if (cause instanceof MalformedCiphertextError)
      throw new CorruptVaultError(`wrapped key: ${cause.message}`, { cause });
    throw cause;
  }
  if (raw.length !== DATA_KEY_BYTES) {
    throw new CorruptVaultError(`the unwrapped data key has ${raw.length} bytes, expected ${DATA_KEY_BYTES}`);
  }
  return raw;
}

/**
 * A key check value: a constant sealed under the data key. It lets `open(rawKey)` (after a service
 * worker restart) verify a session key in one small decryption, without the password.
 */
export async function makeKeyCheck(key: CryptoKey): Promise<Sealed> {
  return seal(key, utf8(KEY_CHECK_PLAINTEXT), KEY_CHECK_AAD);
}

/** Imports `raw` and proves it is this vault's data key; `WrongKeyError` otherwise. */
export async function importVerifiedKey(raw: Bytes, envelope: Envelope): Promise<CryptoKey> {
  if (raw.length !== DATA_KEY_BYTES)
    throw new WrongKeyError(`it has ${raw.length} bytes, expected ${DATA_KEY_BYTES}`);
  const key = await importDataKey(raw);
  await verifyKey(key, envelope);
  return key;
}

export async function verifyKey(key: CryptoKey, envelope: Envelope): Promise<void> {
  try {
    const plain = await unseal(key, envelope.keyCheck, KEY_CHECK_AAD);
    if (new TextDecoder().decode(plain) !== KEY_CHECK_PLAINTEXT) throw new Error('unexpected key check text');
  } catch (cause) {
    if (cause instanceof MalformedCiphertextError)
      throw new CorruptVaultError(`key check: ${cause.message}`, { cause });
    throw new WrongKeyError('the key check value does not authenticate', { cause });
  }
}

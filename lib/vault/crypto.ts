/**
 * WebCrypto primitives for the vault: PBKDF2-HMAC-SHA256 key derivation, AES-256-GCM sealing and
 * base64 for JSON storage. Only `globalThis.crypto.subtle` is used, which Node 20, an MV3 service
 * worker and Firefox all provide; WebCrypto has PBKDF2 but no Argon2 or scrypt (peers.md §3).
 */

/** Key and IV bytes. Typed on `ArrayBuffer` so they satisfy TS's `BufferSource` (no SharedArrayBuffer). */
export type Bytes = Uint8Array<ArrayBuffer>;

/** An AES-GCM ciphertext as stored: both fields base64 (extension storage is JSON, style.md §1.3). */
export interface Sealed {
  iv: string;
  data: string;
}

/**
 * 600,000 iterations: the OWASP minimum for PBKDF2-HMAC-SHA256 since the 2023 revision of the
 * Password Storage Cheat Sheet (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#pbkdf2);
 * Bitwarden's default is the same and 1Password uses 650,000 (peers.md §3).
 */
export const DEFAULT_KDF_ITERATIONS = 600_000;
/** 128-bit salt: the NIST SP 800-132 §5.1 minimum; unique per vault and per password change. */
export const SALT_BYTES = 16;
/** 96-bit IV, the length NIST SP 800-38D §5.2.1.1 recommends for GCM. */
export const IV_BYTES = 12;
export const DATA_KEY_BYTES = 32;

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;
const encoder = new TextEncoder();

export function randomBytes(length: number): Bytes {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

export function utf8(text: string): Bytes {
  return encoder.encode(text) as Bytes;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunked: String.fromCharCode(...bytes) overflows the argument stack on large inputs.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(text: string): boolean {
  return BASE64.test(text);
}

/** Strict standard base64 (RFC 4648 §4, padded); anything else is a `MalformedCiphertextError`. */
export function fromBase64(text: string): Bytes {
  if (!isBase64(text)) throw new MalformedCiphertextError('not padded standard base64');
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The stored bytes cannot even be handed to AES-GCM (bad base64, wrong IV length). */
export class MalformedCiphertextError extends Error {
  constructor(detail: string) {
    super(`malformed ciphertext: ${detail}`);
    this.name = 'MalformedCiphertextError';
  }
}

/** GCM tag check failed: wrong key, or the ciphertext, IV or associated data was altered. */
export class AuthenticationError extends Error {
  constructor(options: { cause: unknown }) {
    super('AES-GCM authentication failed', options);
    this.name = 'AuthenticationError';
  }
}

/**
 * Derives the key-encryption key from the password. The password is NFC-normalised first so the
 * same password typed through different input methods gives the same key (RFC 8265 §4.2 OpaqueString).
 */
export async function deriveWrappingKey(
  password: string,
  salt: Bytes,
  iterations: number,
): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', utf8(password.normalize('NFC')), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** A fresh random 256-bit data key, as raw bytes (the caller keeps them for `storage.session`). */
export async function generateDataKey(): Promise<Bytes> {
  const key = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  return new Uint8Array(await subtle().exportKey('raw', key));
}

/** Imports raw data-key bytes as a non-extractable key; the raw copy lives only in `UnlockedVault`. */
export async function importDataKey(raw: Bytes): Promise<CryptoKey> {
  return subtle().importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/**
 * AES-GCM with a fresh random 96-bit IV on every call. NIST SP 800-38D §8.2.2: random IVs are safe
 * while one key performs at most 2^32 encryptions, far beyond one write per edited record.
 * `aad` is authenticated but not encrypted: it binds the ciphertext to its place in the vault.
 */
export async function seal(key: CryptoKey, plaintext: Bytes, aad: string): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES);
  const data = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: utf8(aad) }, key, plaintext);
  return { iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

/** Throws `MalformedCiphertextError` or `AuthenticationError`, never returns unauthenticated bytes. */
export async function unseal(key: CryptoKey, sealed: Sealed, aad: string): Promise<Bytes> {
  const iv = fromBase64(sealed.iv);
  if (iv.length !== IV_BYTES)
    throw new MalformedCiphertextError(`IV has ${iv.length} bytes, expected ${IV_BYTES}`);
  const data = fromBase64(sealed.data);
  // 16 bytes is the GCM tag alone; shorter cannot be a ciphertext we wrote.
  if (data.length < 16)
    throw new MalformedCiphertextError(`ciphertext has ${data.length} bytes, expected ≥ 16`);
  try {
    const plain = await subtle().decrypt({ name: 'AES-GCM', iv, additionalData: utf8(aad) }, key, data);
    return new Uint8Array(plain);
  } catch (cause) {
    throw new AuthenticationError({ cause });
  }
}

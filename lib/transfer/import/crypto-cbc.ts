/**
 * AES-256-CBC primitives for the importers of formats that predate authenticated encryption:
 * Bitwarden's "EncString" (AES-CBC + HMAC-SHA256, encrypt-then-MAC; peers.md §4.6) and CryptoJS's
 * OpenSSL-compatible passphrase encryption used by the Authenticator extension (`Salted__`,
 * EVP_BytesToKey-MD5, no MAC; peers.md §3, §4.5). Decryption goes through WebCrypto; the MD5 and
 * HMAC pieces WebCrypto lacks (or offers only asynchronously) come from @noble/hashes.
 */
import { expand } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { md5 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { type Bytes, fromBase64, MalformedCiphertextError, utf8 } from '../../vault/crypto';

/** AES block and CBC IV size (FIPS 197; SP 800-38A §6.2). */
export const AES_BLOCK_BYTES = 16;
const AES_256_KEY_BYTES = 32;

/** The ciphertext is well formed but does not decrypt: wrong key, or altered bytes (bad padding). */
export class CbcDecryptError extends Error {
  override readonly name = 'CbcDecryptError';
}

/** An HMAC did not match: wrong key, or the ciphertext was altered. */
export class MacMismatchError extends Error {
  override readonly name = 'MacMismatchError';
}

/**
 * Compares two byte strings in time that depends only on their lengths, so a forged MAC cannot be
 * found byte by byte from response times.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export function hmacSha256(key: Uint8Array, data: Uint8Array): Bytes {
  return hmac(sha256, key, data) as Bytes;
}

/** HKDF-Expand only (RFC 5869 §2.3), as Bitwarden stretches its master key: the PRK is the KDF output. */
export function hkdfExpandSha256(prk: Uint8Array, info: string, length: number): Bytes {
  return expand(sha256, prk, utf8(info), length) as Bytes;
}

/** Checks `HMAC-SHA256(key, data)` against `mac` in constant time. @throws {MacMismatchError} */
export function verifyHmacSha256(key: Uint8Array, data: Uint8Array, mac: Uint8Array): void {
  if (!constantTimeEqual(hmacSha256(key, data), mac)) {
    throw new MacMismatchError('HMAC-SHA256 does not match: wrong key or altered data');
  }
}

/**
 * AES-256-CBC with PKCS#7 padding removed.
 *
 * @throws {MalformedCiphertextError} for a key, IV or ciphertext length AES-CBC cannot take.
 * @throws {CbcDecryptError} when the padding is invalid (wrong key or altered ciphertext).
 */
export async function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Promise<Bytes> {
  if (key.length !== AES_256_KEY_BYTES) {
    throw new MalformedCiphertextError(
      `expected a ${AES_256_KEY_BYTES}-byte AES key, got ${key.length} bytes`,
    );
  }
  if (iv.length !== AES_BLOCK_BYTES) {
    throw new MalformedCiphertextError(`expected a ${AES_BLOCK_BYTES}-byte IV, got ${iv.length} bytes`);
  }
  if (ciphertext.length === 0 || ciphertext.length % AES_BLOCK_BYTES !== 0) {
    throw new MalformedCiphertextError(
      `expected a whole number of ${AES_BLOCK_BYTES}-byte blocks, got ${ciphertext.length} bytes`,
    );
  }
  const subtle = globalThis.crypto.subtle;
  const cryptoKey = await subtle.importKey('raw', copy(key), 'AES-CBC', false, ['decrypt']);
  try {
    const plain = await subtle.decrypt({ name: 'AES-CBC', iv: copy(iv) }, cryptoKey, copy(ciphertext));
    return new Uint8Array(plain);
  } catch (error) {
    throw new CbcDecryptError('AES-CBC padding is invalid: wrong key or altered ciphertext', {
      cause: error,
    });
  }
}

/**
 * OpenSSL's `EVP_BytesToKey` with MD5 and one iteration, as CryptoJS derives a key and IV from a
 * passphrase: D_i = MD5(D_{i-1} ‖ passphrase ‖ salt), concatenated until key + IV bytes are filled.
 */
export function evpBytesToKeyMd5(
  passphrase: Uint8Array,
  salt: Uint8Array,
  keyBytes: number,
  ivBytes: number,
): { key: Bytes; iv: Bytes } {
  const out = new Uint8Array(keyBytes + ivBytes);
  let filled = 0;
  let previous = new Uint8Array(0);
  while (filled < out.length) {
    const input = new Uint8Array(previous.length + passphrase.length + salt.length);
    input.set(previous, 0);
    input.set(passphrase, previous.length);
    input.set(salt, previous.length + passphrase.length);
    previous = md5(input);
    out.set(previous.subarray(0, out.length - filled), filled);
    filled += previous.length;
  }
  return { key: out.slice(0, keyBytes), iv: out.slice(keyBytes) };
}

/** `Salted__` (OpenSSL's magic), then the 8-byte salt, then the ciphertext. */
const OPENSSL_MAGIC = 'Salted__';
const OPENSSL_SALT_BYTES = 8;

/**
 * Decrypts what `CryptoJS.AES.encrypt(text, passphrase).toString()` produced: base64 of `Salted__`,
 * an 8-byte salt and AES-256-CBC ciphertext under EVP_BytesToKey-MD5(passphrase, salt).
 *
 * @throws {MalformedCiphertextError} when the text is not that shape.
 * @throws {CbcDecryptError} when the padding is invalid (wrong passphrase or altered data).
 */
export async function decryptCryptoJsPassphrase(base64: string, passphrase: string): Promise<Bytes> {
  const bytes = fromBase64(base64.trim());
  const magic = String.fromCharCode(...bytes.subarray(0, OPENSSL_MAGIC.length));
  if (magic !== OPENSSL_MAGIC) {
    throw new MalformedCiphertextError(`expected OpenSSL '${OPENSSL_MAGIC}' salted data, got other bytes`);
  }
  const saltEnd = OPENSSL_MAGIC.length + OPENSSL_SALT_BYTES;
  const salt = bytes.subarray(OPENSSL_MAGIC.length, saltEnd);
  const { key, iv } = evpBytesToKeyMd5(utf8(passphrase), salt, AES_256_KEY_BYTES, AES_BLOCK_BYTES);
  return aesCbcDecrypt(key, iv, bytes.subarray(saltEnd));
}

/** A fresh `ArrayBuffer`-backed copy, which WebCrypto's `BufferSource` typing requires. */
function copy(bytes: Uint8Array): Bytes {
  return new Uint8Array(bytes);
}

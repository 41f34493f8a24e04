/**
 * Small crypto helpers shared by the importers of encrypted backups (Aegis, 2FAS, andOTP, …): the
 * foreign formats fix their own parameters, so these take everything explicitly and add no policy.
 * WebCrypto only (`globalThis.crypto.subtle`): Node 20, MV3 service workers and extension pages all
 * provide it. Failures are typed, so an importer can tell "wrong password" (the GCM tag does not
 * match) from "damaged file" (the bytes cannot even be handed to the cipher).
 */
// Type only: a value import would make every page that imports an importer reach the vault's crypto,
// which tests/unit/conventions.test.ts forbids for the popup.
import type { Bytes } from '../../vault/crypto';

/** The GCM tag length every supported format uses (128 bits, NIST SP 800-38D §5.2.1.2). */
export const GCM_TAG_BYTES = 16;

/** Bytes that cannot be what the format says: bad hex or base64, or a key/IV/ciphertext of impossible size. */
export class MalformedCipherDataError extends Error {
  override readonly name = 'MalformedCipherDataError';
}

/**
 * The AES-GCM tag does not match: the key is wrong (for a password-derived key, the password is
 * wrong), or the ciphertext, IV or tag was altered. GCM cannot tell these apart.
 */
export class AesGcmAuthenticationError extends Error {
  override readonly name = 'AesGcmAuthenticationError';
  constructor(options: { cause: unknown }) {
    super(
      'AES-GCM authentication failed: expected a tag matching this key and data, got a mismatch',
      options,
    );
  }
}

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;
const encoder = new TextEncoder();

/** UTF-8 bytes of a string, typed for WebCrypto and scrypt. */
export function utf8(text: string): Bytes {
  return encoder.encode(text) as Bytes;
}

/** A copy typed on `ArrayBuffer`, which is what WebCrypto's `BufferSource` accepts. */
function owned(bytes: Uint8Array): Bytes {
  return new Uint8Array(bytes);
}

/**
 * Hex (either case) to bytes.
 *
 * @throws {MalformedCipherDataError} for an odd length or a non-hex character.
 */
export function hexToBytes(hex: string): Bytes {
  if (hex.length % 2 !== 0) {
    throw new MalformedCipherDataError(`expected an even number of hex digits, got ${hex.length}`);
  }
  if (!/^[0-9a-fA-F]*$/.test(hex)) {
    throw new MalformedCipherDataError('expected only hex digits 0-9 and a-f, got another character');
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * Base64 as apps actually write it: the standard or URL-safe alphabet (RFC 4648 §4/§5), with or
 * without `=` padding, with line breaks or spaces (Java's MIME encoder wraps at 76 characters).
 *
 * @throws {MalformedCipherDataError} for another character or a length no byte string has.
 */
export function fromBase64Loose(text: string): Bytes {
  const compact = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(compact)) {
    throw new MalformedCipherDataError(
      'expected base64 (A-Z, a-z, 0-9, +, /, = padding), got another character',
    );
  }
  // One character over a multiple of four carries only 6 bits: no byte string encodes to that.
  if (compact.length % 4 === 1) {
    throw new MalformedCipherDataError(
      `expected a base64 length that whole bytes give, got ${compact.length} characters`,
    );
  }
  const binary = atob(compact + '='.repeat((4 - (compact.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) out[i] = binary.charCodeAt(i);
  return out;
}

export type Pbkdf2Hash = 'SHA-1' | 'SHA-256' | 'SHA-512';

/**
 * PBKDF2 (RFC 8018 §5.2). A string password is UTF-8 encoded as given (no Unicode normalisation: the
 * formats hash what their app typed, and Java's PBEKeySpec encodes UTF-8 without normalising).
 *
 * @throws {RangeError} for iterations or a length WebCrypto cannot take (callers bound them first).
 */
export async function pbkdf2(
  password: string | Uint8Array,
  salt: Uint8Array,
  iterations: number,
  hash: Pbkdf2Hash,
  bytes: number,
): Promise<Bytes> {
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw new RangeError(`PBKDF2 iterations must be a whole number ≥ 1, got ${iterations}`);
  }
  if (!Number.isSafeInteger(bytes) || bytes < 1 || bytes > 1024) {
    throw new RangeError(`PBKDF2 output must be 1–1024 bytes, got ${bytes}`);
  }
  const raw = typeof password === 'string' ? utf8(password) : owned(password);
  const base = await subtle().importKey('raw', raw, 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle().deriveBits(
    { name: 'PBKDF2', hash, salt: owned(salt), iterations },
    base,
    bytes * 8,
  );
  return new Uint8Array(bits);
}

/** SHA-256 of the bytes, or of a string's UTF-8 encoding. */
export async function sha256(data: string | Uint8Array): Promise<Bytes> {
  const raw = typeof data === 'string' ? utf8(data) : owned(data);
  return new Uint8Array(await subtle().digest('SHA-256', raw));
}

/**
 * AES-GCM decryption with a 128-bit tag, no associated data. `tag` is for formats that store it apart
 * from the ciphertext (Aegis); without it, the last 16 bytes of `data` are the tag (WebCrypto's and
 * Java's layout). Never returns unauthenticated bytes.
 *
 * @throws {MalformedCipherDataError} for a key that is not 16 or 32 bytes (WebCrypto in Chrome has no
 *   AES-192), an empty IV, a tag that is not 16 bytes, or data too short to hold a tag.
 * @throws {AesGcmAuthenticationError} when the tag does not match.
 */
export async function aesGcmDecrypt(
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  tag?: Uint8Array,
): Promise<Bytes> {
  if (key.length !== 16 && key.length !== 32) {
    throw new MalformedCipherDataError(`expected a 16- or 32-byte AES key, got ${key.length} bytes`);
  }
  if (iv.length === 0)
    throw new MalformedCipherDataError('expected a GCM nonce of at least 1 byte, got none');
  if (tag !== undefined && tag.length !== GCM_TAG_BYTES) {
    throw new MalformedCipherDataError(`expected a ${GCM_TAG_BYTES}-byte GCM tag, got ${tag.length} bytes`);
  }
  let sealed: Bytes;
  if (tag === undefined) {
    sealed = owned(data);
  } else {
    sealed = new Uint8Array(data.length + tag.length);
    sealed.set(data);
    sealed.set(tag, data.length);
  }
  if (sealed.length < GCM_TAG_BYTES) {
    throw new MalformedCipherDataError(
      `expected a ciphertext of at least ${GCM_TAG_BYTES} bytes (the tag), got ${sealed.length} bytes`,
    );
  }
  const cryptoKey = await subtle().importKey('raw', owned(key), { name: 'AES-GCM' }, false, ['decrypt']);
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: owned(iv) }, cryptoKey, sealed));
  } catch (cause) {
    throw new AesGcmAuthenticationError({ cause });
  }
}

/**
 * Unlocking an encrypted Authenticator-extension backup (peers.md §3, §4.5; the extension's
 * `store/Accounts.ts` and `import.ts`). A `Key` entry holds a salt and `hash`; the password's
 * Argon2id hash (as the unpadded base64 string of a PHC `$argon2id$…$salt$hash` encoding) is the
 * CryptoJS passphrase of every entry under that key, and `hash` is the PHC encoding of Argon2id over
 * that passphrase: checking it tells a wrong password from damaged data, since CryptoJS has no MAC.
 *
 * Both hashes come from the same call in the extension, so the `m`, `t`, `p` and output length
 * written in `hash` are those of the password hash too; without a readable `hash` the extension's
 * documented settings (t=2, m=19,456 KiB, p=1, 32 bytes) apply.
 */
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { type Bytes, fromBase64, toBase64, utf8 } from '../../../vault/crypto';
import { constantTimeEqual } from '../crypto-cbc';

export interface ArgonParams {
  /** Iterations. */
  t: number;
  /** Memory in KiB. */
  m: number;
  /** Lanes. */
  p: number;
  /** Output bytes. */
  dkLen: number;
}

/** The extension's settings (peers.md §3), which are also the OWASP Argon2id minimum. */
export const EXTENSION_ARGON: Readonly<ArgonParams> = { t: 2, m: 19_456, p: 1, dkLen: 32 };

/** Bounds on parameters read from a file, so a hostile `hash` cannot hang or exhaust the browser. */
export const MAX_ARGON: Readonly<ArgonParams> = { t: 10, m: 1024 * 1024, p: 16, dkLen: 64 };

/** A key the password does not open (its `hash` does not match). */
export class WrongPasswordError extends Error {
  override readonly name = 'WrongPasswordError';
}

/** Parameters in a file exceed `MAX_ARGON`. */
export class ArgonLimitError extends Error {
  override readonly name = 'ArgonLimitError';
}

interface PhcHash {
  params: ArgonParams;
  salt: Bytes;
  hash: Bytes;
}

/** PHC strings use standard base64 without padding. */
function unpaddedBase64(text: string): Bytes {
  return fromBase64(text + '='.repeat((4 - (text.length % 4)) % 4));
}

const PHC =
  /^\$argon2id\$(?:v=19\$)?m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,10})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/**
 * Reads `$argon2id$v=19$m=…,t=…,p=…$<salt>$<hash>`, or `undefined` when `encoded` is not one.
 * @throws {ArgonLimitError} when its parameters exceed `MAX_ARGON`.
 */
export function parsePhcArgon2id(encoded: string): PhcHash | undefined {
  const match = PHC.exec(encoded.trim());
  if (match === null) return undefined;
  const [, m, t, p, salt, hash] = match;
  let saltBytes: Bytes;
  let hashBytes: Bytes;
  try {
    saltBytes = unpaddedBase64(salt ?? '');
    hashBytes = unpaddedBase64(hash ?? '');
  } catch {
    return undefined;
  }
  const params = { m: Number(m), t: Number(t), p: Number(p), dkLen: hashBytes.length };
  checkLimits(params);
  return { params, salt: saltBytes, hash: hashBytes };
}

function checkLimits(params: ArgonParams): void {
  const over = (Object.keys(MAX_ARGON) as (keyof ArgonParams)[]).find(
    (name) => params[name] > MAX_ARGON[name],
  );
  if (over !== undefined) {
    throw new ArgonLimitError(
      `Argon2 ${over} must be at most ${MAX_ARGON[over]}, got ${params[over]}; TwoStep refuses larger values ` +
        'so that a damaged or hostile file cannot freeze the browser',
    );
  }
}

async function argon2id(password: Uint8Array, salt: Uint8Array, params: ArgonParams): Promise<Bytes> {
  const out = await argon2idAsync(password, salt, { ...params, maxmem: MAX_ARGON.m * 1024 });
  return new Uint8Array(out);
}

/** What unlocking a key gives: the CryptoJS passphrase, and whether `hash` confirmed the password. */
export interface UnlockedKey {
  passphrase: string;
  verified: boolean;
}

/**
 * Derives the passphrase of one `Key` entry. The salt is a text (hex digits in current versions) and
 * is hashed as UTF-8, as argon2-browser does with a string salt.
 *
 * @throws {WrongPasswordError} when the key's `hash` proves the password wrong.
 * @throws {ArgonLimitError} when the key's parameters exceed `MAX_ARGON`.
 */
export async function unlockKey(
  password: string,
  salt: string,
  hash: string | undefined,
): Promise<UnlockedKey> {
  const phc = hash === undefined ? undefined : parsePhcArgon2id(hash);
  const params = phc?.params ?? EXTENSION_ARGON;
  const passwordHash = await argon2id(utf8(password), utf8(salt), params);
  // The extension splits the PHC string at `$`: the hash part is base64 without padding.
  const passphrase = toBase64(passwordHash).replace(/=+$/, '');
  if (phc === undefined) return { passphrase, verified: false };
  const check = await argon2id(utf8(passphrase), phc.salt, phc.params);
  if (!constantTimeEqual(check, phc.hash)) {
    throw new WrongPasswordError('the password does not match the backup key');
  }
  return { passphrase, verified: true };
}

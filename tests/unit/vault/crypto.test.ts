import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  DEFAULT_KDF_ITERATIONS,
  deriveWrappingKey,
  fromBase64,
  generateDataKey,
  IV_BYTES,
  importDataKey,
  MalformedCiphertextError,
  randomBytes,
  SALT_BYTES,
  seal,
  toBase64,
  unseal,
  utf8,
} from '../../../lib/vault/crypto';

describe('base64', () => {
  it('round-trips any bytes and matches the platform encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64(bytes);
        expect(text).toBe(btoa(String.fromCharCode(...bytes)));
        expect(fromBase64(text)).toEqual(new Uint8Array(bytes));
      }),
    );
  });

  it('handles inputs larger than one chunk', () => {
    const big = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) & 0xff);
    expect(fromBase64(toBase64(big))).toEqual(big);
  });

  it.each(['abc', 'ab=c', 'a b=', '****', 'AAAA=', 'YQ'])('rejects %j', (text) => {
    expect(() => fromBase64(text)).toThrow(MalformedCiphertextError);
  });
});

describe('AES-GCM sealing', () => {
  it('round-trips and uses a fresh 12-byte IV every time (NIST SP 800-38D)', async () => {
    const key = await importDataKey(await generateDataKey());
    const a = await seal(key, utf8('hello'), 'aad');
    const b = await seal(key, utf8('hello'), 'aad');
    expect(fromBase64(a.iv)).toHaveLength(IV_BYTES);
    expect(a.iv).not.toBe(b.iv);
    expect(a.data).not.toBe(b.data);
    expect(new TextDecoder().decode(await unseal(key, a, 'aad'))).toBe('hello');
  });

  it('fails authentication for other associated data, another key or an altered byte', async () => {
    const key = await importDataKey(await generateDataKey());
    const other = await importDataKey(await generateDataKey());
    const sealed = await seal(key, utf8('secret'), 'twostep/record/v1/a/account');
    await expect(unseal(key, sealed, 'twostep/record/v1/b/account')).rejects.toThrow(AuthenticationError);
    await expect(unseal(other, sealed, 'twostep/record/v1/a/account')).rejects.toThrow(AuthenticationError);
    const data = fromBase64(sealed.data);
    data[0] = (data[0] ?? 0) ^ 1;
    await expect(
      unseal(key, { ...sealed, data: toBase64(data) }, 'twostep/record/v1/a/account'),
    ).rejects.toThrow(AuthenticationError);
  });

  it('reports a wrong IV length as malformed, not as an authentication failure', async () => {
    const key = await importDataKey(await generateDataKey());
    const sealed = await seal(key, utf8('x'), 'aad');
    await expect(unseal(key, { ...sealed, iv: toBase64(randomBytes(8)) }, 'aad')).rejects.toThrow(
      MalformedCiphertextError,
    );
  });

  it('generates 256-bit data keys', async () => {
    expect(await generateDataKey()).toHaveLength(32);
  });
});

describe('PBKDF2 parameters', () => {
  it('defaults to at least the OWASP 2023 minimum for PBKDF2-HMAC-SHA256', () => {
    expect(DEFAULT_KDF_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(SALT_BYTES).toBeGreaterThanOrEqual(16);
  });

  it('derives the same key for NFC and NFD spellings of a password', async () => {
    const salt = randomBytes(SALT_BYTES);
    const nfc = await deriveWrappingKey('café-password', salt, 1_000);
    const nfd = await deriveWrappingKey('cafe\u0301-password', salt, 1_000);
    const sealed = await seal(nfc, utf8('x'), 'aad');
    expect(new TextDecoder().decode(await unseal(nfd, sealed, 'aad'))).toBe('x');
  });

  it('one real derive at the default cost gives a key that seals and opens', async () => {
    const started = performance.now();
    const key = await deriveWrappingKey(
      'correct horse battery',
      randomBytes(SALT_BYTES),
      DEFAULT_KDF_ITERATIONS,
    );
    const ms = performance.now() - started;
    expect(new TextDecoder().decode(await unseal(key, await seal(key, utf8('x'), 'aad'), 'aad'))).toBe('x');
    // Printed for reading, never asserted (tests do not assert wall-clock times; `npm run bench` does).
    console.info(`PBKDF2-HMAC-SHA256 × ${DEFAULT_KDF_ITERATIONS}: ${ms.toFixed(0)} ms`);
  });
});

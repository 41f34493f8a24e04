import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AesGcmAuthenticationError,
  aesGcmDecrypt,
  fromBase64Loose,
  hexToBytes,
  MalformedCipherDataError,
  pbkdf2,
  sha256,
} from '../../../../lib/transfer/import/crypto';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

async function gcmEncrypt(key: Uint8Array, iv: Uint8Array, plain: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['encrypt']);
  return new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(iv) }, k, new Uint8Array(plain)),
  );
}

describe('hexToBytes', () => {
  it('decodes either case', () => {
    expect(hexToBytes('00ffA0b1')).toEqual(Uint8Array.of(0x00, 0xff, 0xa0, 0xb1));
    expect(hexToBytes('')).toEqual(new Uint8Array());
  });

  it.each(['abc', '0g', 'zz', ' 00', '0x00'])('rejects %j', (text) => {
    expect(() => hexToBytes(text)).toThrow(MalformedCipherDataError);
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(hexToBytes(hex(bytes))).toEqual(bytes);
      }),
    );
  });
});

describe('fromBase64Loose', () => {
  it.each([
    ['aGVsbG8=', 'padded standard base64'],
    ['aGVsbG8', 'missing padding'],
    ['aGVs\nbG8=', 'a line break (Java MIME encoder)'],
    [' aGVsbG8= ', 'surrounding spaces'],
  ])('%j (%s) → "hello"', (text) => {
    expect(new TextDecoder().decode(fromBase64Loose(text))).toBe('hello');
  });

  it('reads the URL-safe alphabet', () => {
    expect(fromBase64Loose('-_8')).toEqual(Uint8Array.of(0xfb, 0xff));
    expect(fromBase64Loose('+/8=')).toEqual(Uint8Array.of(0xfb, 0xff));
  });

  it.each(['a', 'aGVsb', '****', 'aGV=sbG8', 'é'])('rejects %j', (text) => {
    expect(() => fromBase64Loose(text)).toThrow(MalformedCipherDataError);
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(fromBase64Loose(btoa(String.fromCharCode(...bytes)))).toEqual(bytes);
      }),
    );
  });
});

describe('pbkdf2', () => {
  // RFC 6070 §2 (PBKDF2-HMAC-SHA1) and RFC 7914 §11 (PBKDF2-HMAC-SHA256).
  it.each([
    ['password', 'salt', 1, 'SHA-1', 20, '0c60c80f961f0e71f3a9b524af6012062fe037a6'],
    ['password', 'salt', 2, 'SHA-1', 20, 'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957'],
    ['password', 'salt', 4096, 'SHA-1', 20, '4b007901b765489abead49d926f721d065a429c1'],
    [
      'passwd',
      'salt',
      1,
      'SHA-256',
      64,
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc' +
        '49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
    ],
  ] as const)('%s / %s / %i × %s → %i bytes', async (password, salt, iterations, hash, bytes, expected) => {
    const key = await pbkdf2(password, new TextEncoder().encode(salt), iterations, hash, bytes);
    expect(hex(key)).toBe(expected);
  });

  it('takes the password as bytes too, and encodes strings as UTF-8 without normalising', async () => {
    const salt = new Uint8Array(8);
    const composed = await pbkdf2('é', salt, 1, 'SHA-256', 32);
    expect(await pbkdf2(Uint8Array.of(0xc3, 0xa9), salt, 1, 'SHA-256', 32)).toEqual(composed);
    expect(await pbkdf2('e\u0301', salt, 1, 'SHA-256', 32)).not.toEqual(composed);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects %d iterations', async (iterations) => {
    await expect(pbkdf2('p', new Uint8Array(8), iterations, 'SHA-1', 32)).rejects.toThrow(RangeError);
  });
});

describe('sha256', () => {
  it('matches FIPS 180-2 "abc"', async () => {
    expect(hex(await sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256(new TextEncoder().encode('abc'))).toEqual(await sha256('abc'));
  });
});

describe('aesGcmDecrypt', () => {
  // McGrew & Viega, "The Galois/Counter Mode of Operation", test case 2: K = 0¹²⁸, IV = 0⁹⁶, P = 0¹²⁸.
  const key = new Uint8Array(16);
  const iv = new Uint8Array(12);
  const ciphertext = hexToBytes('0388dace60b6a392f328c2b971b2fe78');
  const tag = hexToBytes('ab6e47d42cec13bdf53a67b21257bddf');

  it('decrypts the GCM paper vector, with the tag apart or appended', async () => {
    expect(await aesGcmDecrypt(key, iv, ciphertext, tag)).toEqual(new Uint8Array(16));
    expect(await aesGcmDecrypt(key, iv, Uint8Array.from([...ciphertext, ...tag]))).toEqual(
      new Uint8Array(16),
    );
  });

  it('round-trips with a 256-bit key and an empty plaintext', async () => {
    const k = crypto.getRandomValues(new Uint8Array(32));
    const n = crypto.getRandomValues(new Uint8Array(12));
    expect(await aesGcmDecrypt(k, n, await gcmEncrypt(k, n, new Uint8Array()))).toEqual(new Uint8Array());
  });

  it('reports a wrong key or an altered byte as an authentication failure', async () => {
    const wrongKey = Uint8Array.of(1, ...new Uint8Array(15));
    await expect(aesGcmDecrypt(wrongKey, iv, ciphertext, tag)).rejects.toThrow(AesGcmAuthenticationError);
    const altered = Uint8Array.from(ciphertext);
    altered[3] = (altered[3] ?? 0) ^ 0x80;
    await expect(aesGcmDecrypt(key, iv, altered, tag)).rejects.toThrow(AesGcmAuthenticationError);
    const error = await aesGcmDecrypt(key, iv, altered, tag).catch((e: unknown) => e);
    expect((error as Error).cause).toBeDefined();
  });

  it.each([
    ['a 24-byte key', new Uint8Array(24), iv, ciphertext, tag],
    ['a 20-byte key', new Uint8Array(20), iv, ciphertext, tag],
    ['an empty IV', key, new Uint8Array(), ciphertext, tag],
    ['a 12-byte tag', key, iv, ciphertext, new Uint8Array(12)],
    ['data shorter than a tag', key, iv, new Uint8Array(15), undefined],
  ])('rejects %s as malformed, not as a wrong key', async (_name, k, n, data, t) => {
    await expect(aesGcmDecrypt(k, n, data, t)).rejects.toThrow(MalformedCipherDataError);
  });
});

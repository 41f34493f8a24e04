import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32ToBytes, bytesToBase32, InvalidSecretError, normaliseSecret } from '../../../lib/otp/index';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('base32 codec', () => {
  // RFC 4648 §10 test vectors (padding removed: canonical secrets carry none).
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('RFC 4648 §10: %j ↔ %s', (text, encoded) => {
    expect(bytesToBase32(ascii(text))).toBe(encoded);
    if (encoded !== '')
      expect(base32ToBytes(`${encoded}${'='.repeat((8 - (encoded.length % 8)) % 8)}`)).toEqual(ascii(text));
  });

  it('round-trips arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 100 }), (bytes) => {
        expect(base32ToBytes(bytesToBase32(bytes))).toEqual(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('drops leftover bits in the last character, as Google Authenticator does', () => {
    // 'MZ' = 01100 11001: one byte 0x66 plus two leftover bits (01) that scure would reject.
    expect(base32ToBytes('MZ')).toEqual(Uint8Array.of(0x66));
    expect(base32ToBytes('JRZCL47CMXVOQMNPZR2F7J4RGJ')).toHaveLength(16);
  });
});

describe('normaliseSecret', () => {
  it.each([
    ['jbswy3dpehpk3pxp', 'lower case'],
    ['JBSW Y3DP EHPK 3PXP', 'spaces'],
    ['JBSW\u00A0Y3DP\u00A0EHPK\u00A03PXP', 'NBSP'],
    ['JBSW\u2009Y3DP\u3000EHPK\u200B3PXP', 'thin, ideographic and zero-width spaces'],
    ['JBSW-Y3DP\u2013EHPK\u22123PXP', 'ASCII and typographic dashes'],
    ['\tJBSWY3DPEHPK3PXP\n', 'tabs and newlines'],
    ['JBSWY3DPEHPK3PXP====', 'padding'],
    ['JBSWY3DPEHPK3PXP = =', 'spaced padding'],
  ])('%j (%s) → JBSWY3DPEHPK3PXP', (input) => {
    expect(normaliseSecret(input)).toBe('JBSWY3DPEHPK3PXP');
  });

  it.each([
    ['', /got none/],
    [' - = ', /got none/],
    ['JBSWY3DPEHPK3PX0', /'0' \(U\+0030\) at position 16 \(did you mean O\?\)/],
    ['JBSW Y3D1', /'1' .* at position 9 \(did you mean I or L\?\)/],
    ['JBSWY3DPEHPK3PXı', /'ı' \(U\+0131\) at position 16/],
    ['JBSWY😀', /'😀' \(U\+1F600\) at position 6/],
    ['JBSW\u0000', /got U\+0000 at position 5/],
    ['JB=SW', /'=' at position 3 followed by more characters/],
    ['A', /got 1 characters \(1 over\)/],
    ['ABC', /got 3 characters/],
    ['ABCDEF', /got 6 characters/],
    ['ABCDEFGHI', /got 9 characters/],
  ])('rejects %j', (input, message) => {
    expect(() => normaliseSecret(input)).toThrow(InvalidSecretError);
    expect(() => normaliseSecret(input)).toThrow(message);
  });

  it('accepts every length a whole number of bytes can have', () => {
    for (const length of [2, 4, 5, 7, 8, 10, 16, 26, 32, 52, 103]) {
      expect(normaliseSecret('A'.repeat(length))).toHaveLength(length);
    }
  });
});

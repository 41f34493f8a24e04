import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AccountDraft, bytesToBase32, parseOtpauthUri } from '../../../lib/otp';
import { formatOtpauthList } from '../../../lib/transfer/export/otpauth-list';
import type { OtpAccountRecord } from '../../../lib/vault/types';

const totp: AccountDraft = {
  kind: 'totp',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  issuer: 'GitHub',
  label: 'someone@example.com',
};
const drafts: AccountDraft[] = [
  totp,
  { ...totp, issuer: 'Microsoft', label: 'pat@contoso.example', organisation: 'Contoso' },
  {
    ...totp,
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    algorithm: 'SHA256',
    digits: 8,
    period: 60,
    issuer: '',
  },
  { ...totp, kind: 'hotp', secret: 'MFRGGZDFMZTWQ2LK', counter: 42, issuer: 'Bank', label: 'a:b & c?' },
  { ...totp, kind: 'steam', secret: 'ONSWG4TFOQYTEMZU', digits: 5, issuer: 'Steam', label: 'gamer' },
  { ...totp, issuer: 'Ünïcödé 🔑', label: 'ユーザー' },
];

describe('formatOtpauthList', () => {
  it('writes one otpauth URI per line, nothing else, ending with a newline', () => {
    const text = formatOtpauthList(drafts);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(drafts.length);
    for (const line of lines)
      expect(line).toMatch(/^otpauth:\/\/(totp|hotp|steam)\/[^\s]*\?secret=[A-Z2-7]+&/);
  });

  it('round-trips every account through parseOtpauthUri', () => {
    const lines = formatOtpauthList(drafts).trimEnd().split('\n');
    expect(lines.map(parseOtpauthUri)).toEqual(drafts);
  });

  it('writes the canonical URI of a known account', () => {
    expect(formatOtpauthList([totp])).toBe(
      'otpauth://totp/GitHub:someone%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA1&digits=6&period=30\n',
    );
  });

  it('takes vault records as they are, leaving out the bound sites', () => {
    const record: OtpAccountRecord = {
      ...totp,
      id: 'a',
      type: 'account',
      sites: ['github.com'],
      createdAt: 1,
      updatedAt: 2,
    };
    const text = formatOtpauthList([record]);
    expect(text).toBe(formatOtpauthList([totp]));
    expect(text).not.toContain('github.com');
  });

  it('gives an empty file for no accounts', () => {
    expect(formatOtpauthList([])).toBe('');
  });

  it('round-trips generated accounts', () => {
    const name = fc
      .string({ maxLength: 20 })
      .map((s) => s.trim())
      .filter((s) => !/[\p{Cs}:]/u.test(s));
    const draft = fc
      .record({
        secret: fc.uint8Array({ minLength: 10, maxLength: 64 }).map(bytesToBase32),
        algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
        digits: fc.integer({ min: 6, max: 10 }),
        period: fc.integer({ min: 1, max: 300 }),
        counter: fc.nat(),
        hotp: fc.boolean(),
        issuer: name.filter((s) => s.toLowerCase() !== 'steam'),
        label: name,
      })
      .map(
        ({ hotp, counter, period, ...rest }): AccountDraft =>
          hotp
            ? { ...rest, kind: 'hotp', counter, period: 30 }
            : { ...rest, kind: 'totp', counter: 0, period },
      );
    fc.assert(
      fc.property(fc.array(draft, { maxLength: 8 }), (accounts) => {
        const text = formatOtpauthList(accounts);
        const lines = text === '' ? [] : text.slice(0, -1).split('\n');
        expect(lines.map(parseOtpauthUri)).toEqual(accounts);
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  draftFromManualEntry,
  InvalidSecretError,
  MissingParameterError,
  type OtpError,
  parseOtpauthUri,
  UnsupportedParameterError,
} from '../../../lib/otp/index';

const S = 'JBSWY3DPEHPK3PXP';

describe('draftFromManualEntry', () => {
  it('applies the Key URI defaults: TOTP, SHA1, 6 digits, 30 s', () => {
    expect(draftFromManualEntry({ issuer: 'ACME', label: 'alice', secret: S })).toStrictEqual({
      kind: 'totp',
      secret: S,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      issuer: 'ACME',
      label: 'alice',
    });
  });

  it('gives the same draft as the equivalent URI (Microsoft key typed from the page)', () => {
    const typed = draftFromManualEntry({
      issuer: ' Microsoft ',
      label: 'pat@contoso.example ',
      organisation: 'Contoso',
      secret: 'abcd efgh\u00A0ijkl-mnop',
    });
    const scanned = parseOtpauthUri(
      'otpauth://totp/Contoso%3Apat%40contoso.example?secret=abcdefghijklmnop&issuer=Microsoft',
    );
    expect(typed).toStrictEqual(scanned);
  });

  it('drops an organisation equal to the issuer, as the URI parser does', () => {
    const draft = draftFromManualEntry({ issuer: 'ACME', label: 'a', organisation: 'acme', secret: S });
    expect(draft).not.toHaveProperty('organisation');
  });

  it('takes algorithm, digits and period', () => {
    const draft = draftFromManualEntry({
      issuer: '',
      label: '',
      secret: S,
      algorithm: 'sha-512',
      digits: 8,
      period: 60,
    });
    expect(draft).toMatchObject({ kind: 'totp', algorithm: 'SHA512', digits: 8, period: 60, counter: 0 });
  });

  it('forces Steam to SHA1, 5 digits, 30 s, whatever the form says', () => {
    const draft = draftFromManualEntry({
      issuer: 'Steam',
      label: 'gaben',
      secret: S,
      kind: 'steam',
      algorithm: 'MD5',
      digits: 8,
      period: 60,
    });
    expect(draft).toMatchObject({ kind: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 });
  });

  it('keeps the HOTP counter and leaves the period at 30', () => {
    const draft = draftFromManualEntry({
      issuer: 'A',
      label: 'b',
      secret: S,
      kind: 'hotp',
      counter: 12,
      period: 60,
    });
    expect(draft).toMatchObject({ kind: 'hotp', counter: 12, period: 30 });
  });

  it.each<[string, Parameters<typeof draftFromManualEntry>[0], new (...args: never[]) => OtpError, RegExp]>([
    ['empty secret', { issuer: '', label: '', secret: ' - ' }, InvalidSecretError, /got none/],
    [
      'illegal character',
      { issuer: '', label: '', secret: 'JBSWY3DPEHPK3PX1' },
      InvalidSecretError,
      /'1' .* position 16/,
    ],
    ['key too short', { issuer: '', label: '', secret: 'JBSWY3DP' }, InvalidSecretError, /got 5 bytes/],
    ['digits 0', { issuer: '', label: '', secret: S, digits: 0 }, UnsupportedParameterError, /got 0/],
    [
      'digits 11',
      { issuer: '', label: '', secret: S, digits: 11 },
      UnsupportedParameterError,
      /1–10, got 11/,
    ],
    ['digits 6.5', { issuer: '', label: '', secret: S, digits: 6.5 }, UnsupportedParameterError, /got 6.5/],
    [
      'period 0',
      { issuer: '', label: '', secret: S, period: 0 },
      UnsupportedParameterError,
      /period .* got 0/,
    ],
    [
      'period NaN',
      { issuer: '', label: '', secret: S, period: Number.NaN },
      UnsupportedParameterError,
      /got NaN/,
    ],
    [
      'unknown algorithm',
      { issuer: '', label: '', secret: S, algorithm: 'SHA3' },
      UnsupportedParameterError,
      /'SHA3'/,
    ],
    [
      'HOTP without counter',
      { issuer: '', label: '', secret: S, kind: 'hotp' },
      MissingParameterError,
      /counter/,
    ],
    [
      'HOTP counter -1',
      { issuer: '', label: '', secret: S, kind: 'hotp', counter: -1 },
      UnsupportedParameterError,
      /got -1/,
    ],
  ])('rejects %s', (_name, entry, errorClass, message) => {
    expect(() => draftFromManualEntry(entry)).toThrow(errorClass);
    expect(() => draftFromManualEntry(entry)).toThrow(message);
  });
});

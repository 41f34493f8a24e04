import { describe, expect, it } from 'vitest';
import {
  type AccountDraft,
  draftFromManualEntry,
  formatOtpauthUri,
  InvalidSecretError,
  InvalidUriError,
  MAX_NAME_LENGTH,
  MAX_URI_LENGTH,
  MigrationUriError,
  MissingParameterError,
  NotOtpauthUriError,
  OtpError,
  type OtpErrorCode,
  parseOtpauthUri,
  UnsupportedParameterError,
} from '../../../lib/otp/index';
import { TOTP_SEEDS } from '../../fixtures/rfc-vectors';

const S = 'JBSWY3DPEHPK3PXP'; // 10 bytes, the size Microsoft issues
const S26 = 'JRZCL47CMXVOQMNPZR2F7J4RGI'; // 26 characters: padding would be six '='
const TOTP = { kind: 'totp', secret: S, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as const;
const STEAM = { ...TOTP, kind: 'steam', digits: 5 } as const;

/** [case, URI, expected draft]: each row is one edge case from peers.md §5 / microsoft-pages.md §4. */
const ACCEPTED: [string, string, AccountDraft][] = [
  [
    'Microsoft consumer',
    'otpauth://totp/Microsoft:pat@outlook.example?secret=ABCDEFGHIJKLMNOP&issuer=Microsoft',
    { ...TOTP, secret: 'ABCDEFGHIJKLMNOP', issuer: 'Microsoft', label: 'pat@outlook.example' },
  ],
  [
    'Microsoft work/school: %3A, %40, lower-case secret, tenant kept as organisation',
    'otpauth://totp/Contoso%3Apat%40contoso.example?secret=abcdefghijklmnop&issuer=Microsoft',
    {
      ...TOTP,
      secret: 'ABCDEFGHIJKLMNOP',
      issuer: 'Microsoft',
      label: 'pat@contoso.example',
      organisation: 'Contoso',
    },
  ],
  [
    'label prefix differs from issuer (raw colon)',
    `otpauth://totp/Contoso:user@contoso.com?secret=${S}&issuer=Microsoft`,
    { ...TOTP, issuer: 'Microsoft', label: 'user@contoso.com', organisation: 'Contoso' },
  ],
  [
    'space after colon',
    `otpauth://totp/ACME: alice?secret=${S}`,
    { ...TOTP, issuer: 'ACME', label: 'alice' },
  ],
  [
    '%20s after %3A',
    `otpauth://totp/ACME%3A%20%20alice?secret=${S}`,
    { ...TOTP, issuer: 'ACME', label: 'alice' },
  ],
  [
    'issuer only in label',
    `otpauth://totp/ACME:alice?secret=${S}`,
    { ...TOTP, issuer: 'ACME', label: 'alice' },
  ],
  [
    'issuer only in param',
    `otpauth://totp/alice?secret=${S}&issuer=ACME`,
    { ...TOTP, issuer: 'ACME', label: 'alice' },
  ],
  [
    'same issuer in another case: no organisation',
    `otpauth://totp/acme:alice?secret=${S}&issuer=ACME`,
    { ...TOTP, issuer: 'ACME', label: 'alice' },
  ],
  [
    'issuer param with a colon',
    `otpauth://totp/a:b:alice?secret=${S}&issuer=a%3Ab`,
    { ...TOTP, issuer: 'a:b', label: 'alice' },
  ],
  [
    '+ in the query is a space',
    `otpauth://totp/x?secret=${S}&issuer=ACME+Corp`,
    { ...TOTP, issuer: 'ACME Corp', label: 'x' },
  ],
  [
    '%2B in the query is a plus',
    `otpauth://totp/x?secret=${S}&issuer=A%2BB`,
    { ...TOTP, issuer: 'A+B', label: 'x' },
  ],
  [
    '+ in the path is literal',
    `otpauth://totp/ACME+Corp:alice+tag@x.example?secret=${S}`,
    { ...TOTP, issuer: 'ACME+Corp', label: 'alice+tag@x.example' },
  ],
  ['raw @', `otpauth://totp/a@b.example?secret=${S}`, { ...TOTP, issuer: '', label: 'a@b.example' }],
  ['%40', `otpauth://totp/a%40b.example?secret=${S}`, { ...TOTP, issuer: '', label: 'a@b.example' }],
  ['empty label', `otpauth://totp/?secret=${S}`, { ...TOTP, issuer: '', label: '' }],
  ['no label at all', `otpauth://totp?secret=${S}`, { ...TOTP, issuer: '', label: '' }],
  ['Issuer: with empty account', `otpauth://totp/ACME:?secret=${S}`, { ...TOTP, issuer: 'ACME', label: '' }],
  [
    'UTF-8 label',
    `otpauth://totp/M%C3%BCller%20GmbH:j%C3%BCrgen?secret=${S}`,
    { ...TOTP, issuer: 'Müller GmbH', label: 'jürgen' },
  ],
  [
    'raw # is data, not a fragment',
    `otpauth://totp/Team#1:me?secret=${S}`,
    { ...TOTP, issuer: 'Team#1', label: 'me' },
  ],
  ['lower-case secret', `otpauth://totp/x?secret=${S.toLowerCase()}`, { ...TOTP, issuer: '', label: 'x' }],
  [
    'space-grouped secret (%20)',
    `otpauth://totp/x?secret=JBSW%20Y3DP%20EHPK%203PXP`,
    { ...TOTP, issuer: '', label: 'x' },
  ],
  [
    'space-grouped secret (+)',
    `otpauth://totp/x?secret=jbsw+y3dp+ehpk+3pxp`,
    { ...TOTP, issuer: '', label: 'x' },
  ],
  [
    'NBSP-grouped secret',
    `otpauth://totp/x?secret=JBSW%C2%A0Y3DP%C2%A0EHPK%C2%A03PXP`,
    { ...TOTP, issuer: '', label: 'x' },
  ],
  ['dash-grouped secret', `otpauth://totp/x?secret=JBSW-Y3DP-EHPK-3PXP`, { ...TOTP, issuer: '', label: 'x' }],
  [
    'padded secret (=)',
    `otpauth://totp/x?secret=${S26}======`,
    { ...TOTP, secret: S26, issuer: '', label: 'x' },
  ],
  [
    'padded secret (%3D)',
    `otpauth://totp/x?secret=${S26}%3D%3D%3D%3D%3D%3D`,
    { ...TOTP, secret: S26, issuer: '', label: 'x' },
  ],
  [
    'algorithm sha256',
    `otpauth://totp/x?secret=${S}&algorithm=sha256`,
    { ...TOTP, algorithm: 'SHA256', issuer: '', label: 'x' },
  ],
  [
    'algorithm SHA-256',
    `otpauth://totp/x?secret=${S}&algorithm=SHA-256`,
    { ...TOTP, algorithm: 'SHA256', issuer: '', label: 'x' },
  ],
  [
    'algorithm Sha512',
    `otpauth://totp/x?secret=${S}&algorithm=Sha512`,
    { ...TOTP, algorithm: 'SHA512', issuer: '', label: 'x' },
  ],
  ...[1, 5, 7, 8, 9, 10].map((digits): [string, string, AccountDraft] => [
    `digits ${digits}`,
    `otpauth://totp/x?secret=${S}&digits=${digits}`,
    { ...TOTP, digits, issuer: '', label: 'x' },
  ]),
  ...[1, 15, 20, 45, 50, 60, 90, 120, 86400].map((period): [string, string, AccountDraft] => [
    `period ${period}`,
    `otpauth://totp/x?secret=${S}&period=${period}`,
    { ...TOTP, period, issuer: '', label: 'x' },
  ]),
  [
    'HOTP counter 0',
    `otpauth://hotp/x?secret=${S}&counter=0`,
    { ...TOTP, kind: 'hotp', issuer: '', label: 'x' },
  ],
  [
    'HOTP counter 007',
    `otpauth://hotp/x?secret=${S}&counter=007`,
    { ...TOTP, kind: 'hotp', counter: 7, issuer: '', label: 'x' },
  ],
  [
    'HOTP ignores period',
    `otpauth://hotp/x?secret=${S}&counter=42&period=0&digits=8`,
    { ...TOTP, kind: 'hotp', counter: 42, digits: 8, issuer: '', label: 'x' },
  ],
  ['TOTP ignores counter', `otpauth://totp/x?secret=${S}&counter=abc`, { ...TOTP, issuer: '', label: 'x' }],
  [
    'Steam: otpauth://steam',
    `otpauth://steam/Steam:gaben?secret=${S}`,
    { ...STEAM, issuer: 'Steam', label: 'gaben' },
  ],
  [
    'Steam: otpauth://steam ignores digits/period/algorithm',
    `otpauth://steam/gaben?secret=${S}&digits=99&period=0&algorithm=MD5`,
    { ...STEAM, issuer: '', label: 'gaben' },
  ],
  [
    'Steam: TOTP with issuer=Steam',
    `otpauth://totp/Steam:gaben?secret=${S}&issuer=Steam`,
    { ...STEAM, issuer: 'Steam', label: 'gaben' },
  ],
  [
    'Steam: TOTP with Steam label prefix',
    `otpauth://totp/steam:gaben?secret=${S}`,
    { ...STEAM, issuer: 'steam', label: 'gaben' },
  ],
  [
    'Steam: issuer=Steam and digits=5',
    `otpauth://totp/gaben?secret=${S}&issuer=Steam&digits=5`,
    { ...STEAM, issuer: 'Steam', label: 'gaben' },
  ],
  [
    'Steam: encoder=steam (KeePassXC)',
    `otpauth://totp/Valve:gaben?secret=${S}&encoder=steam`,
    { ...STEAM, issuer: 'Valve', label: 'gaben' },
  ],
  ['Steam: steam://SECRET', `steam://${S}`, { ...STEAM, issuer: 'Steam', label: '' }],
  ['Steam: STEAM://secret/', `STEAM://${S.toLowerCase()}/`, { ...STEAM, issuer: 'Steam', label: '' }],
  [
    'issuer=Steam with explicit 6 digits stays TOTP',
    `otpauth://totp/gaben?secret=${S}&issuer=Steam&digits=6`,
    { ...TOTP, issuer: 'Steam', label: 'gaben' },
  ],
  [
    '64-byte SHA-512 key',
    `otpauth://totp/x?secret=${TOTP_SEEDS.SHA512.base32}&algorithm=SHA512`,
    { ...TOTP, secret: TOTP_SEEDS.SHA512.base32, algorithm: 'SHA512', issuer: '', label: 'x' },
  ],
  [
    'unknown params ignored, even malformed ones',
    `otpauth://totp/x?secret=${S}&image=https%3A%2F%2Fx.example%2Fa.png&foo=%zz&%zz=1&lock=true`,
    { ...TOTP, issuer: '', label: 'x' },
  ],
  ['scheme and type in upper case', `OTPAUTH://TOTP/x?secret=${S}`, { ...TOTP, issuer: '', label: 'x' }],
  ['surrounding whitespace', `  \n otpauth://totp/x?secret=${S}\t\n`, { ...TOTP, issuer: '', label: 'x' }],
  [
    'parameter names in any case',
    `otpauth://totp/x?Secret=${S}&ISSUER=ACME`,
    { ...TOTP, issuer: 'ACME', label: 'x' },
  ],
  [
    'first duplicate wins',
    `otpauth://totp/x?secret=${S}&secret=AAAA&issuer=A&issuer=B`,
    { ...TOTP, issuer: 'A', label: 'x' },
  ],
  [
    'empty optional params take defaults',
    `otpauth://totp/x?secret=${S}&period=&digits=&algorithm=&issuer=`,
    { ...TOTP, issuer: '', label: 'x' },
  ],
];

describe('parseOtpauthUri accepts', () => {
  it.each(ACCEPTED)('%s', (_name, uri, expected) => {
    expect(parseOtpauthUri(uri)).toStrictEqual(expected);
  });

  it(`a URI of exactly ${MAX_URI_LENGTH} characters`, () => {
    const base = `otpauth://totp/x?secret=${S}&pad=`;
    expect(parseOtpauthUri(base + 'a'.repeat(MAX_URI_LENGTH - base.length)).secret).toBe(S);
  });
});

/** [case, URI, error class, code, message fragment] */
const REJECTED: [string, string, new (...args: never[]) => OtpError, OtpErrorCode, RegExp][] = [
  ['empty text', '', NotOtpauthUriError, 'OTP_NOT_OTPAUTH', /without a URI scheme/],
  ['plain text', 'hello world', NotOtpauthUriError, 'OTP_NOT_OTPAUTH', /otpauth:\/\//],
  [
    'a web link',
    'https://example.com/?secret=JBSWY3DPEHPK3PXP',
    NotOtpauthUriError,
    'OTP_NOT_OTPAUTH',
    /'https:'/,
  ],
  [
    'Microsoft Authenticator app QR',
    'phonefactor://activate_account?code=123456789&url=https%3a%2f%2fx',
    NotOtpauthUriError,
    'OTP_NOT_OTPAUTH',
    /'phonefactor:'/,
  ],
  [
    'Google export',
    'otpauth-migration://offline?data=CjEKCkhlbGxv',
    MigrationUriError,
    'OTP_MIGRATION_URI',
    /Google Authenticator export/,
  ],
  ['no //', `otpauth:totp/x?secret=${S}`, InvalidUriError, 'OTP_INVALID_URI', /otpauth:\/\//],
  [
    'unknown type',
    `otpauth://motp/x?secret=${S}`,
    UnsupportedParameterError,
    'OTP_UNSUPPORTED_PARAMETER',
    /type must be totp, hotp or steam, got 'motp'/,
  ],
  [
    'missing secret',
    'otpauth://totp/ACME:alice?issuer=ACME',
    MissingParameterError,
    'OTP_MISSING_PARAMETER',
    /secret/,
  ],
  ['empty secret', 'otpauth://totp/x?secret=', InvalidSecretError, 'OTP_INVALID_SECRET', /got none/],
  ['only padding', 'otpauth://totp/x?secret=%3D%3D%3D', InvalidSecretError, 'OTP_INVALID_SECRET', /got none/],
  [
    'illegal character',
    'otpauth://totp/x?secret=JBSWY3DPEHPK3PX0',
    InvalidSecretError,
    'OTP_INVALID_SECRET',
    /'0' \(U\+0030\) at position 16/,
  ],
  [
    'illegal character after cleanup',
    'otpauth://totp/x?secret=JBSW%20Y3DP%20EHPK%203PX!',
    InvalidSecretError,
    'OTP_INVALID_SECRET',
    /'!' .* position 19/,
  ],
  [
    'padding in the middle',
    'otpauth://totp/x?secret=JBSWY3DP=EHPK3PXP',
    InvalidSecretError,
    'OTP_INVALID_SECRET',
    /position 9/,
  ],
  [
    'impossible length',
    'otpauth://totp/x?secret=JBSWY3DPEHPK3PXPA',
    InvalidSecretError,
    'OTP_INVALID_SECRET',
    /got 17 characters/,
  ],
  [
    'empty key after normalising',
    'otpauth://totp/x?secret=%20%3D',
    InvalidSecretError,
    'OTP_INVALID_SECRET',
    /secret/,
  ],
  [
    'digits 0',
    `otpauth://totp/x?secret=${S}&digits=0`,
    UnsupportedParameterError,
    'OTP_UNSUPPORTED_PARAMETER',
    /digits must be a whole number 1–10, got 0/,
  ],
  [
    'digits 12',
    `otpauth://totp/x?secret=${S}&digits=12`,
    UnsupportedParameterError,
    'OTP_UNSUPPORTED_PARAMETER',
    /1–10, got 12/,
  ],
  [
    'digits six',
    `otpauth://totp/x?secret=${S}&digits=six`,
    UnsupportedParameterError,
    'OTP_UNSUPPORTED_PARAMETER',
    /got 'six'/,
  ],
  [
    'digits 6.0',
    `otpauth://totp/x?secret=${S}&digits=6.0`,
    UnsupportedParameterError,
    'OTP_UNSUPPORTED_PARAMETER',
    /got '6.0'/,
  ],
  [
    'period 0',
    `otpauth://totp/x?secret=${S}&period=0`,
    UnsupportedParameterError,
    'OTP_UNSUPPORTED_PARAMETER',
    /period .* got 0/,
  ],
  [
    'period -30',
    `otpauth://totp/x?secret=${S}&period=-30`,
    UnsupportedParameterError,
    'OTP_UNSUPPORTED_PARAMETER',
    /got '-30'/,
  ],
  [
    'period 1.5',
    `otpauth://totp/x?secret=${S}&period=1.5`,
    UnsupportedParameterError,
    'OTP_UNSUPPORTED_PARAMETER',
    /got '1.5'/,
  ],
  [
    'period beyond safe integers',
    `otpauth://totp/x?secret=${S}&period=99999999999999999999`,
    UnsupportedParameterError,
    'OTP_UNSUPPORTED_PARAMETER',
    /period/,
  ],
  [
    'algorithm MD5',
    `otpauth://totp/x?secret=${S}&algorithm=MD5`,
    UnsupportedParameterError,
    'OTP_UNSUPPORTED_PARAMETER',
    /SHA1, SHA256 or SHA512, got 'MD5'/,
  ],
  [
    'HOTP without counter',
    `otpauth://hotp/x?secret=${S}`,
    MissingParameterError,
    'OTP_MISSING_PARAMETER',
    /counter/,
  ],
  [
    'HOTP with empty counter',
    `otpauth://hotp/x?secret=${S}&counter=`,
    MissingParameterError,
    'OTP_MISSING_PARAMETER',
    /counter/,
  ],
  [
    'HOTP counter -1',
    `otpauth://hotp/x?secret=${S}&counter=-1`,
    UnsupportedParameterError,
    'OTP_UNSUPPORTED_PARAMETER',
    /counter .* got '-1'/,
  ],
  [
    'too long',
    `otpauth://totp/x?secret=${S}&pad=${'a'.repeat(MAX_URI_LENGTH)}`,
    InvalidUriError,
    'OTP_INVALID_URI',
    new RegExp(`at most ${MAX_URI_LENGTH} characters, got ${MAX_URI_LENGTH + 45}`),
  ],
  [
    'malformed % in label',
    `otpauth://totp/ACME%3:x?secret=${S}`,
    InvalidUriError,
    'OTP_INVALID_URI',
    /label .* got '%3:' at position 5/,
  ],
  [
    'invalid UTF-8 in label',
    `otpauth://totp/%E0%A4?secret=${S}`,
    InvalidUriError,
    'OTP_INVALID_URI',
    /not UTF-8/,
  ],
  [
    'malformed % in secret',
    'otpauth://totp/x?secret=JBSW%Y3DPEHPK3PXP',
    InvalidUriError,
    'OTP_INVALID_URI',
    /'secret'/,
  ],
  [
    'malformed % in issuer',
    `otpauth://totp/x?secret=${S}&issuer=%`,
    InvalidUriError,
    'OTP_INVALID_URI',
    /'issuer'/,
  ],
  ['steam:// without a secret', 'steam://', MissingParameterError, 'OTP_MISSING_PARAMETER', /secret/],
];

describe('parseOtpauthUri rejects', () => {
  it.each(REJECTED)('%s', (_name, uri, errorClass, code, message) => {
    let caught: unknown;
    try {
      parseOtpauthUri(uri);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(errorClass);
    expect(caught).toBeInstanceOf(OtpError);
    expect((caught as OtpError).code).toBe(code);
    expect((caught as OtpError).message).toMatch(message);
  });

  it('keeps the URIError as the cause of a percent-encoding error', () => {
    expect(() => parseOtpauthUri('otpauth://totp/%zz?secret=JBSWY3DPEHPK3PXP')).toThrow(
      expect.objectContaining({ cause: expect.any(URIError) }),
    );
  });

  it('names the parameter it objects to', () => {
    expect(() => parseOtpauthUri(`otpauth://totp/x?secret=${S}&digits=12`)).toThrow(
      expect.objectContaining({ parameter: 'digits' }),
    );
    expect(() => parseOtpauthUri(`otpauth://hotp/x?secret=${S}`)).toThrow(
      expect.objectContaining({ parameter: 'counter' }),
    );
  });
});

describe('formatOtpauthUri', () => {
  it('writes Microsoft work/school accounts as Microsoft does', () => {
    const draft = parseOtpauthUri(
      'otpauth://totp/Contoso%3Apat%40contoso.example?secret=abcdefghijklmnop&issuer=Microsoft',
    );
    expect(formatOtpauthUri(draft)).toBe(
      'otpauth://totp/Contoso:pat%40contoso.example?secret=ABCDEFGHIJKLMNOP&issuer=Microsoft&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('writes HOTP with its counter and Steam as otpauth://steam', () => {
    expect(formatOtpauthUri({ ...TOTP, kind: 'hotp', counter: 5, issuer: 'A B', label: 'me' })).toBe(
      `otpauth://hotp/A%20B:me?secret=${S}&issuer=A%20B&algorithm=SHA1&digits=6&counter=5`,
    );
    expect(formatOtpauthUri({ ...STEAM, issuer: 'Steam', label: 'gaben' })).toMatch(
      /^otpauth:\/\/steam\/Steam:gaben\?/,
    );
  });

  it('normalises the secret and validates like the parser', () => {
    expect(formatOtpauthUri({ ...TOTP, secret: 'jbsw y3dp-ehpk 3pxp==', issuer: '', label: '' })).toBe(
      `otpauth://totp/?secret=${S}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(() => formatOtpauthUri({ ...TOTP, digits: 12, issuer: '', label: '' })).toThrow(
      UnsupportedParameterError,
    );
    expect(() => formatOtpauthUri({ ...TOTP, issuer: '', label: '\uD800' })).toThrow(InvalidUriError);
  });

  it.each(ACCEPTED)('round-trips the draft parsed from: %s', (_name, uri) => {
    const draft = parseOtpauthUri(uri);
    expect(parseOtpauthUri(formatOtpauthUri(draft))).toStrictEqual(draft);
  });

  it.each<[string, AccountDraft]>([
    ['account with colons and no issuer', { ...TOTP, issuer: '', label: 'a:b:c' }],
    ['issuer with a colon', { ...TOTP, issuer: 'a:b', label: 'c:d' }],
    ['reserved characters', { ...TOTP, issuer: 'A&B=C?#%+', label: 'x/y?z&w=1%' }],
    ['organisation', { ...TOTP, issuer: 'Microsoft', label: 'u@c.example', organisation: 'Contoso, Ltd.' }],
    ['astral characters', { ...TOTP, issuer: '🔐 Vault', label: '𝒶𝒷' }],
  ])('round-trips %s', (_name, draft) => {
    expect(parseOtpauthUri(formatOtpauthUri(draft))).toStrictEqual(draft);
  });
});

describe('names and the URI length bound', () => {
  it('writes every draft it accepts as a URI it reads back, even with names of four-byte characters', () => {
    const name = '\u{10000}'.repeat(MAX_NAME_LENGTH / 2);
    const draft = draftFromManualEntry({
      issuer: name,
      label: name,
      organisation: `${name.slice(0, -2)}x`,
      secret: 'A'.repeat(1639),
    });
    const uri = formatOtpauthUri(draft);
    expect(uri.length).toBeLessThanOrEqual(MAX_URI_LENGTH);
    expect(parseOtpauthUri(uri)).toEqual(draft);
  });

  it('refuses a name longer than MAX_NAME_LENGTH, saying which and how long', () => {
    expect(() => parseOtpauthUri(`otpauth://totp/${'a'.repeat(MAX_NAME_LENGTH + 1)}?secret=${S}`)).toThrow(
      new RegExp(`account name must be at most ${MAX_NAME_LENGTH} characters, got ${MAX_NAME_LENGTH + 1}`),
    );
    expect(() =>
      draftFromManualEntry({ issuer: 'é'.repeat(MAX_NAME_LENGTH + 1), label: '', secret: S }),
    ).toThrow(/issuer must be at most/);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyQrPayload,
  DIFFERENT_APP_LINK_TEXT,
  MICROSOFT_APP_ADVICE,
  NOT_A_SECRET_ADVICE,
  type QrPayload,
} from '../../../lib/qr/index';

const TOTP = { kind: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as const;
const PHONEFACTOR =
  'phonefactor://activate_account?code=123456789&url=https%3a%2f%2fmobileappcommunicator.auth.microsoft.com%2factivatev2%2fabc';
const ACTIVATE =
  'https://login.microsoftonline.com/authenticatorApp/activateAccount?source=qrCode&accountType=msa&code=abc&uaid=def';

describe('classifyQrPayload', () => {
  const table: [string, string, QrPayload][] = [
    [
      'consumer otpauth (microsoft-pages.md §4)',
      'otpauth://totp/Microsoft:pat@outlook.example?secret=ABCDEFGHIJKLMNOP&issuer=Microsoft',
      {
        kind: 'otpauth',
        draft: { ...TOTP, secret: 'ABCDEFGHIJKLMNOP', issuer: 'Microsoft', label: 'pat@outlook.example' },
      },
    ],
    [
      'work/school otpauth: tenant as organisation (§4)',
      'otpauth://totp/Contoso%3Apat%40contoso.example?secret=abcdefghijklmnop&issuer=Microsoft',
      {
        kind: 'otpauth',
        draft: {
          ...TOTP,
          secret: 'ABCDEFGHIJKLMNOP',
          issuer: 'Microsoft',
          label: 'pat@contoso.example',
          organisation: 'Contoso',
        },
      },
    ],
    [
      'HOTP from another issuer (§5)',
      'otpauth://hotp/ACME:pat?secret=JBSWY3DPEHPK3PXP&counter=7',
      {
        kind: 'otpauth',
        draft: {
          ...TOTP,
          kind: 'hotp',
          secret: 'JBSWY3DPEHPK3PXP',
          counter: 7,
          issuer: 'ACME',
          label: 'pat',
        },
      },
    ],
    [
      'upper-case scheme with surrounding whitespace',
      '  OTPAUTH://totp/ACME:pat?secret=JBSWY3DPEHPK3PXP\n',
      { kind: 'otpauth', draft: { ...TOTP, secret: 'JBSWY3DPEHPK3PXP', issuer: 'ACME', label: 'pat' } },
    ],
    ['phonefactor (work/school Authenticator path, §5)', PHONEFACTOR, microsoft('work-school')],
    [
      'phonefactor, upper case, params reordered',
      'PhoneFactor://ACTIVATE_ACCOUNT?url=https%3A%2F%2Fx&code=1',
      microsoft('work-school'),
    ],
    ['phonefactor with a trailing slash', 'phonefactor://activate_account/?code=1', microsoft('work-school')],
    ['activateAccount (personal Authenticator path, §5)', ACTIVATE, microsoft('personal')],
    [
      'activateAccount: other case, params reordered, %3A/%3a',
      'HTTPS://LOGIN.MICROSOFTONLINE.COM/AuthenticatorApp/ActivateAccount?uaid=x%3Ay&code=a%3ab&accountType=msa&source=qrCode',
      microsoft('personal'),
    ],
    [
      'activateAccount with a trailing slash',
      'https://login.microsoftonline.com/authenticatorapp/activateaccount/?code=1',
      microsoft('personal'),
    ],
    [
      'Google Authenticator export',
      'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU',
      { kind: 'migration', uri: 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU' },
    ],
    ['plain URL', 'https://example.com/', other()],
    [
      'Microsoft page that is not the activation path',
      'https://login.microsoftonline.com/common/oauth2/authorize',
      other(),
    ],
    [
      'activation path on a lookalike host',
      'https://login.microsoftonline.com.evil.test/authenticatorApp/activateAccount?code=1',
      other(),
    ],
    [
      'activation path on http',
      'http://login.microsoftonline.com/authenticatorApp/activateAccount?code=1',
      other(),
    ],
    ['phonefactor with another action', 'phonefactor://something_else?code=1', other()],
    ['phonefactor prefix of a longer word', 'phonefactor://activate_accounts?code=1', other()],
    ['plain text', 'Hello, world', other()],
    ['garbage', '\u0000\u0001%%%:://', other()],
    ['empty', '', other()],
    ['Steam client link', 'steam://run/440', other()],
  ];
  it.each(table)('%s', (_, text, expected) => expect(classifyQrPayload(text)).toEqual(expected));

  it.each([
    ['missing secret', 'otpauth://totp/ACME:pat?issuer=ACME', /secret/],
    ['bad base32', 'otpauth://totp/ACME:pat?secret=ABC0EFGH', /base32/],
    ['unknown type', 'otpauth://motp/ACME:pat?secret=JBSWY3DPEHPK3PXP', /./],
    ['no //', 'otpauth:totp/ACME?secret=JBSWY3DPEHPK3PXP', /otpauth/],
  ])('invalid otpauth: %s', (_, text, message) => {
    const result = classifyQrPayload(text);
    expect(result.kind).toBe('invalid-otpauth');
    if (result.kind === 'invalid-otpauth') expect(result.error).toMatch(message);
  });

  it('advice names the link to choose instead (§5)', () => {
    expect(MICROSOFT_APP_ADVICE.personal).toContain(DIFFERENT_APP_LINK_TEXT.personal);
    expect(MICROSOFT_APP_ADVICE['work-school']).toContain('I want to use a different authenticator app');
    expect(MICROSOFT_APP_ADVICE.personal).toContain('Set up a different Authenticator app');
  });

  it('never throws on arbitrary strings', () => {
    const uriish = fc
      .tuple(
        fc.constantFrom('otpauth://', 'otpauth-migration://', 'phonefactor://', 'steam://', 'https://', ''),
        fc.string({ maxLength: 200 }),
      )
      .map(([a, b]) => a + b);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), uriish, fc.webUrl()), (text) => {
        expect(typeof classifyQrPayload(text).kind).toBe('string');
      }),
      { numRuns: 3000 },
    );
  });
});

function microsoft(variant: 'work-school' | 'personal'): QrPayload {
  return { kind: 'microsoft-app', variant, advice: MICROSOFT_APP_ADVICE[variant] };
}

function other(): QrPayload {
  return { kind: 'other', advice: NOT_A_SECRET_ADVICE };
}

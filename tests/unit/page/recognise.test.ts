import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APPLE_APP_PW,
  type AppPasswordProvider,
  BASE32_CLEAN,
  GOOGLE_APP_PW,
  MS_APP_PW,
  MS_RECOVERY,
  MS_SECRET_HTML,
  MS_SECRET_TEXT,
  SENT_CODE,
  TOTP_CODE,
  YAHOO_APP_PW,
  ZOHO_APP_PW,
} from '../../../lib/page/patterns';
import {
  appPasswordProviderFor,
  recogniseAppPassword,
  recogniseRecoveryCode,
  recogniseSecretText,
} from '../../../lib/page/recognise';

const NBSP = '\u00a0';

describe('named patterns (microsoft-pages.md §6)', () => {
  const table: [string, RegExp, string[], string[]][] = [
    [
      'MS_SECRET_TEXT',
      MS_SECRET_TEXT,
      ['abcd efgh ijkl mnop', `wxyz${NBSP}2345${NBSP}abcd${NBSP}efgh`, 'MNOP QRST UVWX YZ23'],
      [
        'abcd efgh ijkl',
        'abcd  efgh ijkl mnop',
        'abcd-efgh-ijkl-mnop',
        'abc1 efgh ijkl mnop',
        'abcdefghijklmnop',
      ],
    ],
    [
      'MS_SECRET_HTML',
      MS_SECRET_HTML,
      ['<span class="dirltr bold">wxyz&nbsp;2345&nbsp;abcd&nbsp;efgh</span>'],
      ['wxyz 2345 abcd efgh', 'wxyz&nbsp;2345&nbsp;abcd'],
    ],
    [
      'BASE32_CLEAN',
      BASE32_CLEAN,
      ['JBSWY3DPEHPK3PXP', 'A'.repeat(128)],
      ['JBSWY3DPEHPK3PX', 'jbswy3dpehpk3pxp', 'A'.repeat(129), 'JBSWY3DPEHPK3PX0'],
    ],
    ['TOTP_CODE', TOTP_CODE, ['123456', '000000'], ['12345', '1234567', '12 3456', '１２３４５６']],
    ['SENT_CODE', SENT_CODE, ['123456', '1234567', '12345678'], ['12345', '123456789']],
    [
      'MS_RECOVERY',
      MS_RECOVERY,
      ['Q7KMW-2HX9P-TT4RD-8ZLCA-M3N6V', 'Your new recovery code: Q7KMW-2HX9P-TT4RD-8ZLCA-M3N6V.'],
      [
        'q7kmw-2hx9p-tt4rd-8zlca-m3n6v',
        'Q7KMW-2HX9P-TT4RD-8ZLCA-M3N6V-ABCDE',
        'XQ7KMW-2HX9P-TT4RD-8ZLCA-M3N6V',
        'Q7KMW-2HX9P-TT4RD-8ZLCA',
      ],
    ],
    [
      'MS_APP_PW',
      MS_APP_PW,
      ['abcdefghijklmnop'],
      ['abcdefghijklmno', 'ABCDEFGHIJKLMNOP', 'abcd efgh ijkl mnop'],
    ],
    [
      'GOOGLE_APP_PW',
      GOOGLE_APP_PW,
      ['abcd efgh ijkl mnop', `abcd${NBSP}efgh${NBSP}ijkl${NBSP}mnop`, 'abcdefghijklmnop'],
      ['abcd-efgh-ijkl-mnop', 'ABCD EFGH IJKL MNOP', 'abcd efgh ijkl'],
    ],
    [
      'APPLE_APP_PW',
      APPLE_APP_PW,
      ['qrst-uvwx-abcd-efgh'],
      ['qrst uvwx abcd efgh', 'qrstuvwxabcdefgh', 'QRST-UVWX-ABCD-EFGH', 'qrst-uvwx-abcd'],
    ],
    [
      'YAHOO_APP_PW',
      YAHOO_APP_PW,
      ['abcdefghijklmnop', 'abcd efgh ijkl mnop'],
      ['abcd-efgh-ijkl-mnop', 'abcd1fghijklmnop'],
    ],
    [
      'ZOHO_APP_PW',
      ZOHO_APP_PW,
      ['a1b2c3d4e5f6', 'a1b2 c3d4 e5f6', 'A1B2C3D4E5F6G7H8'],
      ['a1b2c3d4e5f', 'a1b2-c3d4-e5f6', 'a1b2c3d4e5f6g7h8i'],
    ],
  ];
  for (const [name, pattern, positives, negatives] of table) {
    it.each(positives)(`${name} accepts %j`, (text) => expect(pattern.test(text)).toBe(true));
    it.each(negatives)(`${name} refuses %j`, (text) => expect(pattern.test(text)).toBe(false));
  }
});

describe('recogniseSecretText', () => {
  const positives: [string, string, string][] = [
    ['Microsoft consumer, NBSP (§2.1)', `wxyz${NBSP}2345${NBSP}abcd${NBSP}efgh`, 'WXYZ2345ABCDEFGH'],
    ['Microsoft, spaces (§2.2)', 'mnop qrst uvwx yz23', 'MNOPQRSTUVWXYZ23'],
    ['Microsoft, uppercase (§2.2 one source)', 'MNOP QRST UVWX YZ23', 'MNOPQRSTUVWXYZ23'],
    ['Microsoft, no digit, few vowels (doc example)', 'abcd efgh ijkl mnop', 'ABCDEFGHIJKLMNOP'],
    ['surrounding whitespace and NBSP', `  ${NBSP}abcd efgh ijkl mnop${NBSP}\n`, 'ABCDEFGHIJKLMNOP'],
    ['groups of 8', 'JBSWY3DP EHPK3PXP', 'JBSWY3DPEHPK3PXP'],
    ['groups of 4 with hyphens', 'jbsw-y3dp-ehpk-3pxp', 'JBSWY3DPEHPK3PXP'],
    ['groups of 2', 'JB SW Y3 DP EH PK 3P XP', 'JBSWY3DPEHPK3PXP'],
    ['26 chars, last group shorter', 'JRZC L47C MXVO QMNP ZR2F 7J4R GI', 'JRZCL47CMXVOQMNPZR2F7J4RGI'],
    ['token with a digit', 'jbswy3dpehpk3pxp', 'JBSWY3DPEHPK3PXP'],
    ['all-caps token without digits', 'ABCDEFGHIJKLMNOP', 'ABCDEFGHIJKLMNOP'],
    ['padded token', 'JRZCL47CMXVOQMNPZR2F7J4RGI======', 'JRZCL47CMXVOQMNPZR2F7J4RGI'],
    ['32 chars grouped by 4', 'GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'],
  ];
  it.each(positives)('%s', (_, text, expected) => expect(recogniseSecretText(text)).toBe(expected));

  const negatives: [string, string][] = [
    ['empty', ''],
    ['English sentence', 'The quick brown fox jumps over the lazy dog'],
    ['four 4-letter words (uniform groups, 38 % vowels)', 'this time they were'],
    ['capitalised four words', 'This time they were'],
    ['16-letter word, lowercase', 'characterization'],
    ['16-letter word, all caps (44 % vowels)', 'RESPONSIBILITIES'],
    ['lowercase 16 letters without digit, ungrouped', 'abcdefghijklmnop'],
    ['too short (15)', 'abcd efgh ijkl mno'],
    ['non-uniform groups', 'abcd efghij kl mnop'],
    ['mixed case', 'Abcd efgh ijkl mnop'],
    ['digits 0/1/8/9', 'abcd efgh ijk1 mnop'],
    ['double space', 'abcd  efgh ijkl mnop'],
    ['17 chars: impossible base32 length', 'JBSWY3DPEHPK3PXPA'],
    ['only digits 2–7', '2345 6723 4567 2345'],
    ['129 chars', `${'A2'.repeat(64)}A`],
    ['hex string', '3f2a9c0d 5e6b7a8c 9d0e1f2a 3b4c5d6e'],
    ['recovery code', 'Q7KMW-2HX9P-TT4RD-8ZLCA-M3N6V'],
    ['label plus key', 'Secret key: abcd efgh ijkl mnop'],
    ['a group of 9', 'ABCDEFGHI JKLMNOPQR'],
  ];
  it.each(negatives)('refuses %s', (_, text) => expect(recogniseSecretText(text)).toBeNull());
});

describe('recogniseRecoveryCode', () => {
  const code = 'Q7KMW-2HX9P-TT4RD-8ZLCA-M3N6V';
  it.each([
    ['alone', code],
    [
      'in the wizard text (§2.7)',
      `Two-step verification is turned on\nYour new recovery code: ${code}\nNext`,
    ],
    ['after NBSP', `code:${NBSP}${code}`],
    ['followed by a full stop', `${code}.`],
    ['twice, same code', `${code} (${code})`],
  ])('finds it %s', (_, text) => expect(recogniseRecoveryCode(text)).toBe(code));

  it.each([
    ['lowercase', code.toLowerCase()],
    ['six groups', `${code}-AB12C`],
    ['glued to a letter', `x${code}`],
    ['four groups', 'Q7KMW-2HX9P-TT4RD-8ZLCA'],
    ['a group of four', 'Q7KM-2HX9P-TT4RD-8ZLCA-M3N6V'],
    ['spaces instead of hyphens', 'Q7KMW 2HX9P TT4RD 8ZLCA M3N6V'],
    ['placeholder of letters only', 'XXXXX-XXXXX-XXXXX-XXXXX-XXXXX'],
    ['digits only', '12345-67890-12345-67890-12345'],
    ['two different codes', `${code} and AB12C-DE34F-GH56J-KL78M-NP90Q`],
    ['nothing', 'Two-step verification is turned on'],
  ])('refuses %s', (_, text) => expect(recogniseRecoveryCode(text)).toBeNull());
});

describe('recogniseAppPassword', () => {
  const positives: [AppPasswordProvider, string, string][] = [
    ['microsoft', 'abcdefghijklmnop', 'abcdefghijklmnop'],
    ['google', 'abcd efgh ijkl mnop', 'abcdefghijklmnop'],
    ['google', `abcd${NBSP}efgh${NBSP}ijkl${NBSP}mnop`, 'abcdefghijklmnop'],
    ['google', ' abcdwxyzefghmnop ', 'abcdwxyzefghmnop'],
    ['apple', 'qrst-uvwx-abcd-efgh', 'qrst-uvwx-abcd-efgh'],
    ['yahoo', 'abcdefghijklmnop', 'abcdefghijklmnop'],
    ['yahoo', 'abcd efgh ijkl mnop', 'abcdefghijklmnop'],
    ['zoho', 'a1b2c3d4e5f6', 'a1b2c3d4e5f6'],
    ['zoho', 'a1b2 c3d4 e5f6', 'a1b2c3d4e5f6'],
    ['zoho', 'K9QX 2MWP 7RTZ 4HNB', 'K9QX2MWP7RTZ4HNB'],
    ['fastmail', 'abcd efgh ijkl mnop', 'abcdefghijklmnop'],
    ['fastmail', '7gk2m9xq4wz8p3tn', '7gk2m9xq4wz8p3tn'],
    ['fastmail', 'a7k2-m9xq-4wz8', 'a7k2-m9xq-4wz8'],
    ['fastmail', 'aB3dE5gH7jK9', 'aB3dE5gH7jK9'],
  ];
  it.each(positives)('%s: %j → %j', (provider, text, expected) =>
    expect(recogniseAppPassword(text, provider)).toBe(expected),
  );

  const negatives: [AppPasswordProvider, string][] = [
    ['microsoft', 'ABCDEFGHIJKLMNOP'],
    ['microsoft', 'abcd efgh ijkl mnop'],
    ['microsoft', 'abcdefghijklmno'],
    ['google', 'abcd-efgh-ijkl-mnop'],
    ['google', 'ABCD EFGH IJKL MNOP'],
    ['google', 'abcd efgh ijkl mnop qrst'],
    ['apple', 'qrstuvwxabcdefgh'],
    ['apple', 'qrst uvwx abcd efgh'],
    ['apple', '-qrst-uvwx-abcd-efgh'],
    ['yahoo', 'abcd-efgh-ijkl-mnop'],
    ['zoho', 'Applications'],
    ['zoho', 'a1b2c3d4e5f'],
    ['fastmail', 'Thunderbird on laptop'],
    ['fastmail', 'Applications'],
    ['fastmail', 'abcdefghijk'],
    ['fastmail', 'app passwords'],
    ['fastmail', 'abcdefghijklmn'],
    ['fastmail', 'x'.repeat(33)],
  ];
  it.each(negatives)('%s refuses %j', (provider, text) =>
    expect(recogniseAppPassword(text, provider)).toBeNull(),
  );
});

describe('appPasswordProviderFor', () => {
  it.each([
    ['https://account.live.com/proofs/AppPassword', 'microsoft'],
    ['https://account.live.com/proofs/apppassword?mkt=en-US', 'microsoft'],
    ['https://myaccount.google.com/apppasswords', 'google'],
    ['https://myaccount.google.com/u/1/apppasswords?rapt=x', 'google'],
    ['https://login.yahoo.com/account/security/app-passwords', 'yahoo'],
    ['https://login.yahoo.com/account/security', 'yahoo'],
    ['https://login.yahoo.com/myaccount/security/app-password/', 'yahoo'],
    ['https://account.apple.com/account/manage/section/security', 'apple'],
    ['https://appleid.apple.com/account/manage', 'apple'],
    ['https://app.fastmail.com/settings/security/apppasswords', 'fastmail'],
    ['https://www.fastmail.com/settings/', 'fastmail'],
    ['https://accounts.zoho.com/home#security/app_password', 'zoho'],
    ['https://accounts.zoho.eu/home', 'zoho'],
    ['https://accounts.zoho.com.au/home#security', 'zoho'],
    ['https://accounts.zoho.in/', 'zoho'],
  ] as const)('%s → %s', (url, provider) => expect(appPasswordProviderFor(new URL(url))).toBe(provider));

  it.each([
    'http://account.live.com/proofs/AppPassword',
    'https://account.live.com/proofs/Manage/additional',
    'https://account.live.com/proofs/AppPasswordX',
    'https://account.live.com.evil.test/proofs/AppPassword',
    'https://myaccount.google.com/security',
    'https://myaccount.google.com.evil.test/apppasswords',
    'https://login.yahoo.com/',
    'https://login.yahoo.com.evil.test/account/security',
    'https://apple.com/account',
    'https://account.apple.com.evil.test/',
    'https://app.fastmail.com/mail/Inbox',
    'https://accounts.zoho.xyz/home',
    'https://accounts.zoho.com.evil.test/home',
    'https://zoho.com/home',
    'https://mail.zoho.com/',
  ])('%s → null', (url) => expect(appPasswordProviderFor(new URL(url))).toBeNull());
});

describe('recognisers never throw', () => {
  const providers: AppPasswordProvider[] = ['microsoft', 'google', 'yahoo', 'apple', 'fastmail', 'zoho'];
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.string({ unit: fc.constantFrom(...'abcdXYZ234567 -=\u00a0'.split('')), maxLength: 160 }),
  );
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...providers), (s, provider) => {
        recogniseSecretText(s);
        recogniseRecoveryCode(s);
        recogniseAppPassword(s, provider);
      }),
      { numRuns: 2000 },
    );
  });
  it('returns canonical base32 whenever it accepts a secret', () => {
    fc.assert(
      fc.property(text, (s) => {
        const secret = recogniseSecretText(s);
        return secret === null || BASE32_CLEAN.test(secret);
      }),
      { numRuns: 2000 },
    );
  });
});

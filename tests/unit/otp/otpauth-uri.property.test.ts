import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccountDraft,
  bytesToBase32,
  formatOtpauthUri,
  type HashAlgorithm,
  MAX_URI_LENGTH,
  OtpError,
  parseOtpauthUri,
} from '../../../lib/otp/index';

const RUNS = { numRuns: 2000 };

/** Names as a valid draft holds them: trimmed, well-formed Unicode (what parser and form produce). */
const name = fc
  .string({ unit: 'binary', maxLength: 24 })
  .map((s) => s.trim())
  .filter((s) => !/\p{Cs}/u.test(s));
const nameWithoutColon = name.map((s) => s.replace(/:/g, ''));
const algorithm = fc.constantFrom<HashAlgorithm>('SHA1', 'SHA256', 'SHA512');
const secret = fc.uint8Array({ minLength: 10, maxLength: 80 }).map(bytesToBase32);
const period = fc.oneof(fc.integer({ min: 1, max: 86_400 }), fc.constant(Number.MAX_SAFE_INTEGER));
const counter = fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER));

const params = fc.oneof(
  fc.record({
    kind: fc.constant('totp' as const),
    secret,
    algorithm,
    digits: fc.integer({ min: 1, max: 10 }),
    period,
    counter: fc.constant(0),
  }),
  fc.record({
    kind: fc.constant('hotp' as const),
    secret,
    algorithm,
    digits: fc.integer({ min: 1, max: 10 }),
    period: fc.constant(30),
    counter,
  }),
  secret.map((s) => ({
    kind: 'steam' as const,
    secret: s,
    algorithm: 'SHA1' as const,
    digits: 5,
    period: 30,
    counter: 0,
  })),
);

/**
 * Valid drafts, minus the two documented lossy cases of `formatOtpauthUri`: an organisation needs an
 * issuer (and no colon, since the label's first colon separates it), and a 5-digit TOTP issued by
 * "Steam" is read back as Steam.
 */
const draft: fc.Arbitrary<AccountDraft> = fc
  .tuple(params, name, name, fc.option(nameWithoutColon, { nil: undefined }))
  .map(([p, issuer, label, organisation]) => {
    const differs =
      organisation !== undefined &&
      organisation !== '' &&
      issuer !== '' &&
      organisation.toLowerCase() !== issuer.toLowerCase();
    return differs ? { ...p, issuer, label, organisation } : { ...p, issuer, label };
  })
  .filter((d) => !(d.kind === 'totp' && d.digits === 5 && d.issuer.toLowerCase() === 'steam'));

/** Fragments that steer random text into the parser's interesting branches. */
const token = fc.constantFrom(
  'otpauth://',
  'OTPAUTH://',
  'steam://',
  'otpauth-migration://',
  'totp',
  'hotp',
  'steam',
  '/',
  ':',
  '%3A',
  '?',
  '&',
  '=',
  '#',
  '+',
  ' ',
  '%',
  '%zz',
  '%E0%A4',
  '%C2%A0',
  '%3D',
  '\uD800',
  'secret=',
  'issuer=',
  'digits=',
  'period=',
  'counter=',
  'algorithm=',
  'encoder=steam',
  'JBSWY3DPEHPK3PXP',
  'jbsw-y3dp',
  '0',
  '5',
  '10',
  '-1',
  '99999999999999999999',
  'sha-256',
  'Steam',
  'Microsoft',
);
const grammarText = fc
  .array(fc.oneof(token, fc.string({ maxLength: 4 })), { maxLength: 30 })
  .map((parts) => parts.join(''));

type Mutation = { at: number; remove: number; insert: string };
const mutation = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 6 }),
  insert: fc.oneof(token, fc.string({ unit: 'binary', maxLength: 4 }), fc.constant('')),
});
function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const { at, remove, insert } of mutations) {
    const i = at % (out.length + 1);
    out = out.slice(0, i) + insert + out.slice(i + remove);
  }
  return out;
}
const mutatedUri = fc
  .tuple(draft, fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([d, ms]) => mutate(formatOtpauthUri(d), ms));

/** The contract: a draft, or an OtpError; a parsed draft also survives format → parse unchanged. */
function parsesOrRejectsCleanly(text: string): void {
  let parsed: AccountDraft;
  try {
    parsed = parseOtpauthUri(text);
  } catch (error) {
    if (!(error instanceof OtpError)) throw error;
    return;
  }
  expect(parseOtpauthUri(formatOtpauthUri(parsed))).toStrictEqual(parsed);
}

describe('parseOtpauthUri never throws anything but OtpError', () => {
  it('for arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), parsesOrRejectsCleanly), RUNS);
  });

  it('for arbitrary text after otpauth://', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => parsesOrRejectsCleanly(`otpauth://${s}`)),
      RUNS,
    );
  });

  it('for random sequences of URI fragments', () => {
    fc.assert(fc.property(grammarText, parsesOrRejectsCleanly), RUNS);
  });

  it('for mutations of valid URIs', () => {
    fc.assert(fc.property(mutatedUri, parsesOrRejectsCleanly), RUNS);
  });

  it('for strings around the length cap', () => {
    const long = fc
      .tuple(draft, fc.integer({ min: MAX_URI_LENGTH - 40, max: MAX_URI_LENGTH + 40 }))
      .map(([d, length]) => {
        const uri = `${formatOtpauthUri(d)}&x=`;
        return uri + 'a'.repeat(Math.max(0, length - uri.length));
      });
    fc.assert(fc.property(long, parsesOrRejectsCleanly), { numRuns: 200 });
  });
});

describe('formatOtpauthUri', () => {
  it('round-trips every valid draft: parse(format(d)) deep-equals d', () => {
    fc.assert(
      fc.property(draft, (d) => {
        expect(parseOtpauthUri(formatOtpauthUri(d))).toStrictEqual(d);
      }),
      RUNS,
    );
  });
});

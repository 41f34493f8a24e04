/** Generators shared by several targets: texts of every kind, valid drafts and key URIs. */
import fc from 'fast-check';
import { type AccountDraft, bytesToBase32, formatOtpauthUri, type HashAlgorithm } from '../../lib/otp/index';
import { applyTextEdits, TEXT_TOKENS, textEdit } from './mutate';

/** Any UTF-16 code unit, lone surrogates included (what a JS string, a message or a page may hold). */
const codeUnit = fc.nat({ max: 0xffff }).map((c) => String.fromCharCode(c));

/** Text of every kind: printable, any code point, any code unit, and sometimes long. */
export function anyText(maxLength = 200): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength }) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: maxLength * 10, size: 'max' }) },
  );
}

/** Random sequences of the given fragments and short random text. */
export function tokenText(tokens: readonly string[], maxParts = 30): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        fc.constantFrom(...tokens),
        fc.string({ maxLength: 4 }),
        fc.string({ unit: codeUnit, maxLength: 2 }),
      ),
      {
        maxLength: maxParts,
      },
    )
    .map((parts) => parts.join(''));
}

/** One character many times (shrinks fast): names far longer than any test writes by hand. */
export const longName: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('\u{10000}', '\u00e9', '\u0000', 'a', '\u4e2d'), fc.integer({ min: 200, max: 8000 }))
  .map(([ch, n]) => ch.repeat(n));

/** Names as a valid draft holds them: trimmed, any code point. */
const name = fc.string({ unit: 'binary', maxLength: 24 }).map((s) => s.trim());
const algorithm = fc.constantFrom<HashAlgorithm>('SHA1', 'SHA256', 'SHA512');
export const base32Secret = fc.uint8Array({ minLength: 1, maxLength: 80 }).map(bytesToBase32);

const params = fc.oneof(
  fc.record({
    kind: fc.constant('totp' as const),
    secret: base32Secret,
    algorithm,
    digits: fc.integer({ min: 1, max: 10 }),
    period: fc.oneof(fc.integer({ min: 1, max: 86_400 }), fc.constant(Number.MAX_SAFE_INTEGER)),
    counter: fc.constant(0),
  }),
  fc.record({
    kind: fc.constant('hotp' as const),
    secret: base32Secret,
    algorithm,
    digits: fc.integer({ min: 1, max: 10 }),
    period: fc.constant(30),
    counter: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)),
  }),
  base32Secret.map((secret) => ({
    kind: 'steam' as const,
    secret,
    algorithm: 'SHA1' as const,
    digits: 5,
    period: 30,
    counter: 0,
  })),
);

/** Valid drafts (the organisation rule of the parser and the form: kept when it differs from the issuer). */
export const validDraft: fc.Arbitrary<AccountDraft> = fc
  .tuple(
    params,
    name,
    name,
    fc.option(
      name.map((s) => s.replace(/:/g, '')),
      { nil: undefined },
    ),
  )
  .map(([p, issuer, label, organisation]) => {
    const differs =
      organisation !== undefined &&
      organisation !== '' &&
      issuer !== '' &&
      organisation.toLowerCase() !== issuer.toLowerCase();
    return differs ? { ...p, issuer, label, organisation } : { ...p, issuer, label };
  });

/** Canonical key URIs of valid drafts (names with unpaired surrogates cannot be written). */
export const validUri: fc.Arbitrary<string> = validDraft.map((d) => formatOtpauthUri(d));

const URI_TOKENS = [
  ...TEXT_TOKENS,
  'OTPAUTH://',
  'otpauth://steam/',
  'steam',
  'encoder=steam',
  'issuer=Steam',
  'Microsoft',
  'sha-256',
  '%E0%A4',
  '%C2%A0',
  '%3D',
  '10',
  '5',
];

/** What a QR code, a paste or a line of a file may hold where a key URI is expected. */
export const uriLikeText: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: anyText(300) },
  { weight: 2, arbitrary: anyText(200).map((s) => `otpauth://${s}`) },
  { weight: 1, arbitrary: anyText(60).map((s) => `steam://${s}`) },
  { weight: 3, arbitrary: tokenText(URI_TOKENS) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(validUri, fc.array(textEdit, { minLength: 1, maxLength: 4 }))
      .map(([uri, edits]) => applyTextEdits(uri, edits)),
  },
  { weight: 1, arbitrary: validUri },
  // Raw (unencoded) names: the canonical form percent-encodes them, up to twelve times longer.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ unit: 'binary', minLength: 100, maxLength: 700 }), base32Secret)
      .map(([name, secret]) => `otpauth://totp/${name.replace(/[?:%]/g, '')}?secret=${secret}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(longName, base32Secret)
      .map(([name, secret]) => `otpauth://totp/${name}?secret=${secret}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(validUri, fc.integer({ min: 2000, max: 2100 }))
      .map(([uri, length]) => `${uri}&x=${'a'.repeat(Math.max(0, length - uri.length))}`),
  },
);

/** Key URIs, the manual form, and QR payload classification (lib/otp, lib/qr/payload). */
import fc from 'fast-check';
import {
  type AccountDraft,
  base32ToBytes,
  draftFromManualEntry,
  type ManualEntry,
  MIN_TYPED_SECRET_BYTES,
  OtpError,
  parseOtpauthUri,
} from '../../../lib/otp/index';
import { classifyQrPayload } from '../../../lib/qr/payload';
import { anyText, base32Secret, longName, uriLikeText } from '../arbitraries';
import { check, checkDraft, checkUriRoundTrip, type FuzzTarget, sameDraft, target } from '../contract';

const isOtpError = (error: unknown) => error instanceof OtpError;

const parseOtpauthUriTarget = target<string>({
  name: 'otp.parseOtpauthUri',
  arbitrary: uriLikeText,
  ciRuns: 3000,
  accept: isOtpError,
  run(text) {
    const draft = parseOtpauthUri(text);
    checkDraft(draft, 'parseOtpauthUri');
    checkUriRoundTrip(draft, 'parseOtpauthUri');
    return `draft ${draft.kind}`;
  },
});

/** Numbers as a form, an importer or a message may hand them over (NaN and fractions included). */
const looseNumber = fc.option(
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 12 }) },
    { weight: 1, arbitrary: fc.integer({ min: -5, max: 100 }) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, -0, 1e21) },
  ),
  { nil: undefined },
);

const secretText = fc.oneof(
  base32Secret,
  base32Secret.map((s) => (s.match(/.{1,4}/g) ?? []).join(' ').toLowerCase()),
  base32Secret.map((s) => `${s}====`),
  base32Secret.map((s) => s.replace(/(.{3})/g, '$1\u00a0-\u200b')),
  anyText(60),
);

const manualEntry: fc.Arbitrary<{ entry: ManualEntry; typed: boolean }> = fc.record({
  entry: fc.record({
    issuer: fc.oneof({ weight: 9, arbitrary: anyText(40) }, { weight: 1, arbitrary: longName }),
    label: fc.oneof({ weight: 9, arbitrary: anyText(40) }, { weight: 1, arbitrary: longName }),
    secret: secretText,
    kind: fc.option(fc.constantFrom('totp' as const, 'hotp' as const, 'steam' as const), { nil: undefined }),
    algorithm: fc.option(
      fc.oneof(fc.constantFrom('SHA1', 'sha256', 'SHA-512', 'sha_1', ' SHA256 ', 'MD5', ''), anyText(10)),
      { nil: undefined },
    ),
    digits: looseNumber,
    period: looseNumber,
    counter: looseNumber,
    organisation: fc.option(anyText(40), { nil: undefined }),
  }),
  typed: fc.boolean(),
});

const draftFromManualEntryTarget = target<{ entry: ManualEntry; typed: boolean }>({
  name: 'otp.draftFromManualEntry',
  arbitrary: manualEntry,
  ciRuns: 3000,
  accept: isOtpError,
  run({ entry, typed }) {
    const draft = draftFromManualEntry(entry, { typed });
    checkDraft(draft, 'draftFromManualEntry');
    if (typed) {
      check(
        base32ToBytes(draft.secret).length >= MIN_TYPED_SECRET_BYTES,
        'a typed key shorter than the typed minimum was accepted',
      );
    }
    // The form's output is a fixed point: entering the draft again changes nothing.
    const again = draftFromManualEntry(draft, { typed: false });
    check(sameDraft(again, draft), 'draftFromManualEntry(draft) differs from draft');
    checkUriRoundTrip(draft, 'draftFromManualEntry');
    return `draft ${draft.kind}`;
  },
});

const MICROSOFT_PAYLOADS = [
  'phonefactor://activate_account?code=123456789&url=https%3a%2f%2fmobileappcommunicator.auth.microsoft.com%2factivate%2f1',
  'PHONEFACTOR://activate_account/#x',
  'https://login.microsoftonline.com/authenticatorApp/activateAccount?accountType=msa&x=1',
  'https://login.microsoftonline.com/AuthenticatorApp/ActivateAccount/',
  'https://login.microsoftonline.com.evil.example/authenticatorApp/activateAccount',
  'otpauth-migration://offline?data=CgYKAQAQAQ%3D%3D',
  'steam://run/440',
  'https://',
];

const qrText = fc.oneof(
  { weight: 5, arbitrary: uriLikeText },
  { weight: 1, arbitrary: fc.constantFrom(...MICROSOFT_PAYLOADS) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...MICROSOFT_PAYLOADS), anyText(20)).map(([a, b]) => a + b),
  },
  { weight: 1, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
);

const KINDS = new Set(['otpauth', 'migration', 'microsoft-app', 'invalid-otpauth', 'other']);

const classifyQrPayloadTarget = target<string>({
  name: 'qr.classifyQrPayload',
  arbitrary: qrText,
  ciRuns: 3000,
  // Documented as total: every string gets a classification.
  accept: () => false,
  run(text) {
    const payload = classifyQrPayload(text);
    check(KINDS.has(payload.kind), `unknown payload kind ${String(payload.kind)}`);
    if (payload.kind === 'otpauth') checkDraft(payload.draft as AccountDraft, 'classifyQrPayload');
    if (payload.kind === 'migration') check(payload.uri === text.trim(), 'the migration URI is not the text');
    if (payload.kind === 'invalid-otpauth')
      check(payload.error !== '', 'an invalid-otpauth without a reason');
    return payload.kind;
  },
});

export const otpTargets: FuzzTarget[] = [
  parseOtpauthUriTarget,
  draftFromManualEntryTarget,
  classifyQrPayloadTarget,
];

/**
 * One valibot schema per record type, checked before every write and after every decryption
 * (style.md §1.6: validate, then compute). Objects are strict: an unknown field is a caller bug or
 * a type mismatch (e.g. a `password` on an account), and is reported, not silently stored.
 *
 * Messages never include the received value of a sensitive field (secret, password, code), because
 * they end up in errors, `DamagedRecord.reason` and logs.
 */
import * as v from 'valibot';
import type { VaultRecord } from './types';

/**
 * Bounds against abuse only, never tighter than what lib/otp accepts: anything parsed from an
 * otpauth URI (at most 2,048 characters, lib/otp MAX_URI_LENGTH) fits, and so does the base32 of
 * its largest secret (1,024 bytes → 1,639 characters).
 */
const MAX_FIELD = 2048;
const MAX_NAME = 400;

const RANGE_1_10 = (issue: v.BaseIssue<unknown>) =>
  `expected a whole number from 1 to 10, got ${issue.received}`;

const Id = v.pipe(
  v.string(),
  // No "/": the id is part of the record's associated data `twostep/record/v1/<id>/<type>`.
  v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected 1–64 letters, digits, "-" or "_"'),
);
const Timestamp = v.pipe(v.number(), v.safeInteger('expected a whole number of ms'), v.minValue(0));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `expected at most ${max} characters`));
const required = (what: string, max: number) =>
  v.pipe(
    v.string(),
    v.minLength(1, `expected a non-empty ${what}`),
    v.maxLength(max, `expected at most ${max} characters`),
  );
const Site = v.pipe(
  v.string(),
  v.minLength(1, 'expected a non-empty host or domain'),
  v.maxLength(255, 'expected at most 255 characters'),
  v.regex(/^\S+$/, 'expected a host or domain without spaces'),
);

const common = { id: Id, createdAt: Timestamp, updatedAt: Timestamp };

const AccountSchema = v.strictObject({
  ...common,
  type: v.literal('account'),
  kind: v.picklist(['totp', 'hotp', 'steam'], 'expected "totp", "hotp" or "steam"'),
  // Canonical base32 (RFC 4648 §6) as lib/otp/types.ts defines it: normalised before it gets here.
  secret: v.pipe(
    v.string(),
    v.minLength(1, 'expected a non-empty secret'),
    v.maxLength(MAX_FIELD, `expected at most ${MAX_FIELD} characters`),
    v.regex(/^[A-Z2-7]+$/, 'expected canonical base32 (A–Z and 2–7, upper case, no padding or spaces)'),
    // RFC 4648 §6: 1, 3 or 6 characters over a multiple of 8 cannot come from whole bytes, so such a
    // "secret" could never produce a code (found by `npm run fuzz` through a backup file).
    v.check(
      (s) => [0, 2, 4, 5, 7].includes(s.length % 8),
      'expected a base32 length that decodes to whole bytes',
    ),
  ),
  algorithm: v.picklist(['SHA1', 'SHA256', 'SHA512'], 'expected "SHA1", "SHA256" or "SHA512"'),
  digits: v.pipe(v.number(), v.integer(RANGE_1_10), v.minValue(1, RANGE_1_10), v.maxValue(10, RANGE_1_10)),
  period: v.pipe(
    v.number(),
    v.safeInteger((issue) => `expected a positive whole number of seconds, got ${issue.received}`),
    v.minValue(1, (issue) => `expected a positive whole number of seconds, got ${issue.received}`),
  ),
  // RFC 4226 §5.2 moving factor: an 8-byte counter, bounded here by what a JS number holds exactly.
  counter: v.pipe(
    v.number(),
    v.safeInteger((issue) => `expected a whole number ≥ 0, got ${issue.received}`),
    v.minValue(0, (issue) => `expected a whole number ≥ 0, got ${issue.received}`),
  ),
  // lib/otp/fields.ts MAX_NAME_LENGTH (restated: the vault does not import OTP code): a longer
  // name could not be exported as a key URI that TwoStep reads back.
  issuer: text(MAX_NAME),
  label: text(MAX_NAME),
  organisation: v.optional(text(MAX_NAME)),
  sites: v.pipe(v.array(Site), v.maxLength(500, 'expected at most 500 sites')),
});

const AppPasswordSchema = v.strictObject({
  ...common,
  type: v.literal('appPassword'),
  provider: text(MAX_FIELD),
  accountEmail: text(MAX_FIELD),
  password: required('password', MAX_FIELD),
  site: text(MAX_FIELD),
});

const RecoveryCodeSchema = v.strictObject({
  ...common,
  type: v.literal('recoveryCode'),
  provider: text(MAX_FIELD),
  accountEmail: text(MAX_FIELD),
  code: required('code', MAX_FIELD),
  site: text(MAX_FIELD),
  supersededAt: v.optional(v.number()),
});

const RecordSchema = v.pipe(
  v.variant(
    'type',
    [AccountSchema, AppPasswordSchema, RecoveryCodeSchema],
    'expected "account", "appPassword" or "recoveryCode"',
  ),
  v.check(
    (record) => record.type !== 'account' || record.kind !== 'steam' || record.digits === 5,
    'digits: Steam codes always have 5 digits',
  ),
);

function message(issue: v.BaseIssue<unknown>): string {
  // valibot reports a missing field of a strict object as `strict_object` too: test absence first.
  if (issue.received === 'undefined') return 'is missing';
  if (issue.type === 'strict_object') return 'is not a field of this record type';
  return `expected ${issue.expected ?? 'a valid value'}`;
}

export type RecordValidation = { ok: true; record: VaultRecord } | { ok: false; detail: string };

/** Validates a full record (id and timestamps included); `detail` names each failing field. */
export function validateRecord(input: unknown): RecordValidation {
  const result = v.safeParse(RecordSchema, input, { message });
  if (result.success) return { ok: true, record: result.output };
  const detail = result.issues
    .slice(0, 5)
    .map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
  return { ok: false, detail };
}

/**
 * The validation and defaults shared by every way into `OtpParams` (key URI, manual form, and later
 * the importers), so the same input is accepted or rejected with the same message everywhere.
 */
import { base32ToBytes, normaliseSecret } from './base32';
import { InvalidSecretError, MissingParameterError, UnsupportedParameterError } from './errors';
import {
  COUNTER_EXPECTED,
  checkCounter,
  checkDigits,
  checkPeriod,
  MAX_SECRET_BYTES,
  MIN_SECRET_BYTES,
  MIN_TYPED_SECRET_BYTES,
  parseAlgorithm,
  parseKind,
} from './fields';
import type { HashAlgorithm, OtpKind, OtpParams } from './types';

/** Google's Key URI defaults, which Microsoft relies on by omitting all three (microsoft-pages.md §4). */
export const DEFAULTS = { algorithm: 'SHA1', digits: 6, period: 30 } as const satisfies Partial<OtpParams>;
/** Steam Guard is fixed: HMAC-SHA1, 30 s step, 5 characters (peers.md §6). */
export const STEAM = { algorithm: 'SHA1', digits: 5, period: 30 } as const satisfies Partial<OtpParams>;

/** Normalises a secret and checks that its key size is one the generator accepts. */
export function checkSecret(input: string, minBytes = MIN_SECRET_BYTES): string {
  const secret = normaliseSecret(input);
  const bytes = base32ToBytes(secret).length;
  if (bytes < minBytes) {
    throw new InvalidSecretError(
      minBytes === MIN_TYPED_SECRET_BYTES
        ? `a typed key must be at least ${minBytes} bytes (16 base32 characters), got ${bytes} bytes: check that none of it is missing`
        : `secret must decode to at least ${minBytes} byte${minBytes === 1 ? '' : 's'}, got ${bytes}`,
    );
  }
  if (bytes > MAX_SECRET_BYTES) {
    throw new InvalidSecretError(
      `secret must decode to at most ${MAX_SECRET_BYTES} bytes, got ${bytes} bytes`,
    );
  }
  return secret;
}

/** Loose inputs: absent fields take the defaults, Steam ignores them (its scheme is fixed). */
export interface ParamsInput {
  kind: OtpKind;
  secret: string;
  algorithm?: HashAlgorithm | undefined;
  digits?: number | undefined;
  period?: number | undefined;
  counter?: number | undefined;
  /** A typed key has a higher floor than one from a URI or an export (fields.ts). */
  typed?: boolean | undefined;
}

/** Validates loose inputs and fills in defaults, giving the strict shape the generator trusts. */
export function buildParams(input: ParamsInput): OtpParams {
  const secret = checkSecret(input.secret, input.typed ? MIN_TYPED_SECRET_BYTES : MIN_SECRET_BYTES);
  if (input.kind === 'steam') return { kind: 'steam', secret, ...STEAM, counter: 0 };
  const algorithm = input.algorithm ?? DEFAULTS.algorithm;
  const digits = checkDigits(input.digits ?? DEFAULTS.digits);
  if (input.kind === 'totp') {
    return {
      kind: 'totp',
      secret,
      algorithm,
      digits,
      period: checkPeriod(input.period ?? DEFAULTS.period),
      counter: 0,
    };
  }
  // HOTP: a guessed counter gives wrong codes until resynchronised, so it is required (Key URI
  // Format; peers.md §5 notes Authenticator dropping it). The period is unused and kept at 30.
  if (input.counter === undefined) {
    throw new MissingParameterError('counter', `HOTP needs a counter (${COUNTER_EXPECTED}), got none`);
  }
  return {
    kind: 'hotp',
    secret,
    algorithm,
    digits,
    period: DEFAULTS.period,
    counter: checkCounter(input.counter),
  };
}

/** Re-checks stored params before computing (a vault written by an older or buggy version). */
export function assertValidParams(params: OtpParams): void {
  // Exact spellings only: 'TOTP' or 'sha1' would pass the lenient parsers but match no branch.
  if (parseKind(params.kind) !== params.kind) {
    throw new UnsupportedParameterError('type', `type must be totp, hotp or steam, got '${params.kind}'`);
  }
  if (parseAlgorithm(params.algorithm) !== params.algorithm) {
    throw new UnsupportedParameterError(
      'algorithm',
      `algorithm must be SHA1, SHA256 or SHA512, got '${params.algorithm}'`,
    );
  }
  if (checkSecret(params.secret) !== params.secret) {
    throw new InvalidSecretError('secret must be canonical base32 (upper case, no separators or padding)');
  }
  checkDigits(params.digits);
  checkPeriod(params.period);
  checkCounter(params.counter);
}

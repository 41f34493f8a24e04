/**
 * Code generation: TOTP (RFC 6238), HOTP (RFC 4226) and Steam Guard, synchronous so the background
 * can answer a message without awaiting. Built on otplib v13's per-algorithm packages with the noble
 * HMAC: pure JS, nothing touches `window` or `Buffer`, so it loads in an MV3 service worker (the v12
 * browser preset does not: toolchain.md §4).
 */
import { createGuardrails, type HashAlgorithm as OtplibAlgorithm } from '@otplib/core';
import { generateSync as hotpGenerate } from '@otplib/hotp';
import { NobleCryptoPlugin } from '@otplib/plugin-crypto-noble';
import { generateSync as totpGenerate } from '@otplib/totp';
import { base32ToBytes } from './base32';
import { OtpError, UnsupportedParameterError } from './errors';
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES } from './fields';
import { assertValidParams, STEAM } from './params';
import type { HashAlgorithm, OtpParams } from './types';

const crypto = new NobleCryptoPlugin();

/**
 * otplib's default guardrail rejects secrets under 16 bytes, but Microsoft issues 80-bit (10-byte)
 * secrets (microsoft-pages.md §4, toolchain.md §4), so the floor is lowered to 10. The ceilings are
 * raised to what `params.ts` accepts (any positive period, peers.md §5) so that every stored account
 * produces codes; the parsers enforce the same limits with clearer messages.
 */
const guardrails = createGuardrails({
  MIN_SECRET_BYTES,
  MAX_SECRET_BYTES,
  MAX_PERIOD: Number.MAX_SAFE_INTEGER,
});

const OTPLIB_ALGORITHM: Readonly<Record<HashAlgorithm, OtplibAlgorithm>> = {
  SHA1: 'sha1',
  SHA256: 'sha256',
  SHA512: 'sha512',
};

/** Steam's 26 symbols: no vowels (no words), no 0/1 (peers.md §6). */
const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/**
 * Steam Guard encoding of the 31-bit dynamic-truncation value (RFC 4226 §5.3): five symbols, least
 * significant first. Passed to otplib as its `encodeToken` hook, so the HMAC, the counter bytes and
 * the truncation stay otplib's (`counterToBytes`, `dynamicTruncate`) rather than ours.
 */
export function encodeSteam(truncated: number): string {
  let n = truncated;
  let code = '';
  for (let i = 0; i < STEAM.digits; i += 1) {
    code += STEAM_ALPHABET.charAt(n % STEAM_ALPHABET.length);
    n = Math.floor(n / STEAM_ALPHABET.length);
  }
  return code;
}

/** Whole Unix seconds: RFC 6238 §4.2 counts steps from integer Unix time with T0 = 0. */
function unixSeconds(nowMs: number): number {
  if (!Number.isFinite(nowMs) || nowMs < 0) {
    throw new UnsupportedParameterError('time', `time must be a finite number of ms ≥ 0, got ${nowMs}`);
  }
  return Math.floor(nowMs / 1000);
}

/** The RFC 6238 §4.2 time step T = floor((now − T0) / X) with T0 = 0. */
export function currentStep(period: number, nowMs: number): number {
  return Math.floor(unixSeconds(nowMs) / period);
}

/** Whole seconds until the next step: `period` right at a boundary, 1 in the step's last second. */
export function secondsRemaining(period: number, nowMs: number): number {
  return period - (unixSeconds(nowMs) % period);
}

/**
 * The code for `params` at `nowMs` (ignored by HOTP, which uses `params.counter`).
 *
 * @throws {OtpError} if the params are invalid (e.g. a damaged vault entry); otplib's own errors are
 *   wrapped, with the original as `cause`.
 * @example generateCode({ kind: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6,
 *   period: 30, counter: 0 }, 59_000) // '996554'
 */
export function generateCode(params: OtpParams, nowMs: number): string {
  assertValidParams(params);
  const secret = base32ToBytes(params.secret);
  const algorithm = OTPLIB_ALGORITHM[params.algorithm];
  try {
    switch (params.kind) {
      case 'hotp':
        return hotpGenerate({
          secret,
          counter: params.counter,
          algorithm,
          digits: params.digits,
          crypto,
          guardrails,
        });
      case 'totp':
        return totpGenerate({
          secret,
          epoch: unixSeconds(nowMs),
          period: params.period,
          algorithm,
          digits: params.digits,
          crypto,
          guardrails,
        });
      case 'steam':
        return totpGenerate({
          secret,
          epoch: unixSeconds(nowMs),
          ...STEAM,
          algorithm: 'sha1',
          crypto,
          guardrails,
          hooks: { encodeToken: encodeSteam },
        });
    }
  } catch (error) {
    if (error instanceof OtpError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new OtpError(`could not compute a ${params.kind.toUpperCase()} code: ${detail}`, { cause: error });
  }
}

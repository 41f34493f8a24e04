/**
 * "500 codes computed", the pure-library number (bundled and run by run.mjs): lib/otp's
 * `generateCode` for 500 TOTP accounts like the bench's (32-character base32 secrets, SHA-1,
 * 6 digits, 30 s), in Node's V8 — the engine of Chrome's service worker. The product's own path
 * (the background answering `accounts.list`) is measured in the browsers by run.mjs.
 */
import { generateCode } from '../../lib/otp/index';
import type { OtpParams } from '../../lib/otp/types';

const ACCOUNTS = 500;
const RUNS = 5;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomSecret(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => ALPHABET[b % 32]).join('');
}

export function measureOtpCodes(): Record<string, number> {
  const accounts: OtpParams[] = Array.from({ length: ACCOUNTS }, () => ({
    kind: 'totp',
    secret: randomSecret(),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  }));
  const times: number[] = [];
  // The first run includes the JIT warming up, as the popup's first list after a worker start does.
  let first = Number.NaN;
  for (let i = 0; i < RUNS; i += 1) {
    const now = Date.now();
    const start = performance.now();
    const codes = accounts.map((account) => generateCode(account, now));
    const ms = performance.now() - start;
    if (codes.length !== ACCOUNTS || !codes.every((c) => /^\d{6}$/.test(c)))
      throw new Error('otp bench: a code is missing or malformed');
    if (i === 0) first = ms;
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    [`node_lib_otp_${ACCOUNTS}_codes_computed_first_ms`]: round(first),
    [`node_lib_otp_${ACCOUNTS}_codes_computed_ms`]: round(times[Math.floor(RUNS / 2)] ?? Number.NaN),
  };
}

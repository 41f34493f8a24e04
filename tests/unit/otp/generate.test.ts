import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createGuardrails, dynamicTruncate } from '@otplib/core';
import { NobleCryptoPlugin } from '@otplib/plugin-crypto-noble';
import { generateSync } from '@otplib/totp';
import { describe, expect, it } from 'vitest';
import { encodeSteam } from '../../../lib/otp/generate';
import {
  base32ToBytes,
  currentStep,
  generateCode,
  type HashAlgorithm,
  InvalidSecretError,
  type OtpError,
  type OtpParams,
  secondsRemaining,
  UnsupportedParameterError,
} from '../../../lib/otp/index';
import {
  EXTRA_TOTP_VECTORS,
  HOTP_SECRET,
  HOTP_SECRET_ASCII,
  HOTP_VECTORS,
  SEED_TRAP_SHA256_AT_59,
  STEAM_VECTORS,
  TOTP_SEEDS,
  TOTP_VECTORS,
} from '../../fixtures/rfc-vectors';

const ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
const totp = (secret: string, extra: Partial<OtpParams> = {}): OtpParams => ({
  kind: 'totp',
  secret,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...extra,
});
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

describe('fixtures', () => {
  it('hold the seeds they describe', () => {
    expect(new TextDecoder().decode(base32ToBytes(HOTP_SECRET))).toBe(HOTP_SECRET_ASCII);
    for (const algorithm of ALGORITHMS) {
      const seed = TOTP_SEEDS[algorithm];
      expect(new TextDecoder().decode(base32ToBytes(seed.base32))).toBe(seed.ascii);
    }
    expect(TOTP_SEEDS.SHA256.ascii).toHaveLength(32);
    expect(TOTP_SEEDS.SHA512.ascii).toHaveLength(64);
  });

  it.each(HOTP_VECTORS)(
    'RFC 4226 intermediate values for counter $counter',
    ({ counter, hmacHex, truncated }) => {
      const message = new Uint8Array(8);
      new DataView(message.buffer).setUint32(4, counter);
      const mac = new NobleCryptoPlugin().hmac('sha1', base32ToBytes(HOTP_SECRET), message);
      expect(hex(mac)).toBe(hmacHex);
      expect(dynamicTruncate(mac)).toBe(truncated);
    },
  );
});

describe('generateCode: HOTP (RFC 4226 Appendix D)', () => {
  it.each(HOTP_VECTORS)('counter $counter → $code', ({ counter, code }) => {
    const params: OtpParams = {
      kind: 'hotp',
      secret: HOTP_SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter,
    };
    expect(generateCode(params, 0)).toBe(code);
    // HOTP ignores the clock: only the counter moves the code.
    expect(generateCode(params, 1_700_000_000_000)).toBe(code);
  });

  it('accepts the largest safe counter', () => {
    const params: OtpParams = {
      kind: 'hotp',
      secret: HOTP_SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: Number.MAX_SAFE_INTEGER,
    };
    expect(generateCode(params, 0)).toMatch(/^\d{6}$/);
  });
});

describe('generateCode: TOTP (RFC 6238 Appendix B, per-algorithm seeds)', () => {
  const rows = TOTP_VECTORS.flatMap((v) =>
    ALGORITHMS.map((algorithm) => ({ time: v.time, algorithm, code: v.codes[algorithm] })),
  );
  it.each(rows)('$algorithm at $time → $code', ({ time, algorithm, code }) => {
    const params = totp(TOTP_SEEDS[algorithm].base32, { algorithm, digits: 8 });
    expect(generateCode(params, time * 1000)).toBe(code);
    expect(generateCode(params, time * 1000 + 999)).toBe(code); // same second
  });

  it.each(TOTP_VECTORS)('step T at $time is $step', ({ time, step }) => {
    expect(currentStep(30, time * 1000)).toBe(step);
  });

  it('shows the seed trap: the 20-byte seed with SHA-256 gives a different code', () => {
    const params = totp(TOTP_SEEDS.SHA1.base32, { algorithm: 'SHA256', digits: 8 });
    expect(generateCode(params, 59_000)).toBe(SEED_TRAP_SHA256_AT_59);
  });

  it.each(EXTRA_TOTP_VECTORS)('$secret, $period s at $time → $code', ({ secret, period, time, code }) => {
    expect(generateCode(totp(secret, { period }), time * 1000)).toBe(code);
  });

  it('works with a 10-byte secret, which otplib rejects by default (Microsoft, microsoft-pages.md §4)', () => {
    expect(base32ToBytes('JBSWY3DPEHPK3PXP')).toHaveLength(10);
    const crypto = new NobleCryptoPlugin();
    const secret = base32ToBytes('JBSWY3DPEHPK3PXP');
    expect(() => generateSync({ secret, crypto, epoch: 59 })).toThrow(/at least 16 bytes/);
    const withGuardrail = generateSync({
      secret,
      crypto,
      epoch: 59,
      guardrails: createGuardrails({ MIN_SECRET_BYTES: 10 }),
    });
    expect(generateCode(totp('JBSWY3DPEHPK3PXP'), 59_000)).toBe(withGuardrail);
  });

  it('supports 1 to 10 digits and periods above otplib’s default 3600 s ceiling', () => {
    const secret = TOTP_SEEDS.SHA1.base32;
    expect(generateCode(totp(secret, { digits: 1 }), 59_000)).toBe('2'); // …94287082
    expect(generateCode(totp(secret, { digits: 10 }), 59_000)).toMatch(/^\d{10}$/);
    expect(generateCode(totp(secret, { digits: 10 }), 59_000).endsWith('94287082')).toBe(true);
    expect(generateCode(totp(secret, { period: 7200 }), 59_000)).toBe(generateCode(totp(secret), 0));
  });
});

describe('generateCode: Steam Guard (peers.md §6)', () => {
  it.each(STEAM_VECTORS)('$secret at $time → $code', ({ secret, time, code }) => {
    const params: OtpParams = { kind: 'steam', secret, algorithm: 'SHA1', digits: 5, period: 30, counter: 0 };
    expect(generateCode(params, time * 1000)).toBe(code);
  });

  it('encodes least significant symbol first, n % 26 then n / 26', () => {
    expect(encodeSteam(0)).toBe('22222');
    expect(encodeSteam(1)).toBe('32222');
    expect(encodeSteam(26)).toBe('23222');
    expect(encodeSteam(0x7fffffff)).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
  });
});

describe('time helpers', () => {
  it('count whole seconds from T0 = 0', () => {
    expect(currentStep(30, 0)).toBe(0);
    expect(currentStep(30, 29_999)).toBe(0);
    expect(currentStep(30, 30_000)).toBe(1);
    expect(secondsRemaining(30, 0)).toBe(30);
    expect(secondsRemaining(30, 29_000)).toBe(1);
    expect(secondsRemaining(30, 29_999)).toBe(1);
    expect(secondsRemaining(30, 30_000)).toBe(30);
    expect(secondsRemaining(60, 1_700_000_000_000)).toBe(40);
  });

  it('reject times a clock cannot give', () => {
    expect(() => currentStep(30, -1)).toThrow(UnsupportedParameterError);
    expect(() => generateCode(totp(HOTP_SECRET), Number.NaN)).toThrow(UnsupportedParameterError);
  });
});

describe('generateCode rejects damaged params with an OtpError', () => {
  it.each<[string, Partial<OtpParams>, new (...args: never[]) => OtpError]>([
    ['lower-case secret', { secret: 'jbswy3dpehpk3pxp' }, InvalidSecretError],
    ['empty secret', { secret: '' }, InvalidSecretError],
    ['digits 0', { digits: 0 }, UnsupportedParameterError],
    ['digits 11', { digits: 11 }, UnsupportedParameterError],
    ['period 0', { period: 0 }, UnsupportedParameterError],
    ['period 1.5', { period: 1.5 }, UnsupportedParameterError],
    ['negative counter', { counter: -1 }, UnsupportedParameterError],
    ['unknown algorithm', { algorithm: 'MD5' as HashAlgorithm }, UnsupportedParameterError],
    ['loosely spelt algorithm', { algorithm: 'sha1' as HashAlgorithm }, UnsupportedParameterError],
    ['loosely spelt kind', { kind: 'TOTP' as OtpParams['kind'] }, UnsupportedParameterError],
  ])('%s', (_name, change, errorClass) => {
    expect(() => generateCode(totp('JBSWY3DPEHPK3PXP', change), 0)).toThrow(errorClass);
  });
});

// Cross-check against the shared corpus when this machine has it (never copied into the repo).
const CORPUS = '/work/shared/corpus/rfc';
describe.skipIf(!existsSync(CORPUS))('shared corpus vectors', () => {
  interface CorpusRfc {
    hotp: { secret_base32: string; vectors: { counter: number; hotp: string }[] };
    totp: {
      seeds: Record<HashAlgorithm, { base32: string }>;
      vectors: { time: number; algorithm: HashAlgorithm; totp: string }[];
    };
  }
  const read = <T>(name: string): T => JSON.parse(readFileSync(`${CORPUS}/${name}`, 'utf8')) as T;

  it('agree with RFC 4226/6238 as transcribed there', () => {
    const rfc = read<CorpusRfc>('rfc_otp_vectors.json');
    for (const v of rfc.hotp.vectors) {
      const params: OtpParams = { ...totp(rfc.hotp.secret_base32), kind: 'hotp', counter: v.counter };
      expect(generateCode(params, 0)).toBe(v.hotp);
    }
    for (const v of rfc.totp.vectors) {
      const params = totp(rfc.totp.seeds[v.algorithm].base32, { algorithm: v.algorithm, digits: 8 });
      expect(generateCode(params, v.time * 1000)).toBe(v.totp);
    }
  });

  it('agree with the Steam vectors there', () => {
    const extra = read<{ steam: { secret_base32: string; vectors: { time: number; code: string }[] } }>(
      'extra_otp_vectors.json',
    );
    for (const v of extra.steam.vectors) {
      const params: OtpParams = { ...totp(extra.steam.secret_base32), kind: 'steam', digits: 5 };
      expect(generateCode(params, v.time * 1000)).toBe(v.code);
    }
  });
});

describe('short keys from exports', () => {
  it('computes codes for a 5-byte key, as the apps such keys come from do (RFC 2104 §2: any key length)', () => {
    // HMAC-SHA1 with key "Hello" (JBSWY3DP) at counter 0, checked against node:crypto below.
    const params: OtpParams = {
      kind: 'hotp',
      secret: 'JBSWY3DP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    };
    const mac = createHmac('sha1', Buffer.from('Hello')).update(Buffer.alloc(8)).digest();
    const offset = (mac[19] ?? 0) & 0x0f;
    const value = mac.readUInt32BE(offset) & 0x7fffffff;
    expect(generateCode(params, 0)).toBe(String(value % 1_000_000).padStart(6, '0'));
  });
});

/**
 * andOTP importer. Encrypted fixtures are made here with the real algorithms (peers.md §4.4): the
 * current layout with PBKDF2-HMAC-SHA1 (few iterations, for speed) and the old SHA-256 layout.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { andOtpImporter } from '../../../../lib/transfer/import/formats/andotp';
import { ImportError, type ImportInput } from '../../../../lib/transfer/import/types';
import { compareAccounts, importCases } from '../../../compat/corpus-cases';
import { importError, inputOf } from './helpers';

async function gcmEncrypt(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['encrypt']);
  return new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(nonce) }, k, new Uint8Array(plain)),
  );
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** `[iterations BE][salt 12][nonce 12][ciphertext‖tag]`, key PBKDF2-HMAC-SHA1. */
async function encryptCurrent(plain: string, password: string, iterations = 1000): Promise<Uint8Array> {
  const salt = crypto.getRandomValues(new Uint8Array(12));
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
  const key = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-1', salt, iterations }, base, 256),
  );
  const sealed = await gcmEncrypt(key, nonce, utf8(plain));
  const out = new Uint8Array(4 + 12 + 12 + sealed.length);
  new DataView(out.buffer).setUint32(0, iterations, false);
  out.set(salt, 4);
  out.set(nonce, 16);
  out.set(sealed, 28);
  return out;
}

/** `[nonce 12][ciphertext‖tag]`, key SHA-256(password). */
async function encryptOld(plain: string, password: string, nonce?: Uint8Array): Promise<Uint8Array> {
  const iv = nonce ?? Uint8Array.of(0xff, ...crypto.getRandomValues(new Uint8Array(11)));
  const key = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(password)));
  return Uint8Array.from([...iv, ...(await gcmEncrypt(key, iv, utf8(plain)))]);
}

/** Modelled on the documented entry shape (peers.md §4.4). */
const ENTRIES = [
  {
    secret: 'JBSWY3DPEHPK3PXP',
    issuer: 'Example',
    label: 'alice',
    digits: 8,
    type: 'TOTP',
    algorithm: 'SHA256',
    thumbnail: 'Default',
    last_used: 1,
    used_frequency: 0,
    period: 60,
    tags: [],
  },
  {
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    issuer: 'Counter Co',
    label: 'bob',
    digits: 6,
    type: 'HOTP',
    algorithm: 'SHA1',
    counter: 3,
    tags: ['work'],
  },
  {
    secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI======',
    issuer: 'Steam',
    label: 'gamer',
    digits: 5,
    type: 'STEAM',
    algorithm: 'SHA1',
    tags: [],
  },
  {
    secret: 'IFAUCQKBIFAUCQKBIFAUCQKBIE======',
    issuer: 'Motp',
    label: 'm',
    digits: 6,
    type: 'MOTP',
    algorithm: 'SHA1',
    tags: [],
  },
];

function expectEntriesImported(result: Awaited<ReturnType<typeof andOtpImporter.read>>): void {
  expect(result.format).toBe('andotp');
  expect(result.accounts.map((a) => a.draft)).toEqual([
    {
      kind: 'totp',
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
      counter: 0,
      issuer: 'Example',
      label: 'alice',
    },
    {
      kind: 'hotp',
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 3,
      issuer: 'Counter Co',
      label: 'bob',
    },
    {
      kind: 'steam',
      secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI',
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
      counter: 0,
      issuer: 'Steam',
      label: 'gamer',
    },
  ]);
  expect(result.skipped).toEqual([{ name: 'Motp (m)', reason: 'mOTP codes are not supported' }]);
}

describe('andOTP detection', () => {
  it('recognises the plain JSON array, which needs no password', () => {
    const input = inputOf(JSON.stringify(ENTRIES));
    expect(andOtpImporter.detect(input)).toBe(true);
    expect(andOtpImporter.needsPassword(input)).toBe(false);
  });

  it('takes binary input of at least 40 bytes as an encrypted backup', async () => {
    const encrypted = inputOf(await encryptCurrent(JSON.stringify(ENTRIES), 'pw'), 'backup');
    expect(andOtpImporter.detect(encrypted)).toBe(true);
    expect(andOtpImporter.needsPassword(encrypted)).toBe(true);
    const short = inputOf(Uint8Array.of(0xff, ...new Uint8Array(38)));
    expect(andOtpImporter.detect(short)).toBe(false);
  });

  it('takes text-looking bytes as encrypted only under an andOTP-like file name', () => {
    const ascii = utf8('x'.repeat(48));
    expect(andOtpImporter.detect(inputOf(ascii))).toBe(false);
    expect(andOtpImporter.detect(inputOf(ascii, 'otp_accounts_2024-01-01.json.aes'))).toBe(true);
    expect(andOtpImporter.detect(inputOf(ascii, 'backup.bin'))).toBe(true);
    expect(andOtpImporter.detect(inputOf(utf8(`otpauth://totp/a?secret=${'A'.repeat(40)}`), 'x.bin'))).toBe(
      false,
    );
  });

  it.each([
    ['an empty array', []],
    ['a Raivo array', [{ kind: 'TOTP', issuer: 'a', account: 'b', secret: 'JBSWY3DPEHPK3PXP' }]],
    ['a 2FAS backup', { services: [], schemaVersion: 4 }],
    ['an array with a non-object', [ENTRIES[0], 5]],
  ])('ignores %s', (_name, json) => {
    expect(andOtpImporter.detect(inputOf(JSON.stringify(json)))).toBe(false);
  });
});

describe('andOTP plain backup', () => {
  it('imports TOTP, HOTP and Steam, drops "=" padding and skips mOTP with a reason', async () => {
    expectEntriesImported(await andOtpImporter.read(inputOf(JSON.stringify(ENTRIES))));
  });

  it('splits old labels "Issuer - Name" when there is no issuer field, as Aegis does', async () => {
    const old = [
      {
        secret: 'JBSWY3DPEHPK3PXP',
        label: 'Deno - Deno:Mason',
        digits: 6,
        type: 'TOTP',
        algorithm: 'SHA1',
        period: 30,
      },
    ];
    const [account] = (await andOtpImporter.read(inputOf(JSON.stringify(old)))).accounts;
    expect([account?.draft.issuer, account?.draft.label]).toEqual(['Deno', 'Deno:Mason']);
    const noDash = [{ ...old[0], label: 'just a name' }];
    const [plain] = (await andOtpImporter.read(inputOf(JSON.stringify(noDash)))).accounts;
    expect([plain?.draft.issuer, plain?.draft.label]).toEqual(['', 'just a name']);
  });

  it('keeps an empty issuer as given (no label splitting when the field exists)', async () => {
    const entries = [{ ...ENTRIES[0], issuer: '', label: 'A - B' }];
    const [account] = (await andOtpImporter.read(inputOf(JSON.stringify(entries)))).accounts;
    expect([account?.draft.issuer, account?.draft.label]).toEqual(['', 'A - B']);
  });

  it('skips unusable entries with a reason, importing the rest', async () => {
    const entries = [
      ENTRIES[0],
      { ...ENTRIES[0], label: 'bad digits', digits: '6' },
      { ...ENTRIES[0], label: 'unknown', type: 'YAOTP' },
      { ...ENTRIES[0], label: 'bad secret', secret: '0000' },
      { ...ENTRIES[1], label: 'no counter', counter: undefined },
    ];
    const result = await andOtpImporter.read(inputOf(JSON.stringify(entries)));
    expect(result.accounts).toHaveLength(1);
    expect(result.skipped.map((s) => s.name)).toEqual([
      'Example (bad digits)',
      'Example (unknown)',
      'Example (bad secret)',
      'Counter Co (no counter)',
    ]);
    expect(result.skipped[1]?.reason).toMatch(/expected an entry of type TOTP, HOTP or STEAM, got 'YAOTP'/);
  });
});

describe('andOTP encrypted backup', () => {
  const plain = JSON.stringify(ENTRIES);

  it('decrypts the current layout', async () => {
    expectEntriesImported(
      await andOtpImporter.read(inputOf(await encryptCurrent(plain, 'correct horse')), 'correct horse'),
    );
  });

  it('decrypts the old layout, whose first bytes are a random nonce', async () => {
    expectEntriesImported(await andOtpImporter.read(inputOf(await encryptOld(plain, 'pw')), 'pw'));
    // A nonce that also reads as a plausible iteration count (16) still falls back to the old layout.
    const nonce = Uint8Array.of(0, 0, 0, 16, 1, 2, 3, 4, 5, 6, 7, 8);
    expectEntriesImported(await andOtpImporter.read(inputOf(await encryptOld(plain, 'pw', nonce)), 'pw'));
  });

  it('says wrong password, or not an andOTP backup, and asks for one when none is given', async () => {
    for (const bytes of [await encryptCurrent(plain, 'right'), await encryptOld(plain, 'right')]) {
      const error = await importError(andOtpImporter.read(inputOf(bytes), 'wrong'));
      expect(error.code).toBe('IMPORT_WRONG_PASSWORD');
      expect(error.message).toMatch(/wrong password, or not an andOTP backup/);
      expect(error.format).toBe('andotp');
      expect((await importError(andOtpImporter.read(inputOf(bytes)))).code).toBe('IMPORT_PASSWORD_REQUIRED');
    }
  });

  it('does not derive a key for an iteration count above the bound', async () => {
    const bytes = await encryptCurrent(plain, 'pw');
    new DataView(bytes.buffer).setUint32(0, 0xffff_ffff, false);
    const derive = vi.spyOn(globalThis.crypto.subtle, 'deriveBits');
    expect((await importError(andOtpImporter.read(inputOf(bytes), 'pw'))).code).toBe('IMPORT_WRONG_PASSWORD');
    const iterations = derive.mock.calls.map(
      ([params]) => (params as { iterations?: number }).iterations ?? 0,
    );
    expect(iterations.every((n) => n <= 10_000_000)).toBe(true);
  });

  it('rejects decrypted content that is not JSON as damaged', async () => {
    const bytes = await encryptCurrent('\u0000not json at all', 'pw');
    expect((await importError(andOtpImporter.read(inputOf(bytes), 'pw'))).code).toBe('IMPORT_DAMAGED');
    const object = await encryptCurrent('{"entries": []}', 'pw');
    expect((await importError(andOtpImporter.read(inputOf(object), 'pw'))).code).toBe('IMPORT_DAMAGED');
  });

  it('rejects a truncated file and random bytes with an ImportError', async () => {
    const bytes = await encryptCurrent(plain, 'pw');
    const truncated = inputOf(bytes.subarray(0, bytes.length - 20));
    expect((await importError(andOtpImporter.read(truncated, 'pw'))).code).toBe('IMPORT_WRONG_PASSWORD');
    const random = inputOf(Uint8Array.of(0xff, ...crypto.getRandomValues(new Uint8Array(199))));
    expect((await importError(andOtpImporter.read(random, 'pw'))).code).toBe('IMPORT_WRONG_PASSWORD');
    const text = inputOf(utf8('hello'));
    expect((await importError(andOtpImporter.read(text, 'pw'))).code).toBe('IMPORT_DAMAGED');
  });
});

describe('andOTP importer robustness', () => {
  const outcome = async (input: ImportInput, password?: string): Promise<void> => {
    expect(() => andOtpImporter.detect(input)).not.toThrow();
    expect(() => andOtpImporter.needsPassword(input)).not.toThrow();
    await andOtpImporter.read(input, password).catch((error: unknown) => {
      expect(error).toBeInstanceOf(ImportError);
    });
  };

  it('gives a result or an ImportError for arbitrary JSON', async () => {
    const entry = fc.dictionary(
      fc.constantFrom('secret', 'issuer', 'label', 'digits', 'type', 'algorithm', 'period', 'counter'),
      fc.oneof(fc.constantFrom('TOTP', 'HOTP', 'STEAM', 'MOTP', 'JBSWY3DPEHPK3PXP'), fc.jsonValue()),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(entry), fc.jsonValue()), async (json) => {
        await outcome(inputOf(JSON.stringify(json)), 'pw');
      }),
      { numRuns: 300 },
    );
  });

  it('gives a result or an ImportError for arbitrary bytes', async () => {
    // A first byte ≥ 1 keeps the iteration count above the bound, so no run spends seconds in PBKDF2.
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 255 }),
        fc.uint8Array({ maxLength: 300 }),
        async (first, rest) => {
          await outcome(inputOf(Uint8Array.of(first, ...rest)), 'pw');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives a result or an ImportError for mutated encrypted files', async () => {
    const bytes = await encryptCurrent(JSON.stringify(ENTRIES), 'pw', 100);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            at: fc.integer({ min: 4, max: bytes.length - 1 }),
            value: fc.integer({ min: 0, max: 255 }),
          }),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        fc.nat({ max: 60 }),
        async (edits, cut) => {
          const mutated = Uint8Array.from(bytes);
          for (const { at, value } of edits) mutated[at] = value;
          await outcome(inputOf(mutated.subarray(0, mutated.length - cut)), 'pw');
        },
      ),
      { numRuns: 200 },
    );
  });
});

const cases = importCases(['andotp']);

describe.skipIf(cases.length === 0)('andOTP corpus', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const input = inputOf(c.data, c.file);
    expect(andOtpImporter.detect(input)).toBe(true);
    if (c.expect.error === true) {
      const error = await importError(andOtpImporter.read(input, c.password));
      if (c.password !== undefined) expect(error.code).toBe('IMPORT_WRONG_PASSWORD');
      return;
    }
    const result = await andOtpImporter.read(input, c.password);
    expect(compareAccounts(result.accounts, c.expect.accounts ?? [])).toEqual([]);
  });
});

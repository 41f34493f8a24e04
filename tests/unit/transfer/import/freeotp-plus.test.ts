import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToBase32 } from '../../../../lib/otp/index';
import { freeOtpPlusImporter } from '../../../../lib/transfer/import/formats/freeotp-plus';
import { ImportError, importData, toImportInput } from '../../../../lib/transfer/import/index';
import { compareAccounts, importCases } from '../../../compat/corpus-cases';

/** A key as FreeOTP+ writes it: a Java byte[] (−128…127), from unsigned bytes. */
const signed = (bytes: number[]) => bytes.map((b) => (b > 127 ? b - 256 : b));
const KEY = [0x00, 0x7f, 0x80, 0xff, 0x10, 0xa5, 0x5a, 0xc3, 0x3c, 0x99, 0x01, 0xfe];
const KEY_B32 = bytesToBase32(Uint8Array.from(KEY));

function token(fields: Record<string, unknown>) {
  return {
    algo: 'SHA1',
    counter: 0,
    digits: 6,
    issuerExt: 'Example',
    label: 'alice',
    period: 30,
    secret: signed(KEY),
    type: 'TOTP',
    ...fields,
  };
}

function exportOf(tokens: unknown[]) {
  return JSON.stringify({
    tokenOrder: tokens.map((_token, i) => `order${i}`),
    tokens,
  });
}

async function read(text: string) {
  const input = toImportInput(text);
  expect(freeOtpPlusImporter.detect(input)).toBe(true);
  return freeOtpPlusImporter.read(input);
}

describe('FreeOTP+ export', () => {
  it('reads TOTP, HOTP and Steam tokens, turning signed bytes into the secret', async () => {
    const result = await read(
      exportOf([
        token({
          algo: 'SHA256',
          digits: 8,
          period: 60,
          issuerExt: 'Cloud',
          issuerInt: 'Cloud Inc',
          label: 'me',
        }),
        token({ type: 'HOTP', counter: 4, issuerExt: 'Bank', label: 'card', algo: 'SHA512' }),
        token({ issuerExt: 'Steam', label: 'gamer', digits: 5 }),
        token({ issuerExt: 'Old', issuerAlt: 'Renamed', label: 'x', labelAlt: 'y' }),
      ]),
    );
    expect(result.format).toBe('freeotp-plus');
    expect(result.skipped).toEqual([]);
    expect(result.accounts.map(({ draft }) => draft)).toStrictEqual([
      {
        kind: 'totp',
        secret: KEY_B32,
        algorithm: 'SHA256',
        digits: 8,
        period: 60,
        counter: 0,
        issuer: 'Cloud',
        label: 'me',
      },
      // The stored counter is taken as it is (as Aegis and Stratum do; see freeotp-plus.ts).
      {
        kind: 'hotp',
        secret: KEY_B32,
        algorithm: 'SHA512',
        digits: 6,
        period: 30,
        counter: 4,
        issuer: 'Bank',
        label: 'card',
      },
      {
        kind: 'steam',
        secret: KEY_B32,
        algorithm: 'SHA1',
        digits: 5,
        period: 30,
        counter: 0,
        issuer: 'Steam',
        label: 'gamer',
      },
      {
        kind: 'totp',
        secret: KEY_B32,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        issuer: 'Renamed',
        label: 'y',
      },
    ]);
  });

  it('imports a freshly added HOTP token (stored counter −1) at counter 0', async () => {
    const result = await read(exportOf([token({ type: 'HOTP', counter: -1 })]));
    expect(result.accounts[0]?.draft.counter).toBe(0);
  });

  it('accepts unsigned bytes and falls back to issuerInt', async () => {
    const result = await read(exportOf([token({ secret: KEY, issuerExt: '', issuerInt: 'Inner' })]));
    expect(result.accounts.map((a) => [a.draft.secret, a.draft.issuer])).toEqual([[KEY_B32, 'Inner']]);
  });

  it('skips entries it cannot use, with a reason that never holds the secret', async () => {
    const result = await read(
      exportOf([
        token({ type: 'MOTP', label: 'a' }),
        token({ secret: 'JBSWY3DPEHPK3PXP', label: 'b' }),
        token({ secret: [1, 2, 300], label: 'c' }),
        token({ secret: [], label: 'd' }),
        token({ digits: '6', label: 'e' }),
        token({ algo: 'MD5', label: 'f' }),
        token({ algo: 5, label: 'g' }),
        token({ type: 'HOTP', counter: undefined, label: 'h' }),
        'not a token',
        token({ label: 'ok' }),
      ]),
    );
    expect(result.accounts.map((a) => a.draft.label)).toEqual(['ok']);
    expect(result.skipped.map((s) => s.name)).toEqual([
      'Example (a)',
      'Example (b)',
      'Example (c)',
      'Example (d)',
      'Example (e)',
      'Example (f)',
      'Example (g)',
      'Example (h)',
      'Entry 9',
    ]);
    expect(result.skipped[0]?.reason).toMatch(/"MOTP" is not supported/);
    expect(result.skipped[1]?.reason).toMatch(/list of bytes, got string/);
    expect(result.skipped[2]?.reason).toMatch(/position 3/);
    expect(result.skipped[3]?.reason).toMatch(/secret/);
    expect(result.skipped[4]?.reason).toMatch(/digits must be a number/);
    expect(result.skipped[5]?.reason).toMatch(/algorithm must be SHA1, SHA256 or SHA512/);
    expect(result.skipped[7]?.reason).toMatch(/counter/);
    for (const s of result.skipped) expect(s.reason).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('detects its shape only, and is damaged without a tokens list', async () => {
    expect(freeOtpPlusImporter.detect(toImportInput('{"tokens": [], "tokenOrder": []}'))).toBe(true);
    expect(freeOtpPlusImporter.detect(toImportInput('{"tokens": [{"secret": [1]}]}'))).toBe(true);
    expect(freeOtpPlusImporter.detect(toImportInput('{"tokens": [{"secret": "AB"}]}'))).toBe(false);
    expect(freeOtpPlusImporter.detect(toImportInput('[{"secret": [1]}]'))).toBe(false);
    expect(freeOtpPlusImporter.detect(toImportInput(Uint8Array.of(0xff, 0x00)))).toBe(false);
    for (const data of ['{"tokens": {}}', '{"tokenOrder": [', Uint8Array.of(0x89, 0x50, 0xff, 0x00)]) {
      const error = await freeOtpPlusImporter.read(toImportInput(data)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).code).toBe('IMPORT_DAMAGED');
    }
  });

  it('is never encrypted: no password is asked for, and one given changes nothing', async () => {
    const text = exportOf([token({})]);
    expect(freeOtpPlusImporter.needsPassword(toImportInput(text))).toBe(false);
    expect(await freeOtpPlusImporter.read(toImportInput(text), 'pw')).toStrictEqual(await read(text));
    expect((await importData(text)).label).toBe('FreeOTP+');
  });

  it('rejects a truncated export', async () => {
    const text = exportOf([token({})]);
    await expect(importData(text.slice(0, text.length - 5))).rejects.toBeInstanceOf(ImportError);
  });

  it('gives a result or an ImportError for arbitrary JSON and mutated exports (property)', async () => {
    const base = JSON.parse(exportOf([token({}), token({ type: 'HOTP', counter: 2 })])) as {
      tokens: Array<Record<string, unknown>>;
    };
    const outcome = async (data: string) => {
      try {
        const result = await freeOtpPlusImporter.read(toImportInput(data));
        expect(result.format).toBe('freeotp-plus');
      } catch (error) {
        expect(error).toBeInstanceOf(ImportError);
      }
    };
    const keys = ['algo', 'counter', 'digits', 'issuerExt', 'issuerInt', 'label', 'period', 'secret', 'type'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...keys),
        fc.jsonValue(),
        fc.nat({ max: 1 }),
        async (key, value, which) => {
          const copy = structuredClone(base);
          const target = copy.tokens[which];
          if (target !== undefined) target[key] = value;
          await outcome(JSON.stringify(copy));
        },
      ),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) =>
        outcome(JSON.stringify({ tokens: [value], tokenOrder: [] })),
      ),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 100 }), async (bytes) =>
        outcome(new TextDecoder().decode(bytes)),
      ),
      { numRuns: 100 },
    );
  });
});

const cases = importCases(['freeotp-plus']);

describe.skipIf(cases.length === 0)('corpus: freeotp-plus', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    if (c.expect.error === true) {
      await expect(importData(c.data, { password: c.password })).rejects.toBeInstanceOf(ImportError);
      return;
    }
    const result = await importData(c.data, { password: c.password });
    expect(result.format).toBe('freeotp-plus');
    expect(result.skipped).toEqual([]);
    expect(compareAccounts(result.accounts, c.expect.accounts ?? [])).toEqual([]);
  });
});

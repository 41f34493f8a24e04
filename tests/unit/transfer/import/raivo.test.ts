import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { raivoImporter } from '../../../../lib/transfer/import/formats/raivo';
import { ImportError, importData, toImportInput } from '../../../../lib/transfer/import/index';
import { compareAccounts, importCases } from '../../../compat/corpus-cases';

const A = 'JBSWY3DPEHPK3PXP';
const B = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** An entry as Raivo writes it: every number a string. */
function entry(fields: Record<string, unknown>) {
  return {
    kind: 'TOTP',
    issuer: 'Example',
    account: 'alice@example.com',
    secret: A,
    algorithm: 'SHA1',
    digits: '6',
    timer: '30',
    counter: '0',
    iconType: '',
    iconValue: '',
    ...fields,
  };
}

/** A ZIP local file header (APPNOTE.TXT §4.3.7) for one entry, followed by some stand-in data. */
function zip(name: string, encrypted: boolean): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const header = new Uint8Array(30 + nameBytes.length + 16);
  header.set([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, encrypted ? 0x01 : 0x00, 0x00, 0x08, 0x00]);
  header[26] = nameBytes.length;
  header.set(nameBytes, 30);
  header.set([0xde, 0xad, 0xbe, 0xef, 0x80, 0x81, 0xfe, 0xff], 30 + nameBytes.length);
  return header;
}

async function read(text: string) {
  const input = toImportInput(text);
  expect(raivoImporter.detect(input)).toBe(true);
  return raivoImporter.read(input);
}

describe('Raivo OTP export', () => {
  it('reads numbers written as strings, timer as the period', async () => {
    const result = await read(
      JSON.stringify([
        entry({ algorithm: 'SHA256', digits: '8', timer: '60' }),
        entry({ kind: 'HOTP', issuer: 'Bank', account: 'card', secret: B, counter: '12', timer: '30' }),
        entry({ digits: 7, timer: 45 }),
      ]),
    );
    expect(result.format).toBe('raivo');
    expect(result.skipped).toEqual([]);
    expect(result.accounts.map(({ draft }) => draft)).toStrictEqual([
      {
        kind: 'totp',
        secret: A,
        algorithm: 'SHA256',
        digits: 8,
        period: 60,
        counter: 0,
        issuer: 'Example',
        label: 'alice@example.com',
      },
      {
        kind: 'hotp',
        secret: B,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 12,
        issuer: 'Bank',
        label: 'card',
      },
      {
        kind: 'totp',
        secret: A,
        algorithm: 'SHA1',
        digits: 7,
        period: 45,
        counter: 0,
        issuer: 'Example',
        label: 'alice@example.com',
      },
    ]);
  });

  it('takes the defaults for absent or empty numbers', async () => {
    const result = await read(JSON.stringify([entry({ digits: '', timer: undefined, algorithm: '' })]));
    expect(result.accounts.map(({ draft }) => [draft.algorithm, draft.digits, draft.period])).toEqual([
      ['SHA1', 6, 30],
    ]);
  });

  it('skips entries it cannot use, with a reason that never holds the secret', async () => {
    const result = await read(
      JSON.stringify([
        entry({ kind: 'MOTP', account: 'a' }),
        entry({ digits: 'six', account: 'b' }),
        entry({ timer: '-30', account: 'c' }),
        entry({ timer: '0', account: 'd' }),
        entry({ kind: 'HOTP', counter: '', account: 'e' }),
        entry({ secret: 'JBSWY3DP0HPK3PXP', account: 'f' }),
        entry({ algorithm: 'MD5', account: 'g' }),
        42,
        entry({ algorithm: 256, account: 'i' }),
        entry({ secret: null, account: 'j' }),
        entry({ account: 'ok' }),
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
      'Entry 8',
      'Example (i)',
      'Example (j)',
    ]);
    expect(result.skipped[0]?.reason).toMatch(/"MOTP" is not supported/);
    expect(result.skipped[1]?.reason).toMatch(/digits must be a whole number .* got other text/);
    expect(result.skipped[3]?.reason).toMatch(/period must be/);
    expect(result.skipped[4]?.reason).toMatch(/HOTP needs a counter/);
    expect(result.skipped[8]?.reason).toMatch(/algorithm must be text .* got number/);
    expect(result.skipped[9]?.reason).toMatch(/secret must be base32 text, got null/);
    for (const s of result.skipped) expect(s.reason).not.toContain('JBSWY3DP');
  });

  it('refuses the encrypted ZIP with advice to export unencrypted', async () => {
    const input = toImportInput(zip('raivo-otp-export.json', true));
    expect(raivoImporter.detect(input)).toBe(true);
    expect(raivoImporter.needsPassword(input)).toBe(false);
    for (const password of [undefined, 'guess']) {
      const error = await raivoImporter.read(input, password).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).code).toBe('IMPORT_UNSUPPORTED');
      expect((error as ImportError).message).toMatch(/without encryption/);
    }
    const plainZip = await raivoImporter
      .read(toImportInput(zip('raivo-otp-export.json', false)))
      .catch((e) => e);
    expect((plainZip as ImportError).code).toBe('IMPORT_UNSUPPORTED');
    expect((plainZip as ImportError).message).toMatch(/Unzip it/);
    // Named by the file the user picked when the entry has another name.
    expect(raivoImporter.detect(toImportInput(zip('export.json', true), 'Raivo-backup.zip'))).toBe(true);
    await expect(importData(zip('raivo-otp-export.json', true))).rejects.toMatchObject({
      code: 'IMPORT_UNSUPPORTED',
    });
  });

  it('detects its own shape only', () => {
    expect(raivoImporter.detect(toImportInput(JSON.stringify([entry({})])))).toBe(true);
    // andOTP's plain export is also a JSON array, with `type` and `label` instead.
    const andOtp = [
      { secret: A, issuer: 'X', label: 'y', digits: 6, type: 'TOTP', period: 30, thumbnail: 'Default' },
    ];
    expect(raivoImporter.detect(toImportInput(JSON.stringify(andOtp)))).toBe(false);
    expect(raivoImporter.detect(toImportInput('[]'))).toBe(false);
    expect(raivoImporter.detect(toImportInput(zip('other.json', true)))).toBe(false);
    expect(raivoImporter.detect(toImportInput(Uint8Array.of(0x00, 0xff)))).toBe(false);
  });

  it('is damaged when it is not a list, truncated or random bytes', async () => {
    const text = JSON.stringify([entry({})]);
    for (const data of ['{"kind": "TOTP"}', text.slice(0, -3), Uint8Array.of(0x80, 0xff, 0x00)]) {
      const error = await raivoImporter.read(toImportInput(data)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).code).toBe('IMPORT_DAMAGED');
    }
  });

  it('is not encrypted in its JSON form: a password given changes nothing', async () => {
    const text = JSON.stringify([entry({})]);
    expect(raivoImporter.needsPassword(toImportInput(text))).toBe(false);
    expect(await raivoImporter.read(toImportInput(text), 'pw')).toStrictEqual(await read(text));
  });

  it('gives a result or an ImportError for arbitrary JSON and mutated exports (property)', async () => {
    const outcome = async (data: string | Uint8Array) => {
      try {
        const result = await raivoImporter.read(toImportInput(data));
        expect(result.format).toBe('raivo');
      } catch (error) {
        expect(error).toBeInstanceOf(ImportError);
      }
    };
    const keys = ['kind', 'issuer', 'account', 'secret', 'algorithm', 'digits', 'timer', 'counter'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), fc.jsonValue(), async (key, value) => {
        await outcome(JSON.stringify([entry({ [key]: value }), entry({ kind: 'HOTP' })]));
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => outcome(JSON.stringify(value))),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 100 }), async (bytes) =>
        outcome(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...bytes])),
      ),
      { numRuns: 100 },
    );
  });
});

const cases = importCases(['raivo']);

describe.skipIf(cases.length === 0)('corpus: raivo', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    if (c.expect.error === true) {
      await expect(importData(c.data, { password: c.password })).rejects.toBeInstanceOf(ImportError);
      return;
    }
    const result = await importData(c.data, { password: c.password });
    expect(result.format).toBe('raivo');
    // The upstream sample's secrets are placeholders ("GoogleSecret", 7 bytes): short keys from an
    // export are kept as they are (lib/otp/fields.ts), so they import like any other.
    expect(result.skipped).toEqual([]);
    expect(compareAccounts(result.accounts, c.expect.accounts ?? [])).toEqual([]);
  });
});

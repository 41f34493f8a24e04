import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protonImporter } from '../../../../lib/transfer/import/formats/proton';
import { ImportError, importData, toImportInput } from '../../../../lib/transfer/import/index';
import { compareAccounts, importCases } from '../../../compat/corpus-cases';

const A = 'JBSWY3DPEHPK3PXP';
const B = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** An entry shaped like Proton Authenticator's export, with made-up values. */
function entry(uri: string, name: string, entryType = 'Totp', id: string = crypto.randomUUID()) {
  return { id, content: { uri, entry_type: entryType, name }, note: null };
}

function exportOf(entries: unknown[]) {
  return JSON.stringify({ version: 1, entries }, null, 2);
}

async function read(text: string) {
  const input = toImportInput(text);
  expect(protonImporter.detect(input)).toBe(true);
  return protonImporter.read(input);
}

describe('Proton Authenticator export', () => {
  it('reads TOTP and Steam entries from their key URIs', async () => {
    const result = await read(
      exportOf([
        entry(`otpauth://totp/Forge:kim?secret=${A}&issuer=Forge&algorithm=SHA256&digits=8&period=45`, 'kim'),
        entry(`otpauth://totp/Mail:lee?secret=${B}&issuer=Mail`, 'lee'),
        entry(`steam://${A}`, 'player-one', 'Steam'),
        entry(`otpauth://totp/Steam:player-two?secret=${B}&issuer=Steam&digits=5`, 'player-two', 'Steam'),
      ]),
    );
    expect(result.format).toBe('proton');
    expect(result.skipped).toEqual([]);
    expect(
      result.accounts.map(({ draft }) => [
        draft.kind,
        draft.issuer,
        draft.label,
        draft.algorithm,
        draft.digits,
        draft.period,
      ]),
    ).toEqual([
      ['totp', 'Forge', 'kim', 'SHA256', 8, 45],
      ['totp', 'Mail', 'lee', 'SHA1', 6, 30],
      ['steam', 'Steam', 'player-one', 'SHA1', 5, 30],
      ['steam', 'Steam', 'player-two', 'SHA1', 5, 30],
    ]);
  });

  it('skips entries it cannot use, naming them by their name or position', async () => {
    const result = await read(
      exportOf([
        entry(`otpauth://totp/X:a?secret=${A}`, 'a', 'Motp'),
        entry(`otpauth://totp/X:b?secret=${A}&digits=99`, 'b'),
        entry('https://example.com/not-a-key', 'c'),
        { id: 'x', content: { entry_type: 'Totp', name: 'd' }, note: null },
        'junk',
        entry(`otpauth://totp/X:ok?secret=${B}`, 'ok'),
      ]),
    );
    expect(result.accounts.map((a) => a.draft.label)).toEqual(['ok']);
    expect(result.skipped.map((s) => s.name)).toEqual(['a', 'b', 'c', 'd', 'Entry 5']);
    expect(result.skipped[0]?.reason).toMatch(/"Motp" is not supported/);
    expect(result.skipped[1]?.reason).toMatch(/digits must be/);
    expect(result.skipped[2]?.reason).toMatch(/otpauth:\/\//);
    for (const s of result.skipped) expect(s.reason).not.toContain(A);
  });

  it('reads an empty export', async () => {
    const result = await read(exportOf([]));
    expect(result).toEqual({ format: 'proton', accounts: [], skipped: [] });
  });

  it('refuses the password-protected export with advice', async () => {
    const encrypted = JSON.stringify({
      version: 1,
      salt: btoa('0123456789abcdef'),
      content: btoa('not really a ciphertext'),
    });
    const input = toImportInput(encrypted);
    expect(protonImporter.detect(input)).toBe(true);
    expect(protonImporter.needsPassword(input)).toBe(false);
    for (const password of [undefined, 'guess']) {
      const error = await protonImporter.read(input, password).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).code).toBe('IMPORT_UNSUPPORTED');
      expect((error as ImportError).message).toMatch(/without a password/);
    }
    await expect(importData(encrypted)).rejects.toMatchObject({ code: 'IMPORT_UNSUPPORTED' });
  });

  it('detects its own shape only', () => {
    expect(protonImporter.detect(toImportInput(exportOf([entry(`steam://${A}`, 'x', 'Steam')])))).toBe(true);
    expect(protonImporter.detect(toImportInput('{"entries": [{"uri": "otpauth://totp/x"}]}'))).toBe(false);
    expect(protonImporter.detect(toImportInput('{"entries": [], "other": 1}'))).toBe(false);
    expect(protonImporter.detect(toImportInput('{"version": 1, "salt": "a", "content": "b", "x": 1}'))).toBe(
      false,
    );
    expect(protonImporter.detect(toImportInput(Uint8Array.of(0xff, 0x00)))).toBe(false);
  });

  it('is damaged when truncated or random', async () => {
    const text = exportOf([entry(`otpauth://totp/X:a?secret=${A}`, 'a')]);
    for (const data of [text.slice(0, -10), '{"entries": 3}', Uint8Array.of(0x80, 0x00, 0xff)]) {
      const error = await protonImporter.read(toImportInput(data)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).code).toBe('IMPORT_DAMAGED');
    }
  });

  it('is not encrypted in its plain form: a password given changes nothing', async () => {
    const text = exportOf([entry(`otpauth://totp/X:a?secret=${A}`, 'a', 'Totp', 'fixed-id')]);
    expect(protonImporter.needsPassword(toImportInput(text))).toBe(false);
    expect(await protonImporter.read(toImportInput(text), 'pw')).toStrictEqual(await read(text));
    expect((await importData(text)).label).toBe('Proton Authenticator');
  });

  it('gives a result or an ImportError for arbitrary JSON and mutated exports (property)', async () => {
    const outcome = async (data: string) => {
      try {
        const result = await protonImporter.read(toImportInput(data));
        expect(result.format).toBe('proton');
      } catch (error) {
        expect(error).toBeInstanceOf(ImportError);
      }
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('uri', 'entry_type', 'name'),
        fc.oneof(
          fc.jsonValue(),
          fc.string().map((s) => `otpauth://totp/${s}?secret=${A}`),
        ),
        async (key, value) => {
          const e = entry(`otpauth://totp/X:a?secret=${A}`, 'a');
          await outcome(exportOf([{ ...e, content: { ...e.content, [key]: value } }]));
        },
      ),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) =>
        outcome(JSON.stringify({ version: 1, entries: [value] })),
      ),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => outcome(JSON.stringify(value))),
      { numRuns: 100 },
    );
  });
});

const cases = importCases(['proton']);

describe.skipIf(cases.length === 0)('corpus: proton', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    if (c.expect.error === true) {
      await expect(importData(c.data, { password: c.password })).rejects.toBeInstanceOf(ImportError);
      return;
    }
    const result = await importData(c.data, { password: c.password });
    expect(result.format).toBe('proton');
    expect(result.skipped).toEqual([]);
    expect(compareAccounts(result.accounts, c.expect.accounts ?? [])).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENTE_LABEL, otpauthListImporter } from '../../../../lib/transfer/import/formats/otpauth-list';
import { ImportError, importData, toImportInput } from '../../../../lib/transfer/import/index';
import { compareAccounts, importCases } from '../../../compat/corpus-cases';

const A = 'JBSWY3DPEHPK3PXP';
const B = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const C = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';

async function read(text: string) {
  const input = toImportInput(text);
  expect(otpauthListImporter.detect(input)).toBe(true);
  return otpauthListImporter.read(input);
}

describe('otpauth:// list', () => {
  it('reads one URI per line, ignoring blank lines and surrounding whitespace', async () => {
    const result = await read(
      [
        '',
        `  otpauth://totp/Example:alice@example.com?secret=${A}&issuer=Example  `,
        '\t',
        `otpauth://hotp/Bank%20Co%3Abob?secret=${B}&issuer=Bank+Co&counter=7&algorithm=SHA256&digits=8`,
        `OTPAUTH://totp/Slow:carol?secret=${C}&issuer=Slow&period=60&algorithm=sha512`,
        `otpauth://steam/Steam:dave?secret=${A}&issuer=Steam`,
        `steam://${B}`,
        '',
      ].join('\r\n'),
    );
    expect(result.format).toBe('otpauth-list');
    expect(result.skipped).toEqual([]);
    expect(
      result.accounts.map(({ draft }) => [
        draft.kind,
        draft.issuer,
        draft.label,
        draft.algorithm,
        draft.digits,
        draft.period,
        draft.counter,
      ]),
    ).toEqual([
      ['totp', 'Example', 'alice@example.com', 'SHA1', 6, 30, 0],
      ['hotp', 'Bank Co', 'bob', 'SHA256', 8, 30, 7],
      ['totp', 'Slow', 'carol', 'SHA512', 6, 60, 0],
      ['steam', 'Steam', 'dave', 'SHA1', 5, 30, 0],
      ['steam', 'Steam', '', 'SHA1', 5, 30, 0],
    ]);
  });

  it('reads the Authenticator.cc "standard" backup shapes (no issuer, empty account, empty label)', async () => {
    const result = await read(
      [
        `otpauth://totp/just-a-site.example?secret=${A}`,
        `otpauth://totp/Only%20Issuer:?secret=${B}&issuer=Only%20Issuer`,
        `otpauth://totp/?secret=${C}`,
        `otpauth://totp/Minute:me?secret=${A}&issuer=Minute&period=60`,
      ].join('\n'),
    );
    expect(result.skipped).toEqual([]);
    expect(result.accounts.map(({ draft }) => [draft.issuer, draft.label, draft.period])).toEqual([
      ['', 'just-a-site.example', 30],
      ['Only Issuer', '', 30],
      ['', '', 30],
      ['Minute', 'me', 60],
    ]);
  });

  it("reports Ente Auth's plain export (codeDisplay parameter) as format 'ente', keeping the accounts", async () => {
    const display = encodeURIComponent(JSON.stringify({ pinned: true, trashed: false, tags: ['work'] }));
    const result = await read(
      [
        `otpauth://totp/Mail:me?secret=${A}&issuer=Mail&codeDisplay=${display}`,
        `otpauth://hotp/Door:me?secret=${B}&issuer=Door&counter=3&period=30&codeDisplay=${display}`,
      ].join('\n'),
    );
    expect(result.format).toBe('ente');
    expect(ENTE_LABEL).toBe('Ente Auth');
    expect(result.accounts.map(({ draft }) => [draft.kind, draft.issuer, draft.counter])).toEqual([
      ['totp', 'Mail', 0],
      ['hotp', 'Door', 3],
    ]);
  });

  it('skips a URI that fails to parse with the parser reason and its line number, never the secret', async () => {
    const result = await read(
      [
        `otpauth://totp/Good:one?secret=${A}&issuer=Good`,
        `otpauth://totp/Bad%20Digits:two?secret=${B}&digits=12`,
        `otpauth://hotp/No%20Counter:three?secret=${C}`,
        'otpauth://totp/No%20Secret:four',
        `otpauth://motp/Odd:five?secret=${A}`,
        `otpauth-migration://offline?data=CgA`,
        `otpauth://totp/Good:six?secret=${B}`,
      ].join('\n'),
    );
    expect(result.accounts.map((a) => a.draft.label)).toEqual(['one', 'six']);
    expect(result.skipped.map((s) => s.name)).toEqual([
      'Line 2 (Bad Digits:two)',
      'Line 3 (No Counter:three)',
      'Line 4 (No Secret:four)',
      'Line 5 (Odd:five)',
      'Line 6',
    ]);
    expect(result.skipped[0]?.reason).toMatch(/digits must be/);
    expect(result.skipped[1]?.reason).toMatch(/counter/);
    expect(result.skipped[4]?.reason).toMatch(/otpauth-migration/);
    for (const s of result.skipped) {
      for (const secret of [A, B, C]) expect(`${s.name} ${s.reason}`).not.toContain(secret);
    }
  });

  it('lists lines that are not links in one skipped entry, naming only their numbers', async () => {
    const result = await read(['My codes', `otpauth://totp/X:y?secret=${A}`, A, '# end'].join('\n'));
    expect(result.accounts).toHaveLength(1);
    expect(result.skipped).toEqual([
      { name: 'Lines 1, 3, 4', reason: 'expected an otpauth:// or steam:// link, got other text' },
    ]);
  });

  it('is damaged only when no line is a URI', async () => {
    for (const text of ['hello\nworld', '', '   \n\n']) {
      const error = await otpauthListImporter.read(toImportInput(text)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).code).toBe('IMPORT_DAMAGED');
    }
    const bytes = await otpauthListImporter
      .read(toImportInput(Uint8Array.of(0xff, 0x00, 0x81)))
      .catch((e) => e);
    expect(bytes).toBeInstanceOf(ImportError);
  });

  it('detects text with a URI line, not JSON or binary, and never asks for a password', async () => {
    const text = `note\notpauth://totp/X:y?secret=${A}`;
    expect(otpauthListImporter.detect(toImportInput(text))).toBe(true);
    expect(otpauthListImporter.detect(toImportInput(`steam://${A}`))).toBe(true);
    expect(otpauthListImporter.detect(toImportInput(`["otpauth://totp/X?secret=${A}"]`))).toBe(false);
    expect(otpauthListImporter.detect(toImportInput('see otpauth://totp/x in the docs'))).toBe(false);
    expect(otpauthListImporter.detect(toImportInput(Uint8Array.of(0xff, 0xfe)))).toBe(false);
    expect(otpauthListImporter.needsPassword(toImportInput(text))).toBe(false);
    const withPassword = await otpauthListImporter.read(toImportInput(text), 'unused');
    expect(withPassword).toStrictEqual(await otpauthListImporter.read(toImportInput(text)));
  });

  it('gives a result or an ImportError for any text (property)', async () => {
    const line = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ maxLength: 60 }).map((s) => `otpauth://${s}`),
      fc.string({ maxLength: 60 }).map((s) => `otpauth://totp/${s}?secret=${A}&${s}`),
      fc.string({ maxLength: 30 }).map((s) => `steam://${s}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 8 }), async (lines) => {
        try {
          const result = await otpauthListImporter.read(toImportInput(lines.join('\n')));
          expect(['otpauth-list', 'ente']).toContain(result.format);
        } catch (error) {
          expect(error).toBeInstanceOf(ImportError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

const cases = importCases(['otpauth-list', 'ente']);

describe.skipIf(cases.length === 0)('corpus: otpauth-list and ente', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    if (c.expect.error === true) {
      await expect(importData(c.data, { password: c.password })).rejects.toBeInstanceOf(ImportError);
      return;
    }
    const result = await importData(c.data, { password: c.password });
    // Only Ente's own exports carry `codeDisplay`; Stratum's Ente sample is a plain URI list.
    const text = typeof c.data === 'string' ? c.data : new TextDecoder().decode(c.data);
    expect(result.format).toBe(text.includes('codeDisplay=') ? 'ente' : 'otpauth-list');
    expect(result.skipped).toEqual([]);
    expect(compareAccounts(result.accounts, c.expect.accounts ?? [])).toEqual([]);
  });
});

import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitwardenCsvImporter } from '@/lib/transfer/import/formats/bitwarden-csv';
import { ImportError } from '@/lib/transfer/import/types';
import { compareAccounts, importCases } from '../../../compat/corpus-cases';
import { importError, inputOf } from './helpers';

const SECRET_A = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SECRET_B = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const HEADER =
  'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';
const OLD_HEADER =
  'folder,favorite,type,name,notes,fields,login_uri,login_username,login_password,login_totp';

const CURRENT = [
  HEADER,
  `Work,1,login,"GitHub, Inc.","multi\r\nline ""note""",,0,"https://github.com/login,https://gist.github.com,androidapp://com.github",octo,"p,w",otpauth://totp/GitHub:octocat?secret=${SECRET_A}&issuer=GitHub&digits=8`,
  `,,login,Steam,,,0,https://store.steampowered.com,gaben,pw,steam://${SECRET_B}`,
  `,,login,Bare,,,0,example.org,me,pw,${SECRET_B.toLowerCase()}`,
  ',,login,Password only,,,0,https://example.com,user,pw,',
  ',,note,A note,"text, with comma",,0,,,,',
  ',,login,Broken,,,0,,b,,otpauth://totp/B?secret=NOT*BASE32',
  '',
].join('\r\n');

describe('bitwardenCsvImporter', () => {
  it('detects the header with or without reprompt, and nothing else', () => {
    expect(bitwardenCsvImporter.detect(inputOf(CURRENT))).toBe(true);
    expect(bitwardenCsvImporter.detect(inputOf(`${OLD_HEADER}\n`))).toBe(true);
    expect(bitwardenCsvImporter.detect(inputOf(`\uFEFF${HEADER}\n`))).toBe(true);
    expect(bitwardenCsvImporter.detect(inputOf('url,username,password,totp\n'))).toBe(false);
    expect(bitwardenCsvImporter.detect(inputOf('otpauth://totp/A?secret=JBSWY3DPEHPK3PXP'))).toBe(false);
    expect(bitwardenCsvImporter.detect(inputOf('{"name":"login_totp"}'))).toBe(false);
    expect(bitwardenCsvImporter.detect(inputOf(new Uint8Array([0xff, 0xfe, 0x00])))).toBe(false);
    expect(bitwardenCsvImporter.needsPassword(inputOf(CURRENT))).toBe(false);
  });

  it('reads quoted fields, several URIs per row, steam:// and bare secrets; ignores rows without TOTP', async () => {
    const result = await bitwardenCsvImporter.read(inputOf(CURRENT));
    expect(result.format).toBe('bitwarden-csv');
    expect(result.accounts.map((a) => a.draft)).toEqual([
      expect.objectContaining({
        kind: 'totp',
        issuer: 'GitHub',
        label: 'octocat',
        secret: SECRET_A,
        digits: 8,
      }),
      expect.objectContaining({ kind: 'steam', issuer: 'Steam', label: 'gaben', secret: SECRET_B }),
      expect.objectContaining({
        kind: 'totp',
        issuer: 'Bare',
        label: 'me',
        secret: SECRET_B,
        digits: 6,
        period: 30,
      }),
    ]);
    expect(result.accounts.map((a) => a.sites)).toEqual([
      ['github.com', 'gist.github.com'],
      ['store.steampowered.com'],
      ['example.org'],
    ]);
    expect(result.skipped).toEqual([{ name: 'Broken (b)', reason: expect.stringMatching(/base32/) }]);
  });

  it('reads the older header without reprompt by column name', async () => {
    const text = `${OLD_HEADER}\n,,login,Old,,,https://old.example,alice,pw,${SECRET_A}\n`;
    const result = await bitwardenCsvImporter.read(inputOf(text));
    expect(result.accounts.map((a) => [a.draft.issuer, a.draft.label, a.sites])).toEqual([
      ['Old', 'alice', ['old.example']],
    ]);
  });

  it('reports a file cut inside a quoted field, or a row with missing columns, as damaged', async () => {
    const cutInQuotes = CURRENT.slice(0, CURRENT.indexOf('line ""note'));
    expect((await importError(bitwardenCsvImporter.read(inputOf(cutInQuotes)))).code).toBe('IMPORT_DAMAGED');
    const shortRow = `${HEADER}\n,,login,Short,,,0,https://x.example,user\n`;
    const error = await importError(bitwardenCsvImporter.read(inputOf(shortRow)));
    expect(error.code).toBe('IMPORT_DAMAGED');
    expect(error.message).toMatch(/row 2 has 9 fields, the header has 11/);
  });

  it('rejects random bytes and other CSV with an ImportError', async () => {
    expect(
      (await importError(bitwardenCsvImporter.read(inputOf(new Uint8Array(randomBytes(200)))))).code,
    ).toBe('IMPORT_DAMAGED');
    expect((await importError(bitwardenCsvImporter.read(inputOf('a,b\n1,2\n')))).code).toBe('IMPORT_DAMAGED');
  });

  it('never throws anything but ImportError, for any text or any mutation of a valid export', async () => {
    const unit = fc.constantFrom(
      'a',
      ',',
      '"',
      '\r',
      '\n',
      ' ',
      'otpauth://totp/x?secret=',
      'steam://',
      'JBSW',
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 30 }), async (body) => {
        await bitwardenCsvImporter
          .read(inputOf(`${HEADER}\n${body}`))
          .catch((error: unknown) => expect(error).toBeInstanceOf(ImportError));
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.string({ maxLength: 3 }), async (at, insert) => {
        const position = at % CURRENT.length;
        const mutated = inputOf(CURRENT.slice(0, position) + insert + CURRENT.slice(position + 1));
        await bitwardenCsvImporter
          .read(mutated)
          .catch((error: unknown) => expect(error).toBeInstanceOf(ImportError));
      }),
      { numRuns: 300 },
    );
  });
});

const corpus = importCases(['bitwarden-csv']);

describe.skipIf(corpus.length === 0)('corpus: bitwarden-csv', () => {
  for (const c of corpus) {
    it(c.id, async () => {
      const input = inputOf(c.data);
      expect(bitwardenCsvImporter.detect(input)).toBe(true);
      const result = await bitwardenCsvImporter.read(input, c.password);
      expect(compareAccounts(result.accounts, c.expect.accounts ?? [])).toEqual([]);
    });
  }
});

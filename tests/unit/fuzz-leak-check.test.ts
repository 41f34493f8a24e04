/**
 * The import fuzz targets' secret-leak contract (tests/fuzz/leak-check.ts): it passes a name that is
 * the file's own name field, whatever that field holds, and still fails a name or a reason that shows
 * text found only in a secret field.
 */
import { describe, expect, it } from 'vitest';
import { entryName } from '../../lib/transfer/import/entry';
import { bitwardenCsvImporter } from '../../lib/transfer/import/formats/bitwarden-csv';
import { raivoImporter } from '../../lib/transfer/import/formats/raivo';
import { type ImportResult, toImportInput } from '../../lib/transfer/import/index';
import { ContractBreak } from '../fuzz/contract';
import { checkResultShowsNoSecret, nameSources } from '../fuzz/leak-check';
import { SAMPLE_SECRETS } from '../fuzz/samples';

const S1 = SAMPLE_SECRETS[0] as string;
const S2 = SAMPLE_SECRETS[1] as string;

const skipped = (name: string, reason = 'not supported'): ImportResult => ({
  format: 'raivo',
  accounts: [],
  skipped: [{ name, reason }],
});

const raivoFile = (fields: Record<string, unknown>) =>
  JSON.stringify([{ kind: 'MOTP', issuer: 'GitHub', account: 'alice', secret: S1, timer: '30', ...fields }]);

describe('names: the file’s own name fields pass', () => {
  it('an issuer the fuzzer spliced into "secret=<secret>" (a finding of the old text-wide rule)', async () => {
    // The shape of the full runs' findings: a text edit cut a Raivo entry from inside its issuer to
    // inside its secret and put `secret=` there, so the issuer field itself holds the secret's text.
    for (const issuer of [`secret=${S1}`, `otpauth://totp/x?secret=${S1}`]) {
      const data = raivoFile({ issuer, secret: S2 });
      const result = await raivoImporter.read(toImportInput(data));
      expect(result.skipped[0]?.name).toContain(S1);
      expect(() => checkResultShowsNoSecret(result, data)).not.toThrow();
    }
  });

  it('a Bitwarden CSV name column holding a whole key URI', async () => {
    const data = [
      'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp',
      `,,login,otpauth://totp/x?secret=${S1},,,0,,bob,pw,otpauth://hotp/x?secret=${S2}`,
    ].join('\n');
    const result = await bitwardenCsvImporter.read(toImportInput(data));
    expect(result.skipped[0]?.name).toContain(S1);
    expect(() => checkResultShowsNoSecret(result, data)).not.toThrow();
  });
});

describe('names: text found only in a secret field fails', () => {
  it('a name built from the JSON secret field', () => {
    const data = raivoFile({});
    expect(() => checkResultShowsNoSecret(skipped(entryName('GitHub', S1)), data)).toThrow(ContractBreak);
    expect(() => checkResultShowsNoSecret(skipped(entryName('GitHub', 'alice')), data)).not.toThrow();
  });

  it('a name built from the secret of a key URI field, or from a bare secret there', () => {
    const uri = JSON.stringify({
      items: [{ name: 'A', login: { totp: `otpauth://totp/A:a?secret=${S1}` } }],
    });
    expect(() => checkResultShowsNoSecret(skipped(`A (${S1})`), uri)).toThrow(ContractBreak);
    const bare = JSON.stringify({ items: [{ name: 'A', login: { totp: S1.toLowerCase() } }] });
    expect(() => checkResultShowsNoSecret(skipped(`A (${S1})`), bare)).toThrow(ContractBreak);
  });

  it('a name built from the Bitwarden CSV key column', () => {
    const data = [
      'name,login_username,login_totp',
      `GitHub,alice,otpauth://totp/GitHub:alice?secret=${S1}&issuer=GitHub`,
    ].join('\n');
    expect(() => checkResultShowsNoSecret(skipped(S1.slice(0, 16)), data)).toThrow(ContractBreak);
    // The URI's label and issuer stay sources: a name taken from them passes.
    expect(nameSources(data)).toContain('github:alice');
  });

  it('a name from a secret that is not text in the file at all (FreeOTP+ bytes)', () => {
    const data = JSON.stringify({
      tokens: [{ issuerExt: 'A', label: 'a', secret: [1, 2, 3], type: 'MOTP' }],
    });
    expect(() => checkResultShowsNoSecret(skipped(`A (${S1})`), data)).toThrow(ContractBreak);
  });
});

describe('reasons stay strict', () => {
  it('a reason quoting a type field that holds a key URI fails (the Raivo kind echo)', () => {
    const data = raivoFile({ kind: `otpauth://totp/a?secret=${S1}` });
    const reason = `Raivo kind ${JSON.stringify(`otpauth://totp/a?secret=${S1}`)} is not supported`;
    expect(() => checkResultShowsNoSecret(skipped('GitHub (alice)', reason), data)).toThrow(ContractBreak);
  });

  it('the fixed importer passes the same file', async () => {
    const data = raivoFile({ kind: `otpauth://totp/a?secret=${S1}` });
    const result = await raivoImporter.read(toImportInput(data));
    expect(result.skipped).toHaveLength(1);
    expect(() => checkResultShowsNoSecret(result, data)).not.toThrow();
  });
});

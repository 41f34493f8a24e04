import { describe, expect, it } from 'vitest';
import { sealBackup } from '@/lib/transfer/backup';
import { fromData, fromQrText } from '@/lib/transfer/sources';

const URI = 'otpauth://totp/GitHub:octocat?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF&issuer=GitHub';
// peers.md §4.1 vector: one TOTP, secret JBSWY3DPEHPK3PXP, Example / alice@google.com.
const MIGRATION =
  'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC';

describe('fromQrText', () => {
  it('turns a key URI into one account and a Google export into its accounts', async () => {
    const one = await fromQrText(URI, 'shot.png');
    expect(one.kind === 'import' && one.result.accounts.map((a) => a.draft.issuer)).toEqual(['GitHub']);
    const many = await fromQrText(MIGRATION, 'export.png');
    expect(
      many.kind === 'import' && many.result.accounts.map((a) => [a.draft.issuer, a.draft.secret]),
    ).toEqual([['Example', 'JBSWY3DPEHPK3PXP']]);
  });

  it.each([
    [
      'Microsoft’s own app',
      'phonefactor://activate_account?code=123&url=https://example',
      /Microsoft Authenticator/,
    ],
    ['a web link', 'https://example.com/', /doesn't contain an authenticator secret/],
    ['a broken key URI', 'otpauth://totp/x?secret=0000', /not usable/],
  ])('explains %s instead of importing it', async (_, text, message) => {
    const outcome = await fromQrText(text, 'shot.png');
    expect(outcome.kind).toBe('problem');
    expect(outcome.kind === 'problem' && outcome.message).toMatch(message);
  });
});

describe('fromData', () => {
  it('recognises a TwoStep backup without opening it (the background restores it)', async () => {
    const text = await sealBackup({ accounts: [], appPasswords: [], recoveryCodes: [] }, 'backup password', {
      iterations: 1000,
    });
    expect(await fromData(text, 'twostep-backup.json')).toEqual({
      kind: 'backup',
      source: 'twostep-backup.json',
      text,
    });
  });

  it('asks for a password for an encrypted export, and reports unknown files clearly', async () => {
    const encrypted = JSON.stringify({
      encrypted: true,
      passwordProtected: true,
      salt: 'c2FsdA==',
      kdfType: 0,
      kdfIterations: 600000,
      encKeyValidation_DO_NOT_EDIT: '2.AAAA|AAAA|AAAA',
      data: '2.AAAA|AAAA|AAAA',
    });
    expect((await fromData(encrypted, 'bitwarden.json')).kind).toBe('needs-password');
    const unknown = await fromData('just some notes', 'notes.txt');
    expect(unknown.kind === 'problem' && unknown.message).toMatch(/not an export TwoStep can read/);
    const empty = await fromData('  \n', 'empty.txt');
    expect(empty.kind === 'problem' && empty.message).toBe('The file is empty.');
  });

  it('reads pasted links', async () => {
    const outcome = await fromData(`${URI}\n${URI.replace('octocat', 'mona')}\n`, 'Pasted text');
    expect(outcome.kind === 'import' && outcome.result.accounts.map((a) => a.draft.label)).toEqual([
      'octocat',
      'mona',
    ]);
  });
});

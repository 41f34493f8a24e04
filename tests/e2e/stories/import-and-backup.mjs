// Moving in and out (issue 4), end to end in the full-page view: import another app's export (plain
// Aegis with a duplicate and an unsupported mOTP entry; encrypted 2FAS behind its password), paste
// a QR screenshot, back everything up, then restore that backup into a fresh profile and get the
// same codes (RFC 6238 reference). Ends with the unencrypted exports behind their confirmations.
import { aegisPlain, qrPng, textFile, twoFasEncrypted } from '../lib/import-files.mjs';
import { addByUri, createVault, expectTotpCodes, openPopup, readAccounts } from '../lib/steps.mjs';

const EXISTING = { issuer: 'Example', label: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' };
const AEGIS = [
  EXISTING, // already in TwoStep: marked and left unticked
  { issuer: 'GitHub', label: 'octocat', secret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF' },
  { issuer: 'Fastmail', label: 'me@fastmail.example', secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U' },
];
const TWOFAS = [
  { issuer: 'Dropbox', label: 'bob@dropbox.example', secret: 'ORSXG5DJNZTWC3TPOJSGK3TUMVZXG5DF' },
];
const TWOFAS_PASSWORD = 'two-fas secret';
const DROPPED = { issuer: 'Slack', label: 'carol@slack.example', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' };
const PASTED = { issuer: 'Zoom', label: 'dan@zoom.example', secret: 'NBSWY3DPFQQHO33SNRSCC2LTEBXWC3TU' };
const BACKUP_PASSWORD = 'backup password 42';
const ALL = [...AEGIS, ...TWOFAS, DROPPED, PASTED];

async function openTransfer(ext) {
  const page = await ext.openExtensionPage('transfer.html');
  await page.waitForState(['setup', 'locked', 'unlocked']);
  return page;
}

export default {
  name: 'import-and-backup',
  browsers: ['chromium', 'firefox'],
  timeout: 120_000,
  async run({ ext, assert, browser, freshBrowser }) {
    const popup = await openPopup(ext);
    await createVault(popup);
    await addByUri(
      popup,
      `otpauth://totp/Example:alice@example.com?secret=${EXISTING.secret}&issuer=Example`,
    );
    await popup.close();

    const page = await openTransfer(ext);
    assert.equal(await page.state(), 'unlocked');

    // 1. Aegis plain: 3 rows (mOTP listed as left out), the existing one marked and unticked.
    await page.setFiles('import-files', [aegisPlain(AEGIS)]);
    await page.waitForCount('import-row', 3, { timeout: 15_000 });
    const dupes = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="import-row"]')].map((r) => ({
        label: r.querySelector('[data-testid="import-row-label"]').textContent,
        duplicate: r.getAttribute('data-duplicate'),
        checked: r.querySelector('input[type=checkbox]').checked,
      })),
    );
    assert.deepEqual(
      dupes.map((d) => [d.label, d.duplicate, d.checked]),
      [
        [EXISTING.label, 'true', false],
        [AEGIS[1].label, 'false', true],
        [AEGIS[2].label, 'false', true],
      ],
    );
    assert.match(await page.text('import-skipped'), /1 left out/);
    assert.equal(await page.text('import-commit'), 'Add 2 accounts');

    // 2. Encrypted 2FAS: asks for its password; a wrong one is refused with a clear message.
    await page.setFiles('import-files', [twoFasEncrypted(TWOFAS, TWOFAS_PASSWORD)]);
    await page.fill('import-password', 'not the password');
    await page.click('import-password-submit');
    assert.match(await page.text('form-error', { timeout: 20_000 }), /password/i);
    await page.fill('import-password', TWOFAS_PASSWORD);
    await page.click('import-password-submit');
    await page.waitForCount('import-row', 4, { timeout: 20_000 });

    // 3. A screenshot of a QR code dropped on the page, and a real paste (Ctrl+V) of a second one:
    //    an image in Chromium; in Firefox its link as text (headless Firefox's clipboard holds text
    //    only). Both join the same preview.
    const uri = (a) =>
      `otpauth://totp/${a.issuer}:${encodeURIComponent(a.label)}?secret=${a.secret}&issuer=${a.issuer}`;
    await page.drop('import-drop', [await qrPng(uri(DROPPED), 'screenshot.png')]);
    await page.waitForCount('import-row', 5, { timeout: 20_000 });
    if (browser === 'chromium') await page.pasteFromClipboard({ png: (await qrPng(uri(PASTED))).base64 });
    else await page.pasteFromClipboard({ text: uri(PASTED) });
    await page.waitForCount('import-row', 6, { timeout: 20_000 });

    // A text file named like a picture is not a picture, and says so without losing the preview.
    await page.setFiles('import-files', [textFile('notes.png', 'just some notes')]);
    assert.match(await page.text('import-problem'), /notes\.png.*not an export TwoStep can read/s);
    assert.equal(await page.count('import-row'), 6);

    await page.click('import-commit');
    assert.match(await page.text('import-status', { timeout: 15_000 }), /^Added 5 accounts\./);

    const list = await openPopup(ext);
    await list.waitForCount('account-row', 6);
    await expectTotpCodes(list, ALL);
    await list.close();

    // 4. Back up everything under its own password.
    await page.reload();
    await page.waitForState('unlocked');
    await page.fill('backup-password', BACKUP_PASSWORD);
    await page.fill('backup-password-confirm', BACKUP_PASSWORD);
    await page.click('backup-export');
    const backup = await page.downloadText('backup-download', { timeout: 20_000 });
    const parsed = JSON.parse(backup);
    assert.equal(parsed.format, 'twostep-backup');
    for (const account of ALL)
      assert.ok(!backup.includes(account.secret), 'the backup holds no plaintext secret');

    // The unencrypted list needs its confirmation first.
    assert.equal(
      await page.evaluate(() => document.querySelector('[data-testid="plain-export"]').disabled),
      true,
    );
    await page.click('plain-export-confirm');
    await page.click('plain-export');
    const links = (await page.downloadText('plain-download')).trim().split('\n');
    assert.equal(links.length, 6);
    assert.ok(links.every((l) => l.startsWith('otpauth://totp/')));

    // One account as a QR code, only after its own confirmation.
    assert.equal(await page.count('account-qr'), 0);
    await page.click('qr-show');
    await page.click('qr-confirm');
    await page.waitFor('account-qr');

    // 5. A fresh profile: restore the backup and get the very same codes.
    const fresh = await freshBrowser();
    const again = await openPopup(fresh);
    await createVault(again, 'a different master password');
    await again.close();
    const restore = await openTransfer(fresh);
    await restore.setFiles('import-files', [textFile('twostep-backup.json', backup, 'application/json')]);
    await restore.fill('import-password', 'wrong backup password');
    await restore.click('import-password-submit');
    assert.match(await restore.text('form-error', { timeout: 20_000 }), /password/i);
    await restore.fill('import-password', BACKUP_PASSWORD);
    await restore.click('import-password-submit');
    assert.match(await restore.text('import-status', { timeout: 20_000 }), /^Restored 6 items/);

    const restored = await openPopup(fresh);
    await restored.waitForCount('account-row', 6);
    await expectTotpCodes(restored, ALL);
    assert.equal((await readAccounts(restored)).length, 6);
  },
};

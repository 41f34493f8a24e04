// Everyday use of the list: search, copy (with its confirmation), rename, delete behind a
// confirmation, and HOTP "next code" whose counter survives lock and unlock (RFC 4226 reference).
import {
  addByUri,
  createVault,
  expectTotpCodes,
  lock,
  openPopup,
  readAccounts,
  unlock,
} from '../lib/steps.mjs';
import { hotp } from '../lib/totp-reference.mjs';

const HOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 4226 appendix D key
const EXAMPLE = { issuer: 'Example', label: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' };
const GITHUB = { issuer: 'GitHub', label: 'octocat', secret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF' };

const rowIndex = async (page, label) => (await readAccounts(page)).findIndex((r) => r.label === label);

export default {
  name: 'account-management',
  browsers: ['chromium', 'firefox'],
  async run({ ext, assert }) {
    const popup = await openPopup(ext);
    await createVault(popup);
    await addByUri(popup, `otpauth://totp/Example:alice@example.com?secret=${EXAMPLE.secret}&issuer=Example`);
    await addByUri(popup, `otpauth://totp/GitHub:octocat?secret=${GITHUB.secret}&issuer=GitHub`);
    await addByUri(popup, `otpauth://hotp/Acme:bob?secret=${HOTP_SECRET}&counter=4&issuer=Acme`);
    await expectTotpCodes(popup, [EXAMPLE, GITHUB]);

    // Search narrows the list by issuer or account name, case-insensitively.
    await popup.fill('search', 'OCTO');
    await popup.waitForCount('account-row', 1);
    assert.equal((await readAccounts(popup))[0].label, 'octocat');
    await popup.fill('search', '');
    await popup.waitForCount('account-row', 3);

    // Copy confirms what happened (the clipboard write itself is the browser's).
    await popup.click('copy-button', { index: await rowIndex(popup, 'alice@example.com') });
    const notice = await popup.text('account-row notice');
    assert.match(
      notice,
      /^Copied; clipboard clears in 30 s\.$/,
      `copy confirms and says when it clears (${notice})`,
    );

    // HOTP: the code for counter 4, then "next code" moves to 5 and the counter is persisted.
    const bob = await rowIndex(popup, 'bob');
    assert.equal((await readAccounts(popup))[bob].code, hotp(HOTP_SECRET, 4));
    await popup.click('hotp-next');
    await waitForCode(popup, 'bob', hotp(HOTP_SECRET, 5));
    await lock(popup);
    await unlock(popup);
    await waitForCode(popup, 'bob', hotp(HOTP_SECRET, 5));

    // Rename.
    await popup.click('rename-button', { index: await rowIndex(popup, 'octocat') });
    await popup.fill('rename-issuer', 'GitHub Enterprise');
    await popup.fill('rename-label', 'mona');
    await popup.click('rename-save');
    await waitForCode(popup, 'mona', null);
    await expectTotpCodes(popup, [{ ...GITHUB, issuer: 'GitHub Enterprise', label: 'mona' }]);

    // Delete asks first; cancel keeps the account, confirm removes only that one.
    await popup.click('delete-button', { index: await rowIndex(popup, 'alice@example.com') });
    await popup.click('delete-cancel');
    assert.equal(await popup.count('account-row'), 3, 'cancel keeps the account');
    await popup.click('delete-button', { index: await rowIndex(popup, 'alice@example.com') });
    await popup.click('delete-confirm');
    await popup.waitForCount('account-row', 2);
    const labels = (await readAccounts(popup)).map((r) => r.label).sort();
    assert.deepEqual(labels, ['bob', 'mona']);
  },
};

/** Waits until the row labelled `label` exists and (when given) shows `code`. */
async function waitForCode(page, label, code, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const row = (await readAccounts(page)).find((r) => r.label === label);
    if (row && (code === null || row.code === code)) return row;
    if (Date.now() > end)
      throw new Error(`row ${label} shows ${JSON.stringify(row?.code)}, expected ${code}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

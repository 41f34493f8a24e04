// First run to locked and back: set up the vault, add an account from a URI, check its code
// against the reference, lock, fail once with a wrong password, unlock, same account and code.
import { addByUri, createVault, expectTotpCodes, lock, openPopup, PASSWORD } from '../lib/steps.mjs';

const SECRET = 'JBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Example:alice@example.com?secret=${SECRET}&issuer=Example`;
const ACCOUNT = { issuer: 'Example', label: 'alice@example.com', secret: SECRET };

export default {
  name: 'vault-lifecycle',
  browsers: ['chromium', 'firefox'],
  async run({ ext, assert }) {
    const popup = await openPopup(ext);
    assert.equal(await popup.state(), 'setup', 'a fresh install asks to create the vault');
    await createVault(popup);
    await popup.waitFor('empty-state');

    await addByUri(popup, URI);
    const [row] = await expectTotpCodes(popup, [ACCOUNT]);
    assert.equal(await popup.count('account-row'), 1);

    await lock(popup);
    assert.equal(await popup.count('account-row'), 0, 'no account is shown while locked');
    assert.equal(await popup.count('code'), 0, 'no code is shown while locked');

    await popup.fill('unlock-password', `${PASSWORD}!`);
    await popup.click('unlock-submit');
    await popup.waitFor('form-error');
    assert.ok((await popup.text('form-error')).length > 0, 'the error says something');
    assert.equal(await popup.state(), 'locked', 'a wrong password leaves the vault locked');
    assert.equal(await popup.count('code'), 0);

    await popup.fill('unlock-password', PASSWORD);
    await popup.click('unlock-submit');
    await popup.waitForState('unlocked', { timeout: 20_000 });
    const rows = await expectTotpCodes(popup, [ACCOUNT]);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].id, row.id, 'the same account comes back after unlocking');
  },
};

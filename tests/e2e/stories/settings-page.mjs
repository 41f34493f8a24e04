// The settings page (options): a new master password (the old one stops working, the accounts and
// codes stay), the theme (applied to the popup too), and automatic filling turned off (a sign-in
// page's code field then stays empty until the user asks).
import { addByUri, expectTotpCodes, lock, openPopup, PASSWORD, unlock } from '../lib/steps.mjs';
import { SIGNIN_CONSUMER, SIGNIN_PAGES } from './_lib/fixtures.mjs';
import { expectStaysEmpty, startWithVault, withPage } from './_lib/flows.mjs';

const NEW_PASSWORD = 'a completely new master password';
const ACCOUNT = { issuer: 'Microsoft', label: SIGNIN_CONSUMER.label, secret: SIGNIN_CONSUMER.secret };

export default {
  name: 'settings-page',
  browsers: ['chromium', 'firefox'],
  timeout: 90_000,
  async run({ ext, assert }) {
    const popup = await startWithVault(ext);
    await addByUri(popup, SIGNIN_CONSUMER.uri);
    await popup.close();

    const page = await ext.openExtensionPage('options.html');
    await page.waitForState('unlocked');

    // A wrong current password is refused and changes nothing; the right one re-wraps the key.
    await page.fill('password-current', 'not my password at all');
    await page.fill('password-new', NEW_PASSWORD);
    await page.fill('password-confirm', NEW_PASSWORD);
    await page.click('password-change');
    assert.match(await page.text('form-error', { timeout: 20_000 }), /password/i);
    await page.fill('password-current', PASSWORD);
    await page.fill('password-new', NEW_PASSWORD);
    await page.fill('password-confirm', NEW_PASSWORD);
    await page.click('password-change');
    assert.match(await page.text('notice', { timeout: 20_000 }), /^Master password changed/);

    // Dark theme, automatic filling off.
    await page.evaluate(() => {
      const select = document.querySelector('[data-testid="theme"]');
      select.value = 'dark';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.click('auto-fill');
    await page.click('settings-save');
    await page.waitForState('unlocked');
    const theme = async (p) => p.evaluate(() => document.documentElement.dataset.theme ?? 'system');
    for (let i = 0; i < 50 && (await theme(page)) !== 'dark'; i += 1)
      await new Promise((r) => setTimeout(r, 100));
    assert.equal(await theme(page), 'dark');

    const again = await openPopup(ext);
    await lock(again);
    await again.fill('unlock-password', PASSWORD);
    await again.click('unlock-submit');
    assert.match(await again.text('form-error', { timeout: 20_000 }), /password/i);
    await unlock(again, NEW_PASSWORD);
    await expectTotpCodes(again, [ACCOUNT]);
    assert.equal(await theme(again), 'dark', 'the popup follows the chosen theme');

    await withPage(ext, `https://login.live.com${SIGNIN_PAGES.oldUi.path}`, (signin) =>
      expectStaysEmpty(signin, [SIGNIN_PAGES.oldUi.input], { what: 'with automatic filling off', ms: 2500 }),
    );
  },
};

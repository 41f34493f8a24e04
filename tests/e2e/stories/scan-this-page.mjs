// "Scan this page" from the real toolbar popup: the popup names the tab the user is on, the
// background has that tab's content script scan it, and the popup reports what the page now offers
// (the setup QR on account.live.com); the in-page prompt is where the user saves it.
import { setupUrl } from './_lib/fixtures.mjs';
import { startWithVault } from './_lib/flows.mjs';

export default {
  name: 'scan-this-page',
  browsers: ['chromium', 'firefox'],
  timeout: 90_000,
  async run({ ext, assert }) {
    const popupTab = await startWithVault(ext);
    await popupTab.close();
    await ext.diagnose(); // opens the harness's helper tab now, so the web page below is the active tab
    const page = await ext.openUrl(setupUrl('img-data'));
    await page.waitForPrompt({ kind: 'account', timeout: 15_000 });

    const popup = await ext.openRealPopup();
    await popup.waitForState('unlocked');
    await popup.click('add-button');
    await popup.click('scan-page');
    // The setup page shows the QR code and the "can't scan" key text: two offers in the page.
    let result = await popup.text('scan-result');
    for (const end = Date.now() + 20_000; result === 'Scanning…' && Date.now() < end; ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      result = await popup.text('scan-result');
    }
    assert.match(result, /^Found 2 on the page: use the TwoStep prompt there to save\.$/, result);
  },
};

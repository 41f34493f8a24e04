// "Fill TwoStep code" on the focused field: the shortcut (Alt+Shift+2) and the context menu both
// send the content script `twostep.fillFocused` (lib/background/page-access.ts). Headless browsers
// cannot press a browser command or open a context menu, so the story sends that same message from
// an extension page; everything after the trigger is real: the content script picks the focused
// field, asks the background for its frame's code, and fills it. The page is the SMS-code variant
// that automatic filling leaves alone (it is not an authenticator field): an explicit request fills
// the field the user chose.
import { addByUri } from '../lib/steps.mjs';
import { SIGNIN_CONSUMER, SIGNIN_PAGES } from './_lib/fixtures.mjs';
import { expectCode, expectStaysEmpty, startWithVault } from './_lib/flows.mjs';

export default {
  name: 'fill-focused',
  browsers: ['chromium', 'firefox'],
  timeout: 60_000,
  async run({ ext }) {
    const popup = await startWithVault(ext);
    await addByUri(popup, SIGNIN_CONSUMER.uri);
    const url = `https://login.live.com${SIGNIN_PAGES.oldUiSms.path}`;
    const page = await ext.openUrl(url);
    const input = SIGNIN_PAGES.oldUiSms.input;
    await expectStaysEmpty(page, [input], { what: 'automatic fill on an SMS-code page' });
    await page.evaluate((selector) => document.querySelector(selector).focus(), input);

    await popup.evaluate(async (target) => {
      const api = globalThis.browser ?? globalThis.chrome;
      const [tab] = await api.tabs.query({ url: target });
      if (!tab) throw new Error(`no tab at ${target}`);
      await api.tabs.sendMessage(tab.id, { type: 'twostep.fillFocused' }, { frameId: 0 });
    }, `${url}*`);
    await expectCode(page, input, SIGNIN_CONSUMER.secret);
  },
};

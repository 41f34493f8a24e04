// Hostile pages (issue 5; SECURITY.md "Not yet tested" 1–4): with TwoStep's content script RUNNING
// on a look-alike the user allowed for an account of its own, the page gets that account's code
// only, never the Microsoft account's; a bound page's cross-origin frame is judged by its own
// origin; a page cannot reach the background or trigger a fill by forged messages; the in-page
// prompt never holds an input a password could be typed into, even when TwoStep is locked.
import { addByUri, lock } from '../lib/steps.mjs';
import { SIGNIN_CONSUMER, SIGNIN_PAGES, setupUrl } from './_lib/fixtures.mjs';
import {
  acceptableCodes,
  addBound,
  Checks,
  expectCode,
  expectStaysEmpty,
  sleep,
  startWithVault,
  withPage,
} from './_lib/flows.mjs';

const LOOKALIKE = 'login-live.com';
const OWN = {
  label: 'mallory',
  secret: 'MZXW6YTBOI3DKNBVGQ2TINJUGQ2DINBU',
  uri: 'otpauth://totp/Lookalike:mallory?secret=MZXW6YTBOI3DKNBVGQ2TINJUGQ2DINBU&issuer=Lookalike',
};

/** Inputs inside TwoStep's prompt (open shadow root): there must never be any. */
const promptInputs = (page) =>
  page.evaluate(
    () =>
      document
        .querySelector('twostep-prompt')
        ?.shadowRoot?.querySelectorAll('input, textarea, [contenteditable]').length ?? 0,
  );

export default {
  name: 'hostile-pages',
  browsers: ['chromium', 'firefox'],
  timeout: 150_000,
  async run({ ext }) {
    const checks = new Checks('hostile-pages');
    const popup = await startWithVault(ext);
    await addByUri(popup, SIGNIN_CONSUMER.uri);
    await addBound(popup, OWN.uri, OWN.label, LOOKALIKE);
    const microsoftCodes = () => acceptableCodes(SIGNIN_CONSUMER.secret);

    await checks.check(
      `${LOOKALIKE} (a copy of the sign-in page, script running): only its own account's code`,
      () =>
        withPage(ext, `https://${LOOKALIKE}${SIGNIN_PAGES.oldUi.path}`, async (page) => {
          const code = await expectCode(page, SIGNIN_PAGES.oldUi.input, OWN.secret);
          if (microsoftCodes().includes(code)) throw new Error('the look-alike got the Microsoft code');
        }),
    );

    await checks.check('a bound page’s cross-origin frame is judged by the frame’s own origin', () =>
      withPage(ext, 'https://login.live.com/frame-host.html', async (page) => {
        const end = Date.now() + 12_000;
        let value = '';
        while (Date.now() < end) {
          value = await page.evaluate(() => document.body.dataset.frameValue ?? '');
          if (value !== '') break;
          await sleep(200);
        }
        if (microsoftCodes().includes(value))
          throw new Error('the foreign frame inside login.live.com got the Microsoft code');
        if (!acceptableCodes(OWN.secret).includes(value))
          throw new Error(`the frame holds ${JSON.stringify(value)}, expected its own account's code`);
      }),
    );

    await checks.check('forged messages from the page reach neither the background nor the filler', () =>
      withPage(ext, `https://login.live.com${SIGNIN_PAGES.oldUiSms.path}`, async (page) => {
        const input = SIGNIN_PAGES.oldUiSms.input;
        await page.waitForElement(input);
        const reach = await page.evaluate(async (selector) => {
          document.querySelector(selector).focus();
          for (const type of ['twostep.fillFocused', 'code.request', 'accounts.list'])
            window.postMessage({ type, trigger: 'user' }, '*');
          document.dispatchEvent(new CustomEvent('twostep.fillFocused', { detail: {} }));
          const api = globalThis.chrome?.runtime ?? globalThis.browser?.runtime;
          if (!api?.sendMessage) return 'no extension messaging in the page';
          try {
            const reply = await api.sendMessage({ type: 'accounts.list' });
            return `answered: ${JSON.stringify(reply)}`;
          } catch (error) {
            return `refused: ${String(error).slice(0, 80)}`;
          }
        }, input);
        if (reach.startsWith('answered')) throw new Error(`a page reached the background: ${reach}`);
        await expectStaysEmpty(page, [input], { what: 'after forged messages' });
      }),
    );

    await checks.check(
      'the prompt never holds an input, unlocked or locked (no password is typed into a page)',
      async () => {
        await withPage(ext, setupUrl('img-data'), async (page) => {
          await page.waitForPrompt({ kind: 'account', timeout: 15_000 });
          if ((await promptInputs(page)) !== 0) throw new Error('the unlocked prompt has an input');
        });
        await popup.reload();
        await popup.waitForState('unlocked');
        await lock(popup);
        await withPage(ext, setupUrl('img-data'), async (page) => {
          await page.waitForPrompt({ kind: 'account', timeout: 15_000 });
          await page.clickPrompt('twostep-save');
          const status = await page.waitForPromptText('twostep-status', /unlock/i);
          if ((await promptInputs(page)) !== 0) throw new Error(`the locked prompt has an input (${status})`);
        });
      },
    );
    checks.finish();
  },
};

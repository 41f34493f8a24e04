// The settings page's per-site choices, end to end:
//  1. Auto-submit per site: a page instead of a site is refused with the site to write (and nothing
//     is saved); with login.microsoftonline.com listed, a code filled there is also submitted,
//     while the same account's code on login.live.com is filled and left for the user to submit
//     (microsoft-pages.md §8: never submitted unless chosen).
//  2. Sites of each account: binding the Microsoft account to login.live.com alone takes effect at
//     once (login.microsoftonline.com no longer gets its code); a bad site is refused with its
//     reason and the saved sites stay.
import { addByUri } from '../lib/steps.mjs';
import { SIGNIN_CONSUMER, SIGNIN_PAGES } from './_lib/fixtures.mjs';
import { Checks, expectCode, expectStaysEmpty, sleep, startWithVault, withPage } from './_lib/flows.mjs';

const WORK = `https://login.microsoftonline.com${SIGNIN_PAGES.workPicker.path}`;
const LIVE = `https://login.live.com${SIGNIN_PAGES.oldUi.path}`;

/** Whether the fixture's form was submitted (it marks body[data-submitted] on submit). */
async function submitted(page, { ms = 2000 } = {}) {
  for (let waited = 0; waited < ms; waited += 100) {
    if (await page.evaluate(() => document.body.dataset.submitted === 'true')) return true;
    await sleep(100);
  }
  return false;
}

/** Waits for the page's notice to match (an earlier notice may still be showing). */
async function noticeMatching(page, pattern, { ms = 10_000 } = {}) {
  let last = null;
  for (let waited = 0; waited < ms; waited += 100) {
    last = await page.evaluate(() => document.querySelector('[data-testid="notice"]')?.textContent ?? null);
    if (last !== null && pattern.test(last)) return last;
    await sleep(100);
  }
  throw new Error(`the notice never matched ${pattern}; last: ${JSON.stringify(last)}`);
}

async function pickCodeOnWorkPage(page) {
  await page.trustedClick('[data-value=PhoneAppOTP]');
  await page.waitForElement(SIGNIN_PAGES.workPicker.input);
}

export default {
  name: 'settings-per-site',
  browsers: ['chromium', 'firefox'],
  timeout: 150_000,
  async run({ ext, assert }) {
    const checks = new Checks('settings-per-site');
    const popup = await startWithVault(ext);
    await addByUri(popup, SIGNIN_CONSUMER.uri);
    await popup.close();

    const options = await ext.openExtensionPage('options.html');
    await options.waitForState('unlocked');

    await checks.check(
      'a page typed as an auto-submit site is refused, naming the site to write',
      async () => {
        await options.fill('auto-submit-sites', 'https://login.microsoftonline.com/common/login');
        await options.click('settings-save');
        assert.match(
          await options.text('form-error', { timeout: 10_000 }),
          /line 1: .* is a page, but auto-submit is chosen per site: write login\.microsoftonline\.com/,
        );
      },
    );
    await checks.check('nothing was saved by the refused edit: login.live.com is filled, not submitted', () =>
      withPage(ext, WORK, async (page) => {
        await pickCodeOnWorkPage(page);
        await expectCode(page, SIGNIN_PAGES.workPicker.input, SIGNIN_CONSUMER.secret);
        if (await submitted(page)) throw new Error('submitted although no site was saved for auto-submit');
      }),
    );

    await checks.check('login.microsoftonline.com listed: saved in canonical form', async () => {
      await options.fill('auto-submit-sites', 'login.microsoftonline.com');
      await options.click('settings-save');
      await noticeMatching(options, /^Settings saved/);
    });
    await checks.check('listed site: the code is filled and the form submitted', () =>
      withPage(ext, WORK, async (page) => {
        await pickCodeOnWorkPage(page);
        await expectCode(page, SIGNIN_PAGES.workPicker.input, SIGNIN_CONSUMER.secret);
        if (!(await submitted(page, { ms: 5000 })))
          throw new Error('login.microsoftonline.com is listed, but the form was not submitted');
      }),
    );
    await checks.check('unlisted site of the same account: filled, not submitted', () =>
      withPage(ext, LIVE, async (page) => {
        await expectCode(page, SIGNIN_PAGES.oldUi.input, SIGNIN_CONSUMER.secret);
        if (await submitted(page))
          throw new Error('login.live.com is not listed, but the form was submitted');
      }),
    );

    await checks.check(
      'sites of an account: a bad site is refused with its reason, the sites stay',
      async () => {
        const before = await options.evaluate(
          () => document.querySelector('[data-testid="sites-input"]').value,
        );
        assert.match(before, /login\.live\.com/);
        await options.fill('sites-input', 'login.live.com, http://');
        await options.trustedClick('[data-testid="sites-save"]');
        await options.waitFor('sites-row');
        const error = await options.evaluate(async () => {
          for (let i = 0; i < 100; i += 1) {
            const text = document.querySelector(
              '[data-testid="sites-row"] [data-testid="form-error"]',
            )?.textContent;
            if (text) return text;
            await new Promise((r) => setTimeout(r, 100));
          }
          return null;
        });
        if (!error) throw new Error('no error under the account after saving a bad site');
        assert.match(error, /http:\/\//);
      },
    );
    await checks.check('sites of an account: login.live.com alone is saved and shown', async () => {
      await options.fill('sites-input', 'login.live.com');
      await options.trustedClick('[data-testid="sites-save"]');
      await noticeMatching(options, /^Saved the sites of Microsoft/);
      await options.reload();
      await options.waitForState('unlocked');
      await options.waitFor('sites-input');
      assert.equal(
        await options.evaluate(() => document.querySelector('[data-testid="sites-input"]').value),
        'login.live.com',
      );
    });
    await checks.check('the account no longer gets a code on login.microsoftonline.com', () =>
      withPage(ext, WORK, async (page) => {
        await pickCodeOnWorkPage(page);
        await expectStaysEmpty(page, [SIGNIN_PAGES.workPicker.input], { what: 'after unbinding it' });
      }),
    );
    await checks.check('and still gets it on login.live.com', () =>
      withPage(ext, LIVE, (page) => expectCode(page, SIGNIN_PAGES.oldUi.input, SIGNIN_CONSUMER.secret)),
    );
    checks.finish();
  },
};

// The language setting (issue 6): the browser's language by default (English in these browsers);
// German chosen on the settings page → the settings page and the popup speak German, with
// <html lang="de">; Japanese likewise; back to "the browser's language" → English again. The texts
// are read from the built catalogs (_locales/<lang>/messages.json), and each checked one must differ
// from English, so the story cannot pass on an untranslated page.
import fs from 'node:fs';
import path from 'node:path';
import { buildDir } from '../lib/extension.mjs';
import { openPopup } from '../lib/steps.mjs';
import { sleep, startWithVault } from './_lib/flows.mjs';

function catalog(browser, locale) {
  const file = path.join(buildDir(browser), '_locales', locale, 'messages.json');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Waits until the page's <html lang> and the text of a test id are as expected. */
async function expectPage(page, { lang, testId, text, what }) {
  let seen = null;
  for (let waited = 0; waited < 15_000; waited += 200) {
    seen = await page
      .evaluate(
        (id) => ({
          lang: document.documentElement.lang,
          text: document.querySelector(`[data-testid="${id}"]`)?.textContent.trim() ?? null,
        }),
        testId,
      )
      .catch(() => null);
    if (seen && seen.lang === lang && seen.text === text) return;
    await sleep(200);
  }
  throw new Error(
    `${what}: expected lang=${lang} and ${testId} ${JSON.stringify(text)}, saw ${JSON.stringify(seen)}`,
  );
}

async function chooseLanguage(page, value) {
  await page.evaluate((v) => {
    const select = document.querySelector('[data-testid="language"]');
    select.value = v;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
  await page.click('settings-save');
}

export default {
  name: 'language-setting',
  browsers: ['chromium', 'firefox'],
  timeout: 120_000,
  async run({ ext, browser }) {
    const en = catalog(browser, 'en');
    const popup = await startWithVault(ext);
    await popup.close();

    const options = await ext.openExtensionPage('options.html');
    await options.waitForState('unlocked');
    await expectPage(options, {
      lang: 'en',
      testId: 'settings-save',
      text: en.settingsSave.message,
      what: 'by default (browser language, English)',
    });

    for (const locale of ['de', 'ja']) {
      const messages = catalog(browser, locale);
      for (const key of ['settingsSave', 'accountsLock'])
        if (messages[key].message === en[key].message)
          throw new Error(`${locale}: ${key} is not translated (${JSON.stringify(en[key].message)})`);
      await chooseLanguage(options, locale);
      // Saving a new language loads the page again in it.
      await expectPage(options, {
        lang: locale,
        testId: 'settings-save',
        text: messages.settingsSave.message,
        what: `settings page after choosing ${locale}`,
      });
      const inPopup = await openPopup(ext, { state: ['unlocked'] });
      await expectPage(inPopup, {
        lang: locale,
        testId: 'lock-button',
        text: messages.accountsLock.message,
        what: `popup after choosing ${locale}`,
      });
      await inPopup.close();
      await options.waitForState('unlocked');
    }

    await chooseLanguage(options, 'browser');
    await expectPage(options, {
      lang: 'en',
      testId: 'settings-save',
      text: en.settingsSave.message,
      what: 'back to the browser language',
    });
  },
};

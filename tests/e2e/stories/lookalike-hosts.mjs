// Look-alike hosts serving byte-identical copies of the real sign-in pages get nothing: no code,
// no chooser naming accounts. The real login.live.com page is checked last as the control (so a
// pass on the look-alikes means "refused", not "the filler never works").
// Page facts covered (microsoft-pages.md): §1 origin binding (exact Microsoft hosts); §2.3 old UI
// and §2.4 new UI copies on login.live.com.evil.test (suffix trick), login-live.com (hyphen
// trick), xn--lgin-live-02h.com ("lоgin-live.com" with a Cyrillic о, punycode); §2.3
// login.microsoftonline.com's copy on xn--micrsoft-qbh.com ("micrоsoft.com" homograph).
import { addByUri } from '../lib/steps.mjs';
import { LOOKALIKE_WORK, LOOKALIKES, SIGNIN_CONSUMER, SIGNIN_PAGES } from './_lib/fixtures.mjs';
import {
  Checks,
  expectCode,
  expectNoAccountOffer,
  expectStaysEmpty,
  startWithVault,
  withPage,
} from './_lib/flows.mjs';

export default {
  name: 'lookalike-hosts',
  browsers: ['chromium', 'firefox'],
  timeout: 150_000,
  async run({ ext }) {
    const checks = new Checks('lookalike-hosts');
    const popup = await startWithVault(ext);
    await addByUri(popup, SIGNIN_CONSUMER.uri);

    for (const host of LOOKALIKES) {
      for (const which of ['oldUi', 'newUi']) {
        const { path, input } = SIGNIN_PAGES[which];
        await checks.check(`${host}${path}: nothing filled, no account offered`, () =>
          withPage(ext, `https://${host}${path}`, async (page) => {
            await expectStaysEmpty(page, [input], { ms: 2000 });
            await expectNoAccountOffer(page);
          }),
        );
      }
    }
    await checks.check(
      `${LOOKALIKE_WORK}${SIGNIN_PAGES.workPicker.path} → verification code: nothing filled`,
      () =>
        withPage(ext, `https://${LOOKALIKE_WORK}${SIGNIN_PAGES.workPicker.path}`, async (page) => {
          await page.trustedClick('[data-value=PhoneAppOTP]');
          await expectStaysEmpty(page, [SIGNIN_PAGES.workPicker.input], { ms: 2000 });
          await expectNoAccountOffer(page);
        }),
    );
    await checks.check('control: the real login.live.com/login.srf is filled', () =>
      withPage(ext, `https://login.live.com${SIGNIN_PAGES.oldUi.path}`, (page) =>
        expectCode(page, SIGNIN_PAGES.oldUi.input, SIGNIN_CONSUMER.secret),
      ),
    );
    checks.finish();
  },
};

// With a Microsoft account in the vault (added by URI: issuer Microsoft binds the Microsoft hosts
// by default), the sign-in and identity pages that ask for the AUTHENTICATOR code are filled, and
// the pages asking for a code Microsoft SENT (email/SMS) are not.
// Page facts covered (microsoft-pages.md):
//   §2.3 old Converged UI on login.live.com/login.srf: #idTxtBx_SAOTCC_OTC (name=otc, tel,
//        maxlength 6), description naming the Microsoft Authenticator app → FILLED;
//   §2.3 "Trap": the same input with an SMS description (ppsecure/post.srf) → NOT filled;
//   §2.4 new UI (oauth20_authorize.srf): form[name=OneTimeCodeViewForm], visible type=text input
//        with a generated floatingLabelInputN id, controlled like React → FILLED and the value
//        survives re-renders; hidden twin input[name=otc]#otc-confirmation-input stays EMPTY;
//   §2.5 account.live.com/identity/confirm: #iVerifyText FILLED, #iOttText (email code) EMPTY;
//   §2.6 segmented email code #codeEntry-0…5 (no maxlength) and #idTxtBx_OTC_Password
//        (maxlength 10) → NOT filled;
//   §2.3 login.microsoftonline.com (work/school): method picker #idDiv_SAOTCS_Proofs →
//        [data-value=PhoneAppOTP] swaps in "Enter code" → FILLED (with a work account:
//        otpauth://totp/Contoso%3Apat%40contoso.example…); choosing OneWaySMS instead → NOT filled.
//   §1 origin binding: a Microsoft account binds login.live.com, account.live.com,
//        login.microsoftonline.com, login.microsoft.com.
//   §8 no auto-submit: the forms are filled, never submitted.
import { addByUri } from '../lib/steps.mjs';
import { SIGNIN_CONSUMER, SIGNIN_PAGES, SIGNIN_WORK } from './_lib/fixtures.mjs';
import {
  Checks,
  deleteAccount,
  expectCode,
  expectStaysEmpty,
  sleep,
  startWithVault,
  withPage,
} from './_lib/flows.mjs';

const live = (path) => `https://login.live.com${path}`;

/** §8: fill, never submit (the fixtures mark <body data-submitted> on submit). */
async function expectNotSubmitted(page) {
  await sleep(300);
  const submitted = await page.evaluate(() => document.body.dataset.submitted ?? null);
  if (submitted) throw new Error('the form was submitted after the fill (no auto-submit by default)');
}

export default {
  name: 'ms-signin-fill',
  browsers: ['chromium', 'firefox'],
  timeout: 180_000,
  async run({ ext }) {
    const checks = new Checks('ms-signin-fill');
    const popup = await startWithVault(ext);
    await addByUri(popup, SIGNIN_CONSUMER.uri);
    const A = SIGNIN_CONSUMER.secret;

    await checks.check('login.live.com old UI (authenticator description): #idTxtBx_SAOTCC_OTC filled', () =>
      withPage(ext, live(SIGNIN_PAGES.oldUi.path), async (page) => {
        await expectCode(page, SIGNIN_PAGES.oldUi.input, A);
        await expectNotSubmitted(page);
      }),
    );
    await checks.check(
      'login.live.com new UI: visible input filled and kept by the React-like state, hidden twin empty',
      () =>
        withPage(ext, live(SIGNIN_PAGES.newUi.path), async (page) => {
          const code = await expectCode(page, SIGNIN_PAGES.newUi.input, A);
          await sleep(1000); // the component re-renders from its state every 400 ms
          const after = await page.valueOf(SIGNIN_PAGES.newUi.input);
          if (after !== code)
            throw new Error(
              `the value became ${JSON.stringify(after)} after a re-render: no input event reached the component`,
            );
          const twin = await page.valueOf(SIGNIN_PAGES.newUi.hiddenTwin);
          if (twin !== '') throw new Error(`the hidden name=otc twin holds ${JSON.stringify(twin)}`);
          await expectNotSubmitted(page);
        }),
    );
    await checks.check('account.live.com identity confirm: #iVerifyText filled, #iOttText empty', () =>
      withPage(ext, 'https://account.live.com/identity/confirm', async (page) => {
        await expectCode(page, '#iVerifyText', A);
        const ott = await page.valueOf('#iOttText');
        if (ott !== '') throw new Error(`#iOttText (email code) holds ${JSON.stringify(ott)}`);
      }),
    );
    await checks.check('login.live.com old UI with an SMS description: not filled', () =>
      withPage(ext, live(SIGNIN_PAGES.oldUiSms.path), (page) =>
        expectStaysEmpty(page, [SIGNIN_PAGES.oldUiSms.input]),
      ),
    );
    await checks.check('login.live.com segmented email code #codeEntry-0..5: not filled', () =>
      withPage(ext, live(SIGNIN_PAGES.emailSegmented.path), (page) =>
        expectStaysEmpty(page, SIGNIN_PAGES.emailSegmented.inputs),
      ),
    );
    await checks.check('login.live.com sent-code box #idTxtBx_OTC_Password: not filled', () =>
      withPage(ext, live(SIGNIN_PAGES.sentSingle.path), (page) =>
        expectStaysEmpty(page, [SIGNIN_PAGES.sentSingle.input]),
      ),
    );

    // Work/school: only the work account in the vault, so the filled code can only be its own.
    await deleteAccount(popup, SIGNIN_CONSUMER.label);
    await addByUri(popup, SIGNIN_WORK.uri);
    const work = `https://login.microsoftonline.com${SIGNIN_PAGES.workPicker.path}`;
    await checks.check(
      'login.microsoftonline.com: picker → "Use a verification code" → #idTxtBx_SAOTCC_OTC filled',
      () =>
        withPage(ext, work, async (page) => {
          await page.trustedClick('[data-value=PhoneAppOTP]');
          await page.waitForElement(SIGNIN_PAGES.workPicker.input);
          await expectCode(page, SIGNIN_PAGES.workPicker.input, SIGNIN_WORK.secret);
        }),
    );
    await checks.check('login.microsoftonline.com: picker → "Text +XX…12" (SMS) → not filled', () =>
      withPage(ext, work, async (page) => {
        await page.trustedClick('[data-value=OneWaySMS]');
        await expectStaysEmpty(page, [SIGNIN_PAGES.workPicker.input]);
      }),
    );

    // Two Microsoft accounts bound to the same sign-in host: the page gets a chooser naming both
    // (never the codes), and only the account the user picks is filled.
    await addByUri(popup, SIGNIN_CONSUMER.uri);
    await checks.check('several matching accounts: an in-page chooser, the chosen account is filled', () =>
      withPage(ext, live(SIGNIN_PAGES.oldUi.path), async (page) => {
        await page.waitForPrompt({ kind: 'choose', timeout: 15_000 });
        const titles = await page.evaluate(() =>
          [
            ...document
              .querySelector('twostep-prompt')
              .shadowRoot.querySelectorAll('[data-testid="twostep-choice"]'),
          ].map((b) => b.textContent),
        );
        for (const name of [SIGNIN_CONSUMER.label, SIGNIN_WORK.label])
          if (!titles.some((t) => t.includes(name)))
            throw new Error(`the chooser does not name ${name}: ${JSON.stringify(titles)}`);
        const index = titles.findIndex((t) => t.includes(SIGNIN_WORK.label));
        if (index < 0) throw new Error(`no choice names ${SIGNIN_WORK.label}: ${JSON.stringify(titles)}`);
        const before = await page.valueOf(SIGNIN_PAGES.oldUi.input);
        if (before !== '') throw new Error(`the field was filled before a choice: ${JSON.stringify(before)}`);
        await page.clickPrompt('twostep-choice', { index });
        await expectCode(page, SIGNIN_PAGES.oldUi.input, SIGNIN_WORK.secret);
      }),
    );
    checks.finish();
  },
};

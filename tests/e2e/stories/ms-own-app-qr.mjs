// QR codes for Microsoft's OWN Authenticator app are not TOTP secrets: the prompt explains and
// points at the "different authenticator app" link, and nothing is saved.
// Page facts covered (microsoft-pages.md): §5 https://login.microsoftonline.com/authenticatorApp/
// activateAccount?source=qrCode&accountType=msa&code=…&uaid=… on account.live.com/proofs/EnableTfa
// (consumer) and phonefactor://activate_account?code=<9 digits>&url=https%3a%2f%2f… (lowercase
// escapes) on mysignins.microsoft.com (work/school default path); §2.1 "Set up a different
// Authenticator app" (#iSelectProofTypeAlternate); §2.2 "I want to use a different authenticator
// app". Also: after following the link on the same page, the view's TOTP QR gives an "account" prompt.
import { ENABLETFA, MYSIGNINS } from './_lib/fixtures.mjs';
import {
  Checks,
  PROMPT_TIMEOUT,
  reopenPopup,
  settledAccountCount,
  sleep,
  startWithVault,
  withPage,
} from './_lib/flows.mjs';

const ADVICE = /different authenticator app/i;

async function expectOwnAppPrompt(page) {
  const seen = await page.waitForPrompt({ kind: 'microsoft-app', timeout: PROMPT_TIMEOUT });
  if (!ADVICE.test(seen.text ?? ''))
    throw new Error(`advice ${JSON.stringify(seen.text)} does not mention ${ADVICE}`);
  if (seen.testIds.includes('twostep-save')) throw new Error('the microsoft-app prompt offers Save');
}

export default {
  name: 'ms-own-app-qr',
  browsers: ['chromium', 'firefox'],
  timeout: 90_000,
  async run({ ext }) {
    const checks = new Checks('ms-own-app-qr');
    const popup = await startWithVault(ext);

    const consumer = await ext.openUrl(ENABLETFA.url);
    await checks.check('consumer activateAccount QR: "microsoft-app" advice, no Save', () =>
      expectOwnAppPrompt(consumer),
    );
    await checks.check('work/school phonefactor:// QR: "microsoft-app" advice, no Save', () =>
      withPage(ext, MYSIGNINS.url, async (page) => {
        await page.trustedClick('[data-automation-id=SecurityInfoRegister]');
        await page.trustedClick('[role=dialog] .method-option', { text: 'Microsoft Authenticator' });
        await page.waitForElement('[role=dialog] b', { text: 'Start by getting the app' });
        await page.trustedClick('[role=dialog] button', { text: 'Next' });
        await page.waitForElement('[role=dialog] b', { text: 'Scan the QR code' });
        await page.waitForElement('[role=dialog] .qr img');
        await expectOwnAppPrompt(page);
      }),
    );
    await checks.check('nothing was saved', async () => {
      await sleep(500);
      await reopenPopup(popup);
      const n = await settledAccountCount(popup);
      if (n !== 0) throw new Error(`${n} account(s) listed`);
    });
    await checks.check(
      'following the advice ("Set up a different Authenticator app") swaps in a TOTP QR: the prompt becomes "account" by itself',
      async () => {
        await consumer.trustedClick('#iSelectProofTypeAlternate');
        await consumer.waitForElement('#iAddTotpCode');
        await consumer.waitForPrompt({ kind: 'account', timeout: PROMPT_TIMEOUT });
      },
    );
    checks.finish();
  },
};

// Work/school authenticator setup on mysignins.microsoft.com/security-info, through the dialog:
// "Add sign-in method" → "Microsoft Authenticator" → "I want to use a different authenticator app"
// → Next → "Scan the QR code" (+ "Can't scan image?" panel) → Save → Next → "Enter code" filled.
// Page facts covered (microsoft-pages.md): §2.2 React-like SPA, steps in a [role=dialog],
// generated ids, "Can't scan image?" reveals Account name "Contoso: pat@contoso.example" and the
// Secret key (4×4, spaces, lowercase) with Copy buttons; verify input unknown (a 6-digit text
// input in the dialog, appearing on a LATER step); §3 QR as <img src="blob:…">; §4 work/school URI
// otpauth://totp/Contoso%3Apat%40contoso.example?secret=<lowercase>&issuer=Microsoft (label/issuer
// mismatch accepted; issuer Microsoft, account = the UPN).
import { expectTotpCodes, readAccounts } from '../lib/steps.mjs';
import { MYSIGNINS } from './_lib/fixtures.mjs';
import { Checks, expectCode, PROMPT_TIMEOUT, reopenPopup, startWithVault } from './_lib/flows.mjs';

export default {
  name: 'ms-setup-mysignins',
  browsers: ['chromium', 'firefox'],
  timeout: 90_000,
  async run({ ext }) {
    const checks = new Checks('ms-setup-mysignins');
    const popup = await startWithVault(ext);

    const page = await ext.openUrl(MYSIGNINS.url);
    // Each click re-renders the dialog ~200 ms later: wait for the next step before clicking on.
    await page.trustedClick('[data-automation-id=SecurityInfoRegister]');
    await page.trustedClick('[role=dialog] .method-option', { text: 'Microsoft Authenticator' });
    await page.trustedClick('[role=dialog] a', { text: 'I want to use a different authenticator app' });
    await page.waitForElement('[role=dialog] b', { text: 'Set up your account' });
    await page.trustedClick('[role=dialog] button', { text: 'Next' });
    await page.waitForElement('[role=dialog] b', { text: 'Scan the QR code' });
    await page.waitForElement('[role=dialog] .qr img');

    const saved = await checks.check(
      'prompt "account" names Microsoft and pat@contoso.example → Save → "Saved"',
      async () => {
        const seen = await page.waitForPrompt({ kind: 'account', timeout: PROMPT_TIMEOUT });
        if (!/Microsoft/.test(seen.text) || !/pat@contoso\.example/.test(seen.text)) {
          throw new Error(
            `prompt text ${JSON.stringify(seen.text)} should name Microsoft and pat@contoso.example`,
          );
        }
        await page.clickPrompt('twostep-save');
        await page.waitForPromptText('twostep-status', /saved/i);
      },
    );
    if (saved) {
      await checks.check('Next → the "Enter code" input in the dialog gets the reference code', async () => {
        await page.trustedClick('[role=dialog] button', { text: 'Next' });
        await page.waitForElement('[role=dialog] b', { text: 'Enter code' });
        await page.waitForElement(MYSIGNINS.verifyInput);
        await expectCode(page, MYSIGNINS.verifyInput, MYSIGNINS.secret);
      });
      await checks.check(
        'the popup lists issuer Microsoft, account pat@contoso.example, reference code',
        async () => {
          await reopenPopup(popup);
          await popup.waitForCount('account-row', 1);
          const [row] = await readAccounts(popup);
          if (!/Microsoft/.test(row.issuer ?? ''))
            throw new Error(`issuer shown: ${JSON.stringify(row.issuer)}`);
          await expectTotpCodes(popup, [{ label: MYSIGNINS.upn, secret: MYSIGNINS.secret }]);
        },
      );
    }
    checks.finish();
  },
};

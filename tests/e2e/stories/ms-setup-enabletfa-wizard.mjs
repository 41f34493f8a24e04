// The whole consumer two-step wizard on account.live.com/proofs/EnableTfa, one page whose views
// are swapped by script (no navigation): Microsoft's own-app QR → "Set up a different
// Authenticator app" → TOTP QR (canvas) → Save → verify code filled → Next → recovery code → Save.
// Page facts covered (microsoft-pages.md): §2.1 wizard path and ids (#iSelectProofTypeAlternate,
// #iShowPlainLink, #iActivationCode, #iNext); §5 the activateAccount QR is not TOTP (advice, no
// save); §8 late rendering and view swaps without navigation; §2.7 #RecoveryCode step, "Your new
// recovery code:" <b>5×5</b>, #iOptTfaEnabledRecoveryCodeNext.
import { expectTotpCodes } from '../lib/steps.mjs';
import { ENABLETFA } from './_lib/fixtures.mjs';
import {
  Checks,
  expectCode,
  PROMPT_TIMEOUT,
  reopenPopup,
  revealAllSecrets,
  startWithVault,
} from './_lib/flows.mjs';

export default {
  name: 'ms-setup-enabletfa-wizard',
  browsers: ['chromium', 'firefox'],
  timeout: 90_000,
  async run({ ext }) {
    const checks = new Checks('ms-setup-enabletfa-wizard');
    const popup = await startWithVault(ext);
    const page = await ext.openUrl(ENABLETFA.url);

    await checks.check('own-app QR view: prompt "microsoft-app"', () =>
      page.waitForPrompt({ kind: 'microsoft-app', timeout: PROMPT_TIMEOUT }),
    );
    await page.trustedClick('#iSelectProofTypeAlternate');
    await page.waitForElement('#iAddTotpCode');
    const replaced = await checks.check(
      'the view swap replaces the stale advice with an "account" prompt by itself',
      () => page.waitForPrompt({ kind: 'account', timeout: PROMPT_TIMEOUT }),
    );
    if (!replaced) {
      // Go on as a user would: close the stale advice, then the account offer should follow.
      await page.clickPrompt('twostep-dismiss').catch(() => {});
    }
    const saved = await checks.check(
      'TOTP view (same page, swapped): prompt "account" → Save → "Saved"',
      async () => {
        const seen = await page.waitForPrompt({ kind: 'account', timeout: PROMPT_TIMEOUT });
        if (!/Microsoft/.test(seen.text) || !/pat@outlook\.example/.test(seen.text)) {
          throw new Error(
            `prompt text ${JSON.stringify(seen.text)} should name Microsoft and pat@outlook.example`,
          );
        }
        await page.clickPrompt('twostep-save');
        await page.waitForPromptText('twostep-status', /saved/i);
      },
    );
    if (saved) {
      await checks.check('the wizard verify input gets the reference code', () =>
        expectCode(page, ENABLETFA.verifyInput, ENABLETFA.secret),
      );
    }
    await page.trustedClick('#iNext');
    await page.waitForElement('#RecoveryCode');
    await checks.check('recovery step: prompt "recoveryCode" → Save → "Saved"', async () => {
      await page.waitForPrompt({ kind: 'recoveryCode', timeout: PROMPT_TIMEOUT });
      await page.clickPrompt('twostep-save');
      await page.waitForPromptText('twostep-status', /saved/i);
    });

    await checks.check('popup: the account with the reference code', async () => {
      await reopenPopup(popup);
      await popup.waitForCount('account-row', 1);
      await expectTotpCodes(popup, [
        { issuer: 'Microsoft', label: ENABLETFA.account, secret: ENABLETFA.secret },
      ]);
    });
    await checks.check('popup passwords view: the recovery code', async () => {
      const { revealed } = await revealAllSecrets(popup, { min: 1 });
      if (!revealed.some((r) => r.value === ENABLETFA.recoveryCode)) {
        throw new Error(`no row shows ${ENABLETFA.recoveryCode}: ${JSON.stringify(revealed)}`);
      }
    });
    checks.finish();
  },
};

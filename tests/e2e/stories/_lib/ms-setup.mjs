// The consumer setup story, shared by the ms-setup-<variant> stories (one per QR rendering).
import { expectTotpCodes } from '../../lib/steps.mjs';
import { SETUP_ACCOUNT, SETUP_SECRETS, SETUP_VERIFY_INPUT, setupUrl } from './fixtures.mjs';
import {
  Checks,
  expectCode,
  PROMPT_TIMEOUT,
  reopenPopup,
  settledAccountCount,
  sleep,
  startWithVault,
  withPage,
} from './flows.mjs';

const MICROSOFT = /Microsoft/;
const ACCOUNT = new RegExp(SETUP_ACCOUNT.replace(/[.@]/g, (c) => `\\${c}`));

/**
 * 1. (QR variants) the page WITHOUT the key text: the account prompt can only come from decoding
 *    this QR rendering;
 * 2. the real page (QR + hidden key text): prompt `account` naming Microsoft and the account →
 *    (optionally: an untrusted click on Save is ignored) → trusted Save → status "Saved" → the
 *    verify input gets the reference TOTP code → the popup lists the account with the same code.
 */
export async function consumerSetupStory({ ext }, variant, { story, untrustedCheck = false } = {}) {
  const secret = SETUP_SECRETS[variant];
  const checks = new Checks(story);
  const popup = await startWithVault(ext);

  if (variant !== 'none') {
    await checks.check(`QR alone (${variant}, key text removed) gives the account prompt`, () =>
      withPage(ext, setupUrl(variant, { keyText: false }), async (page) => {
        const seen = await page.waitForPrompt({ kind: 'account', timeout: PROMPT_TIMEOUT });
        if (!MICROSOFT.test(seen.text) || !ACCOUNT.test(seen.text)) {
          throw new Error(
            `prompt text ${JSON.stringify(seen.text)} should name Microsoft and ${SETUP_ACCOUNT}`,
          );
        }
      }),
    );
  }

  const page = await ext.openUrl(setupUrl(variant));
  const prompted = await checks.check('prompt kind "account" names Microsoft and the account', async () => {
    const seen = await page.waitForPrompt({ kind: 'account', timeout: PROMPT_TIMEOUT });
    if (!MICROSOFT.test(seen.text) || !ACCOUNT.test(seen.text)) {
      throw new Error(`prompt text ${JSON.stringify(seen.text)} should name Microsoft and ${SETUP_ACCOUNT}`);
    }
  });
  if (prompted && untrustedCheck) {
    await checks.check('an untrusted click on Save (page script) is ignored', async () => {
      await page.untrustedClickPrompt('twostep-save');
      await sleep(1000);
      const seen = await page.promptState();
      if (/saved/i.test(seen?.status ?? '')) throw new Error(`status says ${JSON.stringify(seen.status)}`);
      await reopenPopup(popup);
      const n = await settledAccountCount(popup);
      if (n !== 0) throw new Error(`${n} account(s) saved by an untrusted click`);
    });
  }
  const saved =
    prompted &&
    (await checks.check('trusted Save → status "Saved"', async () => {
      await page.clickPrompt('twostep-save');
      await page.waitForPromptText('twostep-status', /saved/i);
    }));
  if (saved) {
    await checks.check('the verify input gets the reference TOTP code', () =>
      expectCode(page, SETUP_VERIFY_INPUT, secret),
    );
    await checks.check('the popup lists Microsoft / the account with the reference code, once', async () => {
      await reopenPopup(popup);
      await popup.waitForCount('account-row', 1);
      await expectTotpCodes(popup, [{ issuer: 'Microsoft', label: SETUP_ACCOUNT, secret }]);
    });
  }
  checks.finish();
}

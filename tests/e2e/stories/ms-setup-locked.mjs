// Consumer setup while the vault is LOCKED: the finding is queued (sealed into the inbox) and saved
// at the next unlock, exactly once; visiting the page again never duplicates it.
// Page facts covered (microsoft-pages.md): §2.1 account.live.com/proofs/Add?apt=3 (same-origin
// <img> QR + hidden NBSP key text); §4 consumer URI. Protocol: SaveResult "queued"
// (lib/messaging/content-protocol.ts) → status "Unlock TwoStep to finish saving" (README).
import { expectTotpCodes, lock, readAccounts, unlock } from '../lib/steps.mjs';
import { SETUP_ACCOUNT, SETUP_SECRETS, setupUrl } from './_lib/fixtures.mjs';
import {
  Checks,
  PROMPT_TIMEOUT,
  reopenPopup,
  settledAccountCount,
  sleep,
  startWithVault,
  withPage,
} from './_lib/flows.mjs';

const VARIANT = 'img-same-origin';
const SECRET = SETUP_SECRETS[VARIANT];
const ACCOUNT = { issuer: 'Microsoft', label: SETUP_ACCOUNT, secret: SECRET };

export default {
  name: 'ms-setup-locked',
  browsers: ['chromium', 'firefox'],
  timeout: 120_000,
  async run({ ext }) {
    const checks = new Checks('ms-setup-locked');
    const popup = await startWithVault(ext);
    await lock(popup);

    const page = await ext.openUrl(setupUrl(VARIANT));
    const queued = await checks.check(
      'locked: prompt "account" → trusted Save → status asks to unlock',
      async () => {
        await page.waitForPrompt({ kind: 'account', timeout: PROMPT_TIMEOUT });
        await page.clickPrompt('twostep-save');
        await page.waitForPromptText('twostep-status', /unlock/i);
      },
    );
    await checks.check('nothing is listed before the unlock', async () => {
      await reopenPopup(popup);
      await popup.waitForState('locked');
    });

    await unlock(popup);
    if (queued) {
      await checks.check(
        'after unlocking, the account appears exactly once with the reference code',
        async () => {
          await popup.waitForCount('account-row', 1);
          await expectTotpCodes(popup, [ACCOUNT]);
        },
      );
      await checks.check('lock + unlock again: still exactly one (the inbox is not replayed)', async () => {
        await lock(popup);
        await unlock(popup);
        const n = await settledAccountCount(popup);
        if (n !== 1) throw new Error(`${n} accounts listed`);
      });
    }
    await page.close();

    await checks.check('visiting the setup page again (and even pressing Save) does not duplicate it', () =>
      withPage(ext, setupUrl(VARIANT), async (again) => {
        // Either no Save is offered (already saved) or Save reports a duplicate: both keep one row.
        const seen = await again.waitForPrompt({ timeout: 6000 }).catch(() => null);
        if (seen?.testIds.includes('twostep-save')) {
          await again.clickPrompt('twostep-save');
          await again.waitForPromptText('twostep-status', /.+/).catch(() => {});
        }
        await sleep(1000);
        await reopenPopup(popup);
        const n = await settledAccountCount(popup);
        if (n !== 1) throw new Error(`${n} accounts listed: ${JSON.stringify(await readAccounts(popup))}`);
      }),
    );
    checks.finish();
  },
};

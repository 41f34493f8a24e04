// Recovery codes and app passwords are captured right after they are shown, saved on a trusted
// click, and listed (masked until revealed) in the popup's passwords view; the IMAP migration
// export writes them as Exchange expects.
// Page facts covered (microsoft-pages.md):
//   §2.7 recovery code: 5 groups of 5 [A-Z0-9] joined by "-"; wizard step #RecoveryCode with the
//        code in a <b> after "Your new recovery code:" (/proofs/EnableTfa?step=recovery); "Generate
//        a new code" on /proofs/Manage/additional: confirm, POST /API/Proofs/GenerateRecoveryCode
//        → JSON, code shown in a [role=dialog]; the new code supersedes the old one (keep the old
//        one, marked superseded);
//   §2.8/§7 app passwords, each shown once after a Create/Generate click in a panel or dialog:
//        Microsoft account.live.com/proofs/AppPassword (16 lowercase), Google
//        myaccount.google.com/apppasswords (4×4 with spaces, spans; stored without spaces), Yahoo
//        login.yahoo.com (16 letters), Apple account.apple.com (xxxx-xxxx-xxxx-xxxx, hyphens
//        kept), Fastmail app.fastmail.com (format unknown; context only), Zoho accounts.zoho.com
//        (12 characters shown 3×4 with spaces; stored without spaces);
//   §7.1 export CSV: header EmailAddress,UserName,Password; EmailAddress = the target Office 365
//        mailbox; Password = the app password without display spaces (Apple's hyphens kept).
import { APP_PASSWORDS, ENABLETFA, RECOVERY_DIALOG } from './_lib/fixtures.mjs';
import {
  Checks,
  PROMPT_TIMEOUT,
  readSecretRows,
  reopenPopup,
  revealAllSecrets,
  saveFromPrompt,
  startWithVault,
  withPage,
} from './_lib/flows.mjs';

const TARGET = 'pat@contoso.example';
const compact = (s) => (s ?? '').replace(/\s/g, '');

export default {
  name: 'recovery-and-app-passwords',
  browsers: ['chromium', 'firefox'],
  timeout: 180_000,
  async run({ ext }) {
    const checks = new Checks('recovery-and-app-passwords');
    const popup = await startWithVault(ext);

    await checks.check('EnableTfa recovery step #RecoveryCode → prompt "recoveryCode" → Save → "Saved"', () =>
      withPage(ext, `${ENABLETFA.url}?step=recovery`, (page) =>
        saveFromPrompt(page, { kind: 'recoveryCode' }),
      ),
    );
    await checks.check('"Generate a new code" dialog → prompt "recoveryCode" → Save → "Saved"', () =>
      withPage(ext, RECOVERY_DIALOG.url, async (page) => {
        await page.trustedClick('#iGenerateRecoveryCodeLink');
        await page.trustedClick('#rcGenerate');
        await page.waitForElement('#rcTitle');
        await saveFromPrompt(page, { kind: 'recoveryCode' });
      }),
    );
    for (const app of APP_PASSWORDS) {
      await checks.check(`${app.provider}: Create/Generate → prompt "appPassword" → Save → "Saved"`, () =>
        withPage(ext, app.url, async (page) => {
          for (const step of app.steps) {
            if (step.type) await page.typeInto(step.type, step.text);
            else await page.trustedClick(step.click);
          }
          const seen = await page.waitForPrompt({ kind: 'appPassword', timeout: PROMPT_TIMEOUT });
          if (seen.text?.includes(app.shown) || seen.text?.includes(app.stored)) {
            throw new Error(`the prompt shows the password itself: ${JSON.stringify(seen.text)}`);
          }
          await page.clickPrompt('twostep-save');
          await page.waitForPromptText('twostep-status', /saved/i);
        }),
      );
    }

    await reopenPopup(popup);
    let revealed = [];
    await checks
      .check('passwords view lists every saved item, masked until revealed', async () => {
        const out = await revealAllSecrets(popup, { min: 2 + APP_PASSWORDS.length, timeout: 8000 });
        revealed = out.revealed;
        for (const app of APP_PASSWORDS) {
          if (out.masked.some((r) => compact(r.value) === compact(app.stored))) {
            throw new Error(`${app.provider}'s password is visible before secret-reveal`);
          }
        }
      })
      .then(async (ok) => {
        if (!ok) revealed = await readSecretRows(popup).catch(() => []);
      });
    await checks.check('recovery codes: the dialog one and the wizard one are listed', () => {
      for (const code of [RECOVERY_DIALOG.code, ENABLETFA.recoveryCode]) {
        const row = revealed.find((r) => r.value === code);
        if (!row) throw new Error(`no row shows ${code}: ${JSON.stringify(revealed)}`);
        if (!/recovery/i.test(`${row.kind} ${row.title}`))
          throw new Error(`row for ${code} is not marked as a recovery code: ${JSON.stringify(row)}`);
      }
    });
    await checks.check('the older recovery code of the same account is marked superseded (§2.7)', () => {
      const old = revealed.find((r) => r.value === ENABLETFA.recoveryCode);
      if (!old || !/supersed|replaced|old|no longer/i.test(old.text)) {
        throw new Error(`the wizard's code row says nothing about being superseded: ${JSON.stringify(old)}`);
      }
    });
    for (const app of APP_PASSWORDS) {
      await checks.check(
        `${app.provider}: listed as an app password, value ${JSON.stringify(app.stored)}`,
        () => {
          const row = revealed.find((r) => compact(r.value) === compact(app.stored));
          if (!row) throw new Error(`no row shows it: ${JSON.stringify(revealed)}`);
          if (app.stored.includes('-') && row.value !== app.stored) {
            throw new Error(`stored as ${JSON.stringify(row.value)}: Apple's hyphens must be kept`);
          }
          if (!app.name.test(`${row.kind} ${row.title}`))
            throw new Error(`row does not name ${app.provider}: ${JSON.stringify(row)}`);
          if (!/app password|app-specific/i.test(`${row.kind} ${row.title}`))
            throw new Error(`row is not marked as an app password: ${JSON.stringify(row)}`);
        },
      );
    }

    await checks.check('export CSV of the Google app password: exact header and row (§7.1)', async () => {
      // One CSV per provider (one IMAP server per batch): choose only the Google row.
      const googleSelect = await popup.evaluate(() =>
        [...document.querySelectorAll('[data-testid="secret-select"]')].findIndex((box) =>
          /google/i.test(box.closest('[data-testid="secret-row"]')?.textContent ?? ''),
        ),
      );
      await popup.click('export-csv');
      if (googleSelect < 0) throw new Error('no secret-select checkbox on a Google row');
      await popup.click('secret-select', { index: googleSelect });
      await popup.fill('export-destination', TARGET);
      await popup.click('export-submit');
      const preview = await popup.text('export-preview');
      const lines = preview.split(/\r?\n/).filter((l) => l !== '');
      const want = ['EmailAddress,UserName,Password', `${TARGET},pat.smith@gmail.example,hjktwmpqzrxvbnsd`];
      if (JSON.stringify(lines) !== JSON.stringify(want)) {
        throw new Error(`preview is ${JSON.stringify(lines)}, expected ${JSON.stringify(want)}`);
      }
    });
    checks.finish();
  },
};

// Accessibility (issue 6): axe-core's WCAG 2 A/AA rules find nothing serious or critical on every
// page and state the user meets, in the light AND the dark colour scheme (the pages follow the
// system through prefers-color-scheme, so both palettes get a contrast check).
//
// Pages and states: popup first run (setup), unlocked with TOTP + HOTP accounts, a row's rename
// form, the add view (advanced fields open), the popup settings view, the passwords view with a
// saved app password and recovery code (captured from the fixture pages as in
// recovery-and-app-passwords) and its CSV export form, the locked popup; the options page, the
// transfer page (import with a preview, backup, plain export confirmed), the welcome page; a
// Microsoft setup fixture page with TwoStep's in-page prompt (an open shadow root, which axe
// enters by itself) and its "Saved" status.
//
// Each page's theme switch is checked (its background really turns dark), so the dark run cannot
// silently re-test the light palette. E2E_A11Y_REPORT=1 prints the findings of every impact.
import { countByImpact, expectNoSeriousViolations, formatViolations, setColorScheme } from '../lib/axe.mjs';
import { addByUri, createVault, lock, openPopup, unlock } from '../lib/steps.mjs';
import { APP_PASSWORDS, ENABLETFA, setupUrl } from './_lib/fixtures.mjs';
import { Checks, PROMPT_TIMEOUT, reopenPopup, saveFromPrompt, withPage } from './_lib/flows.mjs';

const SCHEMES = ['light', 'dark'];
const TOTP_URI = 'otpauth://totp/Contoso:pat@contoso.example?secret=JBSWY3DPEHPK3PXP&issuer=Contoso';
const HOTP_URI = 'otpauth://hotp/Example:hotp@example.com?secret=GEZDGNBVGY3TQOJQ&issuer=Example&counter=0';
const IMPORT_TEXT = [
  'otpauth://totp/GitHub:pat?secret=KRSXG5CTMVRXEZLU&issuer=GitHub',
  'otpauth://totp/Fastmail:pat@fastmail.example?secret=MFRGGZDFMZTWQ2LK&issuer=Fastmail',
].join('\n');
const PROMPT_BOX = ['twostep-prompt', '[data-testid="twostep-prompt"]'];

/**
 * The relative luminance (0 black … 1 white) of an element's background; `path` steps into open
 * shadow roots like page.valueOf's. The first element up the tree with an opaque background counts.
 */
async function backgroundLuminance(page, path = ['body']) {
  const out = await page.evaluate((steps) => {
    let root = document;
    let el = null;
    for (const step of steps) {
      el = (el?.shadowRoot ?? root).querySelector(step);
      if (!el) return { error: `no ${step}` };
      root = el.shadowRoot ?? root;
    }
    for (let e = el; e; e = e.parentElement) {
      const m = getComputedStyle(e).backgroundColor.match(/[\d.]+/g);
      if (m && (m[3] === undefined || Number(m[3]) > 0.9)) {
        const [r, g, b] = m.slice(0, 3).map((c) => {
          const s = Number(c) / 255;
          return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return {
          luminance: 0.2126 * r + 0.7152 * g + 0.0722 * b,
          color: getComputedStyle(e).backgroundColor,
        };
      }
    }
    return { luminance: 1, color: 'transparent (canvas white)' };
  }, path);
  if (out.error) throw new Error(`backgroundLuminance: ${out.error}`);
  return out;
}

export default {
  name: 'accessibility',
  browsers: ['chromium', 'firefox'],
  timeout: 300_000,
  async run({ ext, browser }) {
    const checks = new Checks('accessibility');
    const report = [];

    /**
     * axe in both schemes; `themePath` is the element whose background must follow the scheme.
     * `contrastChecked`: a target prefix whose colour contrast axe must really have computed (an
     * "incomplete" there would let a bad palette pass unnoticed).
     */
    async function audit(page, label, { themePath = ['body'], contrastChecked } = {}) {
      for (const scheme of SCHEMES) {
        await checks.check(`${label} (${scheme})`, async () => {
          await setColorScheme(page, scheme);
          const bg = await backgroundLuminance(page, themePath);
          const followed = scheme === 'dark' ? bg.luminance < 0.2 : bg.luminance > 0.5;
          if (!followed) {
            throw new Error(
              `the ${scheme} scheme is not applied: background ${bg.color} (${themePath.join(' >>> ')})`,
            );
          }
          try {
            const result = await expectNoSeriousViolations(page, `${label} (${scheme})`);
            report.push({ label, scheme, counts: countByImpact(result.violations), ...result });
            const unchecked = result.incomplete
              .filter((v) => v.id === 'color-contrast')
              .flatMap((v) => v.nodes)
              .filter((n) => contrastChecked && n.target.startsWith(contrastChecked));
            if (unchecked.length > 0) {
              throw new Error(
                `axe could not compute the colour contrast of ${unchecked.map((n) => `${n.target} (${n.summary})`).join(', ')}`,
              );
            }
          } catch (error) {
            report.push({ label, scheme, failed: true, error: error.message });
            throw error;
          }
        });
      }
    }

    // ---- Popup: first run, then unlocked with a TOTP and an HOTP account ----------------------
    await ext.trustFixtureCertificate?.(); // as startWithVault: the background fetches fixture hosts
    const popup = await openPopup(ext);
    await popup.waitForState('setup');
    await audit(popup, 'popup: first run (setup)');
    await createVault(popup);
    await addByUri(popup, TOTP_URI);
    await addByUri(popup, HOTP_URI);
    await popup.waitForCount('account-row', 2);
    await popup.waitFor('hotp-next');
    await audit(popup, 'popup: unlocked, TOTP + HOTP accounts');

    await popup.click('rename-button');
    await popup.waitFor('rename-issuer');
    await audit(popup, 'popup: rename form');
    await reopenPopup(popup);

    await popup.click('add-button');
    await popup.waitFor('add-uri');
    await popup.evaluate(() => {
      for (const d of document.querySelectorAll('details')) d.open = true; // the advanced fields too
    });
    await audit(popup, 'popup: add view');
    await popup.click('add-cancel');

    await popup.click('settings-button');
    await popup.waitFor('settings-save');
    await audit(popup, 'popup: settings view');
    await reopenPopup(popup);

    // ---- Web pages: the in-page prompt, and captures for the passwords view --------------------
    await checks.check(
      'prompt captures: Microsoft setup (account), recovery code, app password',
      async () => {
        await withPage(ext, setupUrl('img-data'), async (page) => {
          const prompt = { themePath: PROMPT_BOX, contrastChecked: 'twostep-prompt >>> ' };
          await page.waitForPrompt({ kind: 'account', timeout: PROMPT_TIMEOUT });
          await withPromptInBody(page, () =>
            audit(page, 'Microsoft setup page: in-page prompt (offer)', prompt),
          );
          await page.clickPrompt('twostep-save');
          await page.waitForPromptText('twostep-status', /saved/i);
          await withPromptInBody(page, () =>
            audit(page, 'Microsoft setup page: in-page prompt (saved status)', prompt),
          );
        });
        await withPage(ext, `${ENABLETFA.url}?step=recovery`, (page) =>
          saveFromPrompt(page, { kind: 'recoveryCode' }),
        );
        const app = APP_PASSWORDS[0];
        await withPage(ext, app.url, async (page) => {
          for (const step of app.steps) await page.trustedClick(step.click);
          await saveFromPrompt(page, { kind: 'appPassword' });
        });
      },
    );

    await reopenPopup(popup);
    await popup.click('passwords-button');
    await popup.waitForCount('secret-row', 2).catch(() => {}); // the check below says what is missing
    await checks.check('passwords view lists the app password and the recovery code', async () => {
      const n = await popup.count('secret-row');
      if (n < 2) throw new Error(`${n} secret-row(s), expected the app password and the recovery code`);
    });
    await popup.click('secret-reveal');
    await audit(popup, 'popup: passwords view (one revealed)');
    await popup.click('export-csv');
    await popup.waitFor('export-destination');
    await audit(popup, 'popup: passwords view, CSV export form');
    await reopenPopup(popup);

    // ---- Full pages ----------------------------------------------------------------------------
    const options = await ext.openExtensionPage('options.html');
    await options.waitForState('unlocked');
    await options.waitFor('settings-save');
    await audit(options, 'options page');
    await options.close();

    const transfer = await ext.openExtensionPage('transfer.html');
    await transfer.waitForState('unlocked');
    await transfer.waitFor('import-text');
    await audit(transfer, 'transfer page');
    await transfer.fill('import-text', IMPORT_TEXT);
    await transfer.click('import-text-read');
    await transfer.waitForCount('import-row', 2);
    await transfer.click('plain-export-confirm');
    await transfer.waitFor('plain-export');
    await audit(transfer, 'transfer page: import preview, plain export confirmed');
    await transfer.close();

    const welcome = await ext.openExtensionPage('welcome.html');
    await welcome.waitFor('welcome-steps');
    await audit(welcome, 'welcome page');
    await welcome.close();

    // ---- Popup: locked --------------------------------------------------------------------------
    await lock(popup);
    await audit(popup, 'popup: locked');
    await unlock(popup);

    if (process.env.E2E_A11Y_REPORT) {
      for (const r of report) {
        const counts = r.failed ? 'FAILED' : JSON.stringify(r.counts);
        const review = (r.incomplete ?? []).map((v) => `${v.id} ×${v.nodes.length}`).join(', ');
        console.log(
          `  axe ${browser} ${r.label} (${r.scheme}): ${counts}${review ? `; needs review: ${review}` : ''}`,
        );
        const rest = (r.violations ?? []).filter((v) => v.impact === 'moderate' || v.impact === 'minor');
        if (rest.length > 0) console.log(formatViolations(rest).replace(/^/gm, '      '));
        if (r.incomplete?.length) console.log(formatViolations(r.incomplete).replace(/^/gm, '      ? '));
      }
    }
    checks.finish();
  },
};

/**
 * Runs `fn` with TwoStep's prompt host moved from <html> (where the product puts it, beside the
 * page's body) into <body>, then moves it back. Why: axe's colour-contrast check cannot find the
 * background of anything outside <body> and reports it as "incomplete" (measured with axe 4.14:
 * getBackgroundColor returns null for the prompt's text until the host is in the body). The host
 * is `position: fixed` with every property reset, so it renders the same in both places; the
 * box's position is compared to make sure the move changed nothing visible.
 */
async function withPromptInBody(page, fn) {
  const move = (into) =>
    page.evaluate((where) => {
      const host = [...document.querySelectorAll('twostep-prompt')].at(-1);
      const box = host?.shadowRoot?.querySelector('[data-testid="twostep-prompt"]');
      if (!box) return null;
      (where === 'body' ? document.body : document.documentElement).append(host);
      const r = box.getBoundingClientRect();
      return [r.left, r.top, r.width, r.height].map(Math.round).join(',');
    }, into);
  const home = await move('html');
  const inBody = await move('body');
  try {
    if (!inBody || inBody !== home) {
      throw new Error(`moving the prompt into <body> changed its box: ${home} → ${inBody}`);
    }
    await fn();
  } finally {
    await move('html').catch(() => {});
  }
}

// Keyboard only (issue 6): the everyday popup tasks and the in-page prompt work without a mouse.
// Only the driver's keyboard acts here (real key events: CDP in Chromium, WebDriver BiDi input
// actions in Firefox); the accounts are added with the usual steps first.
//
// Popup: first run by typing (password, Tab, repeat, Enter); locked → type the password, Enter →
// unlocked; Tab reaches the search field; typing filters; Tab reaches the match's Copy button;
// Enter → the "Copied" notice; Shift+Tab back to Add, Enter → the add view; Tab to Back, Enter →
// the list again. Every button, input, select and textarea of each popup view has a non-empty
// accessible name. The countdown is text (seconds, also given to screen readers), and its last
// seconds are marked by text style, not by colour alone.
//
// Microsoft setup page: Tab reaches the page's own code field; the prompt appears while the user
// types there and leaves focus (and the typing) in the field; Tab then reaches TwoStep's Save
// button (the prompt is last in the tab order) and Enter saves ("Saved"). Escape dismisses a prompt.
import { addByUri, lock, openPopup, PASSWORD } from '../lib/steps.mjs';
import { SETUP_VERIFY_INPUT, setupUrl } from './_lib/fixtures.mjs';
import { Checks, PROMPT_TIMEOUT, sleep, withPage } from './_lib/flows.mjs';

const TOTP_URI = 'otpauth://totp/Contoso:pat@contoso.example?secret=JBSWY3DPEHPK3PXP&issuer=Contoso';
// A 10 s period so the countdown's last five seconds come within the story's waits.
const SHORT_URI =
  'otpauth://totp/Fabrikam:short@fabrikam.example?secret=KRSXG5CTMVRXEZLU&issuer=Fabrikam&period=10';
const HOTP_URI = 'otpauth://hotp/Example:hotp@example.com?secret=GEZDGNBVGY3TQOJQ&issuer=Example&counter=0';

/** What has focus, through open shadow roots: { testId, tag, host, name }. */
function focusedInfo() {
  let el = document.activeElement;
  let host = null;
  while (el?.shadowRoot?.activeElement) {
    host ??= el.tagName.toLowerCase();
    el = el.shadowRoot.activeElement;
  }
  return {
    testId: el?.getAttribute?.('data-testid') ?? null,
    tag: el?.tagName?.toLowerCase() ?? null,
    id: el?.id || null,
    host,
    name: (el?.getAttribute?.('aria-label') || el?.textContent || '').trim().slice(0, 40),
  };
}

const describe = (f) =>
  `${f.host ? `${f.host} >>> ` : ''}${f.tag}${f.testId ? `[${f.testId}]` : f.id ? `#${f.id}` : ''}${
    f.name ? ` "${f.name}"` : ''
  }`;

async function press(page, key, { shift = false } = {}) {
  const kb = page.raw.keyboard;
  if (shift) await kb.down('Shift');
  await kb.press(key);
  if (shift) await kb.up('Shift');
}

/**
 * Presses Tab (or Shift+Tab) until `match(focus)` holds; throws with the focus path after `max`
 * presses. Returns the path, so a check can also say what came before.
 */
async function tabUntil(page, match, what, { shift = false, max = 40 } = {}) {
  const path = [];
  for (let i = 0; i < max; i++) {
    await press(page, 'Tab', { shift });
    const f = await page.evaluate(focusedInfo);
    path.push(describe(f));
    if (match(f)) return path;
  }
  throw new Error(`${shift ? 'Shift+' : ''}Tab never reached ${what} in ${max} presses: ${path.join(' → ')}`);
}

const tabTo = (page, testId, options) => tabUntil(page, (f) => f.testId === testId, testId, options);

/** Every control of the document without a non-empty accessible name (a subset of accname 1.2). */
function unnamedControls() {
  const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const textOf = (e) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const nameOf = (e) => {
    const by = e.getAttribute('aria-labelledby');
    if (by) {
      const t = by
        .split(/\s+/)
        .map((id) => textOf(document.getElementById(id)))
        .join(' ')
        .trim();
      if (t) return t;
    }
    const aria = (e.getAttribute('aria-label') ?? '').trim();
    if (aria) return aria;
    const labels = [...(e.labels ?? [])].map(textOf).join(' ').trim();
    if (labels) return labels;
    if (e.tagName === 'BUTTON' || e.tagName === 'SUMMARY') {
      const t = textOf(e);
      if (t) return t;
    }
    return (e.getAttribute('title') ?? e.getAttribute('placeholder') ?? '').trim();
  };
  return [...document.querySelectorAll('button, input:not([type=hidden]), select, textarea, summary')]
    .filter(visible)
    .filter((e) => !nameOf(e))
    .map((e) => `${e.tagName.toLowerCase()}${e.dataset.testid ? `[${e.dataset.testid}]` : ''}`);
}

export default {
  name: 'keyboard-only',
  browsers: ['chromium', 'firefox'],
  timeout: 150_000,
  async run({ ext }) {
    const checks = new Checks('keyboard-only');
    await ext.trustFixtureCertificate?.();
    const popup = await openPopup(ext);
    await popup.raw.bringToFront?.();

    const created = await checks.check(
      'first run by keyboard: password, Tab, repeat, Enter → unlocked',
      async () => {
        await popup.waitForState('setup');
        // The password field has focus on arrival (autofocus); if the browser did not give the tab
        // focus, Tab from the document start reaches it first.
        if ((await popup.evaluate(focusedInfo)).testId !== 'setup-password')
          await tabTo(popup, 'setup-password');
        await popup.raw.keyboard.type(PASSWORD);
        await tabTo(popup, 'setup-confirm');
        await popup.raw.keyboard.type(PASSWORD);
        await press(popup, 'Enter');
        await popup.waitForState('unlocked', { timeout: 20_000 });
      },
    );
    if (!created) return checks.finish();

    await addByUri(popup, TOTP_URI);
    await addByUri(popup, SHORT_URI);
    await addByUri(popup, HOTP_URI);
    await popup.waitForCount('account-row', 3);

    await checks.check(
      'every control of the list, add and settings views has an accessible name',
      async () => {
        const missing = [];
        missing.push(...(await popup.evaluate(unnamedControls)).map((c) => `list: ${c}`));
        await popup.click('add-button');
        await popup.waitFor('add-uri');
        await popup.evaluate(() => {
          for (const d of document.querySelectorAll('details')) d.open = true;
        });
        missing.push(...(await popup.evaluate(unnamedControls)).map((c) => `add: ${c}`));
        await popup.click('add-cancel');
        await popup.click('settings-button');
        await popup.waitFor('settings-save');
        missing.push(...(await popup.evaluate(unnamedControls)).map((c) => `settings: ${c}`));
        await popup.reload();
        await popup.waitForState('unlocked');
        await popup.waitForCount('account-row', 3);
        if (missing.length > 0) throw new Error(`controls without an accessible name: ${missing.join(', ')}`);
      },
    );

    await checks.check('the countdown is text: whole seconds, also in its accessible name', async () => {
      const rows = await popup.evaluate(() =>
        [...document.querySelectorAll('[data-testid="account-row"]')].map((row) => {
          const c = row.querySelector('[data-testid="countdown"]');
          return c
            ? {
                text: c.textContent.trim(),
                label: c.getAttribute('aria-label'),
                shown: c.getClientRects().length > 0,
              }
            : null;
        }),
      );
      const timers = rows.filter(Boolean);
      if (timers.length !== 2)
        throw new Error(`expected 2 countdowns (TOTP rows), got ${JSON.stringify(rows)}`);
      for (const t of timers) {
        if (!t.shown || !/^\d{1,2}$/.test(t.text) || Number(t.text) < 1 || Number(t.text) > 30) {
          throw new Error(`countdown text ${JSON.stringify(t.text)} is not a visible number of seconds`);
        }
        if (!t.label?.includes(t.text) || !/second/i.test(t.label)) {
          throw new Error(`countdown's accessible name ${JSON.stringify(t.label)} does not say the seconds`);
        }
      }
    });

    await checks.check('the last seconds are marked by text style, not colour alone', async () => {
      // The 10 s account reaches its last 5 s within one period; poll until it shows "ending".
      const style = () =>
        popup.evaluate(() => {
          const row = [...document.querySelectorAll('[data-testid="account-row"]')].find((r) =>
            r.textContent.includes('Fabrikam'),
          );
          const text = row?.querySelector('[data-testid="countdown"]');
          if (!text) return null;
          const cs = getComputedStyle(text);
          return {
            seconds: Number(text.textContent.trim()),
            ending: !!text.closest('.ending'),
            weight: Number(cs.fontWeight),
            decoration: cs.textDecorationLine,
          };
        });
      const seen = [];
      let normal = null;
      let ending = null;
      for (const end = Date.now() + 15_000; (!normal || !ending) && Date.now() < end; await sleep(250)) {
        const s = await style();
        if (!s) throw new Error('no countdown on the Fabrikam row');
        seen.push(s.seconds);
        if (s.seconds > 5) normal = s;
        if (s.seconds <= 5) ending = s;
      }
      if (!normal || !ending) throw new Error(`never saw both phases; seconds seen ${seen.join(',')}`);
      const differs = ending.weight !== normal.weight || ending.decoration !== normal.decoration;
      if (!ending.ending || !differs) {
        throw new Error(
          `the last seconds look like the others apart from colour: ${JSON.stringify({ normal, ending })}`,
        );
      }
    });

    await lock(popup);
    await popup.reload(); // as a popup opened fresh: nothing focused by a previous click
    await checks.check('locked: type the password, Enter → unlocked', async () => {
      await popup.waitForState('locked');
      if ((await popup.evaluate(focusedInfo)).testId !== 'unlock-password')
        await tabTo(popup, 'unlock-password');
      await popup.raw.keyboard.type(PASSWORD);
      await press(popup, 'Enter');
      await popup.waitForState('unlocked', { timeout: 20_000 });
      await popup.waitForCount('account-row', 3);
    });

    await checks.check(
      'Tab to search, type to filter, Tab to the match’s Copy, Enter → "Copied"',
      async () => {
        await tabTo(popup, 'search');
        await popup.raw.keyboard.type('contoso');
        await popup.waitForCount('account-row', 1);
        const issuer = await popup.text('account-row account-issuer');
        if (!/Contoso/.test(issuer)) throw new Error(`the filtered row is ${JSON.stringify(issuer)}`);
        await tabTo(popup, 'copy-button');
        await press(popup, 'Enter');
        await popup.waitFor('notice');
        const notice = await popup.text('notice');
        if (!/^copied/i.test(notice)) throw new Error(`the notice says ${JSON.stringify(notice)}`);
      },
    );

    await checks.check('Shift+Tab to Add, Enter → add view; Tab to Back, Enter → the list', async () => {
      await tabTo(popup, 'add-button', { shift: true });
      await press(popup, 'Enter');
      await popup.waitFor('add-uri');
      await tabTo(popup, 'add-cancel');
      await press(popup, 'Enter');
      await popup.waitFor('account-list');
      await popup.waitForGone('add-uri');
    });

    await checks.check(
      'setup page: Tab to the code field, the prompt leaves focus there; Tab to Save, Enter saves',
      () =>
        withPage(ext, setupUrl('img-data'), async (page) => {
          await page.raw.bringToFront?.();
          // The user is typing in the page's code field when the prompt arrives: it must stay there.
          await page.waitForElement(SETUP_VERIFY_INPUT);
          const verifyId = await page.evaluate(
            (sel) => document.querySelector(sel)?.id || null,
            SETUP_VERIFY_INPUT,
          );
          const inField = (f) => f.tag === 'input' && f.id === verifyId && f.host === null;
          await tabUntil(page, inField, `the code field #${verifyId}`);
          await page.raw.keyboard.type('1');
          await page.waitForPrompt({ kind: 'account', timeout: PROMPT_TIMEOUT });
          const during = await page.evaluate(focusedInfo);
          if (!inField(during)) throw new Error(`the prompt moved focus to ${describe(during)}`);
          await page.raw.keyboard.type('2');
          const typed = await page.valueOf(SETUP_VERIFY_INPUT);
          if (typed !== '12') throw new Error(`the code field holds ${JSON.stringify(typed)}, expected "12"`);
          await page.raw.keyboard.press('Backspace');
          await page.raw.keyboard.press('Backspace');
          const toSave = await tabUntil(
            page,
            (f) => f.host === 'twostep-prompt' && f.testId === 'twostep-save',
            'the prompt’s Save button',
          );
          if (toSave.length > 1) {
            // Save is the prompt's first control; anything between the field and it is the page's.
            const prompts = toSave.slice(0, -1).filter((p) => p.startsWith('twostep-prompt'));
            if (prompts.length > 0) throw new Error(`focus passed ${prompts.join(', ')} before Save`);
          }
          await press(page, 'Enter');
          await page.waitForPromptText('twostep-status', /saved/i);
        }),
    );

    await checks.check('Escape on the prompt dismisses it', () =>
      withPage(ext, setupUrl('svg'), async (page) => {
        await page.raw.bringToFront?.();
        await page.waitForPrompt({ timeout: PROMPT_TIMEOUT });
        await tabUntil(page, (f) => f.host === 'twostep-prompt', 'the prompt');
        await press(page, 'Escape');
        await page.waitForPromptGone();
      }),
    );

    checks.finish();
  },
};

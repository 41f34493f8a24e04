// Shared steps for the capture and fill stories (not a story itself: the runner loads only
// top-level stories/*.mjs). Built on lib/steps.mjs (popup) and the page methods for the in-page
// prompt (waitForPrompt, clickPrompt, …) and fields (valueOf, waitForValue, trustedClick, …).
import { describePrompt } from '../../lib/page.mjs';
import { addByUri, createVault, openPopup, readAccounts } from '../../lib/steps.mjs';
import { hotp, stepAt, totp } from '../../lib/totp-reference.mjs';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Story start: the fixture certificate trusted browser-wide (Chromium's service worker otherwise
 * cannot fetch from fixture hosts), then the popup with a new vault.
 */
export async function startWithVault(ext) {
  await ext.trustFixtureCertificate?.();
  const popup = await openPopup(ext);
  await createVault(popup);
  return popup;
}

/** How long a page may take to render, be recognised and get a prompt or a fill. */
export const PROMPT_TIMEOUT = 15_000;
export const FILL_TIMEOUT = 12_000;
/** How long a must-not-fill page is watched after it rendered (the brief: ~1.5 s). */
export const NEGATIVE_WATCH_MS = 1500;

const STEAM_CHARS = '23456789BCDFGHJKMNPQRTVWXY';

/** Steam Guard reference: HOTP-SHA1 over the 30 s step, 5 characters from Steam's alphabet. */
export function steamCode(secret, time = Date.now()) {
  // hotp() gives digits; Steam needs the raw truncated value, so recompute from 10-digit HOTP mod 2^31.
  // 10 digits of a 31-bit value are the value itself (< 2^31 < 10^10).
  let value = Number(hotp(secret, stepAt(time, 30), { digits: 10 }));
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += STEAM_CHARS[value % STEAM_CHARS.length];
    value = Math.floor(value / STEAM_CHARS.length);
  }
  return out;
}

/** The codes a fill made "now" may legitimately show: previous, current and next step. */
export function acceptableCodes(secret, { steam = false, period = 30, digits = 6 } = {}) {
  const now = Date.now();
  const at = (t) => (steam ? steamCode(secret, t) : totp(secret, { time: t, period, digits }));
  return [at(now - period * 1000), at(now), at(now + period * 1000)];
}

/** Waits until a field (path) holds the reference code for `secret`; returns it. */
export async function expectCode(page, path, secret, { timeout = FILL_TIMEOUT, ...opts } = {}) {
  try {
    return await page.waitForValue(path, (v) => v !== null && acceptableCodes(secret, opts).includes(v), {
      timeout,
    });
  } catch (error) {
    throw new Error(
      `${error.message} (expected ${acceptableCodes(secret, opts)[1]}, the reference code now)`,
    );
  }
}

/** Waits until each box (list of paths) holds one character and together they make the code. */
export async function expectSegmentedCode(page, paths, secret, { timeout = FILL_TIMEOUT, ...opts } = {}) {
  const end = Date.now() + timeout;
  let values = [];
  for (;;) {
    values = [];
    for (const p of paths) values.push(await page.valueOf(p).catch(() => null));
    const joined = values.join('');
    if (values.every((v) => v !== null && v.length === 1) && acceptableCodes(secret, opts).includes(joined)) {
      return joined;
    }
    if (Date.now() >= end) break;
    await sleep(150);
  }
  throw new Error(
    `boxes ${JSON.stringify(paths)} hold ${JSON.stringify(values)}, expected one character each making ${
      acceptableCodes(secret, opts)[1]
    }; prompt: ${describePrompt(await page.promptState())}`,
  );
}

/**
 * Waits for the fields to exist (the page rendered), then watches them for `ms`: any value
 * appearing fails at once. A prompt that offers a fill on such a page is reported too.
 */
export async function expectStaysEmpty(page, paths, { ms = NEGATIVE_WATCH_MS, what = '' } = {}) {
  for (const p of paths) await page.waitForElement(p);
  const end = Date.now() + ms;
  for (;;) {
    for (const p of paths) {
      const v = await page.valueOf(p);
      if (v !== '') {
        throw new Error(
          `${what ? `${what}: ` : ''}${JSON.stringify(p)} was filled with ${JSON.stringify(v)}; it must stay empty`,
        );
      }
    }
    if (Date.now() >= end) return;
    await sleep(150);
  }
}

/** Fails when the page shows a chooser or a prompt offering accounts (a leak of names). */
export async function expectNoAccountOffer(page, what = '') {
  const seen = await page.promptState();
  if (seen?.testIds?.includes('twostep-choice')) {
    throw new Error(`${what ? `${what}: ` : ''}a chooser offers accounts here: ${describePrompt(seen)}`);
  }
}

/** Waits for a prompt of `kind`, checks its text, trusted-clicks Save, waits for "Saved". */
export async function saveFromPrompt(page, { kind, text = [], status = /saved/i, timeout = PROMPT_TIMEOUT }) {
  const seen = await page.waitForPrompt({ kind, timeout });
  for (const t of text) {
    if (!(t instanceof RegExp ? t.test(seen.text ?? '') : (seen.text ?? '').includes(t))) {
      throw new Error(`prompt text ${JSON.stringify(seen.text)} does not mention ${t}`);
    }
  }
  await page.clickPrompt('twostep-save');
  return page.waitForPromptText('twostep-status', status);
}

/** Reloads the popup tab (a real popup is opened fresh each time) and waits for it to settle. */
export async function reopenPopup(popup) {
  await popup.reload();
  return popup.waitForState(['unlocked', 'locked', 'setup']);
}

/**
 * The number of account rows once the list has loaded: the popup shows `account-list` or
 * `empty-state` only after its first accounts.list answer (reading right after "unlocked" may
 * see an empty list that is still loading). A short settle lets a late row arrive too.
 */
export async function settledAccountCount(popup, { timeout = 10_000 } = {}) {
  const end = Date.now() + timeout;
  while ((await popup.count('account-row')) === 0 && (await popup.count('empty-state')) === 0) {
    if (Date.now() > end) throw new Error('the account list never loaded (no account-row, no empty-state)');
    await sleep(100);
  }
  await sleep(400);
  return popup.count('account-row');
}

/** Binds an account (by its label) to sites through the rename form's `rename-sites`. */
export async function bindSites(popup, label, sites) {
  const index = (await readAccounts(popup)).findIndex((r) => r.label === label);
  if (index < 0) throw new Error(`bindSites: no account labelled ${label}`);
  await popup.click('rename-button', { index });
  await popup.fill('rename-sites', sites);
  // A real click: the popup asks the browser for host access to those sites in this click's
  // handler, and Firefox refuses permissions.request outside a trusted user input handler.
  await popup.trustedClick('[data-testid="rename-save"]');
  try {
    await popup.waitForGone('rename-sites');
  } catch {
    const formError = (await popup.isVisible('form-error').catch(() => false))
      ? await popup.text('form-error').catch(() => null)
      : null;
    if (formError)
      throw new Error(`binding ${label} to ${sites}: the form shows form-error ${JSON.stringify(formError)}`);
    // The popup asks for host access first (permissions.request); a browser prompt nobody can
    // answer (headless Chromium) leaves the form open forever.
    throw new Error(
      `binding ${label} to ${sites}: the rename form is still open 10 s after rename-save, no form-error (PERMISSION_PROMPT_PENDING: permissions.request never settled?)`,
    );
  }
  // Saved; did the browser grant access to the sites? The popup says so when it did not.
  const notice = (await popup.isVisible('notice').catch(() => false)) ? await popup.text('notice') : '';
  if (/without access/i.test(notice)) {
    throw new Error(
      `NO_HOST_ACCESS: ${label} is bound to ${sites}, but the browser did not grant access: ${JSON.stringify(notice)}`,
    );
  }
}

/** Adds an account by URI and binds it. */
export async function addBound(popup, uri, label, sites) {
  await addByUri(popup, uri);
  await bindSites(popup, label, sites);
}

/** Deletes the account with `label` (confirming). */
export async function deleteAccount(popup, label) {
  const rows = await readAccounts(popup);
  const index = rows.findIndex((r) => r.label === label);
  if (index < 0) throw new Error(`deleteAccount: no account labelled ${label}`);
  await popup.click('delete-button', { index });
  await popup.click('delete-confirm');
  await popup.waitForCount('account-row', rows.length - 1);
}

/** The passwords view's rows: { kind, title, value, text } (texts trimmed). */
export function readSecretRows(popup) {
  return popup.evaluate(() =>
    [...document.querySelectorAll('[data-testid="secret-row"]')].map((row) => {
      const t = (id) => row.querySelector(`[data-testid="${id}"]`)?.textContent.trim() ?? null;
      return {
        kind: t('secret-kind'),
        title: t('secret-title'),
        value: t('secret-value'),
        text: row.textContent.trim(),
      };
    }),
  );
}

/** Opens the passwords view, waits for at least `min` rows, reveals every row, returns the rows. */
export async function revealAllSecrets(popup, { min = 1, timeout = 10_000 } = {}) {
  await popup.click('passwords-button');
  const end = Date.now() + timeout;
  while ((await popup.count('secret-row')) < min) {
    if (Date.now() > end) {
      throw new Error(
        `the passwords view lists ${await popup.count('secret-row')} secret-row(s), expected at least ${min}`,
      );
    }
    await sleep(150);
  }
  const masked = await readSecretRows(popup);
  const n = await popup.count('secret-reveal');
  for (let i = 0; i < n; i++) await popup.click('secret-reveal', { index: i });
  await sleep(300);
  return { masked, revealed: await readSecretRows(popup) };
}

/**
 * Soft assertions: each named check runs and is recorded; `finish()` throws one error listing
 * every failure (and how many passed), so one run reports all requirements a story documents.
 */
export class Checks {
  constructor(story) {
    this.story = story;
    this.results = [];
  }

  /** Runs `fn`; records pass/fail; returns true when it passed. */
  async check(name, fn) {
    const started = Date.now();
    try {
      await fn();
      this.results.push({ name, ok: true, ms: Date.now() - started });
      return true;
    } catch (error) {
      const message = String(error?.message ?? error).replace(/\s*\n\s*/g, ' | ');
      this.results.push({ name, ok: false, ms: Date.now() - started, error: message });
      return false;
    }
  }

  /** Records a check that could not run (counts as failed, with why). */
  skip(name, why) {
    this.results.push({ name, ok: false, ms: 0, error: `not run: ${why}` });
  }

  /**
   * Throws one error listing every failed check. Prints one line per check (pass and fail) when
   * something failed or E2E_CHECKS=1, so a report shows what already works.
   */
  finish() {
    const failed = this.results.filter((r) => !r.ok);
    if (failed.length > 0 || process.env.E2E_CHECKS) {
      for (const r of this.results) {
        console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${this.story}: ${r.name}${r.ok ? '' : ` — ${r.error}`}`);
      }
    }
    if (failed.length > 0) {
      throw new Error(
        `${failed.length} of ${this.results.length} checks failed: ${failed.map((r) => `[${r.name}] ${r.error}`).join(' ;; ')}`,
      );
    }
  }
}

/** Opens `url` in a new tab, runs `fn(page)`, closes the tab whatever happens. */
export async function withPage(ext, url, fn) {
  const page = await ext.openUrl(url);
  try {
    return await fn(page);
  } finally {
    await page.close();
  }
}

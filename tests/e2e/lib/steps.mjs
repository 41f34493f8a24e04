// Shared story steps over the popup's data-testid contract (tests/e2e/README.md), so stories read
// as the user's actions. Each step waits for its own outcome, with bounded waits.
import { stepAt, totp } from './totp-reference.mjs';

export const PASSWORD = 'correct horse battery staple';
/** Creating the vault runs the key derivation, which may be deliberately slow. */
const KDF_TIMEOUT = 20_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens popup.html as a tab and waits until it left `loading`. */
export async function openPopup(ext, { state = ['setup', 'locked', 'unlocked'] } = {}) {
  const page = await ext.openExtensionPage('popup.html');
  await page.waitForState(state);
  return page;
}

export async function createVault(page, password = PASSWORD) {
  await page.waitForState('setup');
  await page.fill('setup-password', password);
  await page.fill('setup-confirm', password);
  await page.click('setup-submit');
  await waitForStateOrError(page, 'unlocked', KDF_TIMEOUT);
}

export async function unlock(page, password = PASSWORD) {
  await page.waitForState('locked');
  await page.fill('unlock-password', password);
  await page.click('unlock-submit');
  await waitForStateOrError(page, 'unlocked', KDF_TIMEOUT);
}

export async function lock(page) {
  await page.click('lock-button');
  await page.waitForState('locked');
}

/** Adds an account from an otpauth:// URI; resolves when the list has one more row. */
export async function addByUri(page, uri) {
  const before = await page.count('account-row');
  await page.click('add-button');
  await page.fill('add-uri', uri);
  await page.click('add-uri-submit');
  await waitForRowsOrError(page, before + 1);
}

/** Adds an account through the manual fields; `secret` is typed as given (spaces, lower case). */
export async function addManual(page, { issuer, label, secret }) {
  const before = await page.count('account-row');
  await page.click('add-button');
  await page.fill('add-issuer', issuer);
  await page.fill('add-label', label);
  await page.fill('add-secret', secret);
  await page.click('add-manual-submit');
  await waitForRowsOrError(page, before + 1);
}

/** Every account row as { id, issuer, label, code, countdown } (texts trimmed). */
export function readAccounts(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="account-row"]')].map((row) => {
      const t = (id) => row.querySelector(`[data-testid="${id}"]`)?.textContent.trim() ?? null;
      return {
        id: row.getAttribute('data-account-id'),
        issuer: t('account-issuer'),
        label: t('account-label'),
        code: t('code'),
        countdown: t('countdown'),
      };
    }),
  );
}

/**
 * Checks that each expected TOTP account shows the reference code. The rows are read between two
 * clock readings; if a 30 s step boundary fell in between, or the popup has not refreshed yet just
 * after a boundary, it reads again — so a wrong code fails only after `timeout`, never by luck.
 * @param {Array<{ label: string, issuer?: string, secret: string, digits?: number, period?: number, algorithm?: string }>} expected
 */
export async function expectTotpCodes(page, expected, { timeout = 5000 } = {}) {
  const end = Date.now() + timeout;
  let problems = [];
  for (;;) {
    const before = Date.now();
    const rows = await readAccounts(page);
    const after = Date.now();
    problems = [];
    for (const want of expected) {
      const period = want.period ?? 30;
      const row = rows.find(
        (r) => r.label === want.label && (want.issuer === undefined || r.issuer === want.issuer),
      );
      if (!row) {
        problems.push(`no row labelled ${JSON.stringify(want.label)} (rows: ${JSON.stringify(rows)})`);
        continue;
      }
      if (stepAt(before, period) !== stepAt(after, period)) {
        problems.push('a step boundary fell inside the read');
        continue;
      }
      const opts = { time: after, period, digits: want.digits ?? 6, algorithm: want.algorithm ?? 'SHA1' };
      const code = totp(want.secret, opts);
      if (row.code !== code) {
        const prev = totp(want.secret, { ...opts, time: after - period * 1000 });
        const next = totp(want.secret, { ...opts, time: after + period * 1000 });
        problems.push(
          `${want.issuer ?? ''}/${want.label}: shows ${JSON.stringify(row.code)}, reference ${code} (previous step ${prev}, next ${next})`,
        );
      }
    }
    if (problems.length === 0) return rows;
    if (Date.now() >= end)
      throw new Error(`codes differ from the RFC 6238 reference: ${problems.join('; ')}`);
    await sleep(250);
  }
}

/** Waits for `state`; fails early with the form-error text when the form reports one. */
async function waitForStateOrError(page, state, timeout) {
  const end = Date.now() + timeout;
  for (;;) {
    if ((await page.state()) === state) return;
    await throwOnFormError(page, `waiting for state ${state}`);
    if (Date.now() >= end) await page.waitForState(state, { timeout: 1 }); // throws with details
    await sleep(100);
  }
}

async function waitForRowsOrError(page, n, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    if ((await page.count('account-row')) === n) return;
    await throwOnFormError(page, `waiting for ${n} account rows`);
    if (Date.now() >= end) await page.waitForCount('account-row', n, { timeout: 1 });
    await sleep(100);
  }
}

async function throwOnFormError(page, doing) {
  if (await page.isVisible('form-error').catch(() => false)) {
    throw new Error(`${doing}: the form shows form-error ${JSON.stringify(await page.text('form-error'))}`);
  }
}

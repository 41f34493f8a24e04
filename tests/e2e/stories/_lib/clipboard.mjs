// Steps for the clipboard stories (not a story itself): copy a code in the popup, watch the real
// system clipboard (read by the test through the driver, ext.readClipboard) until it changes.
import { acceptableCodes } from './flows.mjs';
import { waitUntil } from './lock.mjs';

/** storage.session key of the pending clearing (a hash of what TwoStep copied, and when), until it ran. */
export const COPIED_KEY = 'session.clipboardCopied';

/**
 * Clicks the copy button of the only row, waits for the confirmation naming `seconds`, and returns
 * { copiedAt, code } (the code the row showed, which must be the RFC 6238 reference).
 */
export async function copyCode(ext, popup, account, seconds, assert, { waitForHash = true } = {}) {
  const code = await popup.text('account-row code');
  assert.ok(acceptableCodes(account.secret).includes(code), `the row shows the reference code (${code})`);
  // An earlier copy's notice may still be shown: wait for this one's (it names its own time).
  const wanted = `Copied; clipboard clears in ${seconds} s.`;
  const copiedAt = Date.now();
  await popup.click('copy-button');
  await waitUntil(async () => (await popup.texts('account-row notice')).includes(wanted), {
    what: `the notice ${JSON.stringify(wanted)}`,
    page: popup,
  });
  // The same notice may be left from an earlier copy, so also wait for this copy's hash to reach
  // storage.session (not with a 1 s clearing: it may be gone again before the first read).
  if (waitForHash) {
    await waitUntil(async () => COPIED_KEY in ((await ext.dumpStorage()).session ?? {}), {
      what: 'the background to hear of the copy',
    });
  }
  return { copiedAt, code };
}

/** Waits until the clearing alarm has been handled (its hash left storage.session). */
export function waitForClearingDone(ext, { timeout = 60_000 } = {}) {
  return waitUntil(async () => !(COPIED_KEY in ((await ext.dumpStorage()).session ?? {})), {
    what: 'the clearing alarm to run',
    timeout,
    every: 250,
  });
}

/** Waits until the clipboard holds `text`; returns when it saw it (ms). */
export function waitForClipboard(ext, text, { timeout = 60_000, what } = {}) {
  return waitUntil(async () => ((await ext.readClipboard()) === text ? Date.now() : 0), {
    what: what ?? `the clipboard to hold ${JSON.stringify(text)}`,
    timeout,
    every: 200,
  });
}

/**
 * Clears the clipboard after a copied code has been there for the chosen time, unless the user has
 * copied something else since and the browser lets TwoStep see that (lib/background/clipboard-check.ts).
 *
 * Chromium's MV3 service worker has no DOM and no clipboard, so it opens an offscreen document
 * (reason CLIPBOARD) and asks it, by message, to compare and clear; the document answers before
 * it is closed. Firefox's background is a page, which may write the clipboard with the
 * `clipboardWrite` permission (and read it with the optional `clipboardRead`). Where neither works
 * the code stays on the clipboard; the popup says clearing is "where the browser allows".
 */
import { browser } from 'wxt/browser';
import type { StorageArea } from '../vault/types';
import { dueCopy, finishCopy, shouldClear } from './clipboard-check';

const OFFSCREEN_PATH = '/offscreen.html';
/** The message the offscreen document answers (entrypoints/offscreen/main.ts). */
export const OFFSCREEN_CLEAR = 'offscreen.clearClipboard';
export type ClearOutcome = 'cleared' | 'kept' | 'failed';

/** The clearing under way in this background: the next waits for it (clearCopiedClipboard). */
let running: Promise<unknown> = Promise.resolve();

/**
 * The timer's and the alarm's work: clear (or keep) the clipboard if a clearing is due, then
 * forget the copied text's hash either way. Null: nothing was due (already done, or not yet).
 * One at a time: the timer and the alarm usually fire together, and two overlapping runs would
 * close each other's offscreen document before it answered (seen: neither cleared).
 */
export function clearCopiedClipboard(session: StorageArea): Promise<ClearOutcome | null> {
  const run = running.then(async () => {
    const due = await dueCopy(session, Date.now());
    if (!due) return null;
    const outcome = await clearClipboard(due.hash);
    await finishCopy(session, due);
    return outcome;
  });
  running = run.catch(() => {});
  return run;
}

async function clearClipboard(expectedHash: string | null): Promise<ClearOutcome> {
  try {
    if (typeof document !== 'undefined' && navigator.clipboard) {
      const current = (await canRead()) ? await navigator.clipboard.readText().catch(() => null) : null;
      if (!(await shouldClear(current, expectedHash))) return 'kept';
      await navigator.clipboard.writeText('');
      return 'cleared';
    }
    const offscreen = (browser as unknown as { offscreen?: ChromeOffscreen }).offscreen;
    if (!offscreen) return 'failed';
    await offscreen.closeDocument().catch(() => {});
    await offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['CLIPBOARD'],
      justification: 'Remove a copied one-time code from the clipboard after the time the user chose.',
    });
    try {
      const answer: unknown = await browser.runtime.sendMessage({ type: OFFSCREEN_CLEAR, expectedHash });
      return answer === 'cleared' || answer === 'kept' ? answer : 'failed';
    } finally {
      await offscreen.closeDocument().catch(() => {});
    }
  } catch {
    return 'failed';
  }
}

async function canRead(): Promise<boolean> {
  return browser.permissions.contains({ permissions: ['clipboardRead'] }).catch(() => false);
}

interface ChromeOffscreen {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}

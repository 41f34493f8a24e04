/**
 * Clearing only what TwoStep put on the clipboard. At copy time a SHA-256 of the copied text is
 * kept in `storage.session` (memory only, trusted contexts only; never the text itself); at clear
 * time the clipboard is read, where the browser lets the extension read it, and left alone when it
 * holds something else: the user has copied something of their own since.
 *
 * Reading needs the `clipboardRead` permission in both browsers (Chromium: execCommand('paste')
 * in the offscreen document; Firefox: navigator.clipboard.readText() in the background page). It
 * is optional and not asked for by default, because its install warning ("read data you copy and
 * paste") is broad; without it the clipboard cannot be read and is cleared whatever it holds, as
 * before (SECURITY.md, known limits).
 */
import { SESSION_KEYS } from '../storage/keys';
import type { StorageArea } from '../vault/types';

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A clearing that is due at `clearAt`. `hash`: SHA-256 of the copied text, or null when the page
 * did not say what it copied (then the clipboard is cleared whatever it holds).
 */
export interface PendingCopy {
  hash: string | null;
  clearAt: number;
}

/** A timer or alarm may run up to this early (clock granularity) and still count as due. */
const DUE_SLACK_MS = 500;

/** Keeps what the clearing at `clearAt` needs: the hash of what was just copied, never the text. */
export async function rememberCopied(
  session: StorageArea,
  text: string | null,
  clearAt: number,
): Promise<void> {
  const pending: PendingCopy = { hash: text === null ? null : await sha256Hex(text), clearAt };
  await session.set({ [SESSION_KEYS.clipboardCopied]: pending });
}

/** Nothing left to clear: clearing is off, or done. */
export async function forgetCopied(session: StorageArea): Promise<void> {
  await session.remove([SESSION_KEYS.clipboardCopied]);
}

export async function pendingCopy(session: StorageArea): Promise<PendingCopy | null> {
  const stored = (await session.get([SESSION_KEYS.clipboardCopied]))[SESSION_KEYS.clipboardCopied];
  if (typeof stored !== 'object' || stored === null) return null;
  const { hash, clearAt } = stored as Partial<PendingCopy>;
  if (typeof clearAt !== 'number' || !(typeof hash === 'string' || hash === null)) return null;
  return { hash, clearAt };
}

export async function copiedHash(session: StorageArea): Promise<string | null> {
  return (await pendingCopy(session))?.hash ?? null;
}

/**
 * The clearing to do now, or null: none is pending (never copied, clearing off, or already done:
 * the background's timer and the alarm both call this, whichever comes first clears), or the
 * pending one is not due yet (a timer left from an earlier copy).
 */
export async function dueCopy(session: StorageArea, now: number): Promise<PendingCopy | null> {
  const pending = await pendingCopy(session);
  return pending && now >= pending.clearAt - DUE_SLACK_MS ? pending : null;
}

/** After clearing `done`: forgets it, unless a newer copy replaced it meanwhile. */
export async function finishCopy(session: StorageArea, done: PendingCopy): Promise<void> {
  const now = await pendingCopy(session);
  if (now && now.clearAt === done.clearAt && now.hash === done.hash) await forgetCopied(session);
}

/**
 * Whether to clear: yes when the clipboard could not be read (`current` null) or nothing is known
 * about what was copied; otherwise only when it still holds exactly the copied text.
 */
export async function shouldClear(current: string | null, expectedHash: string | null): Promise<boolean> {
  if (current === null || expectedHash === null) return true;
  if (current === '') return false; // already empty: nothing of ours to remove
  return (await sha256Hex(current)) === expectedHash;
}

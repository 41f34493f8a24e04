/**
 * Clears the clipboard after a copied code has been there for the chosen time.
 *
 * Chromium's MV3 service worker has no DOM and no clipboard, so it opens an offscreen document
 * (reason CLIPBOARD) that writes an empty string on load. Firefox's background is a page, which may
 * write the clipboard with the `clipboardWrite` permission. Where neither works the code stays on
 * the clipboard; the popup says clearing is "where the browser allows".
 */
import { browser } from 'wxt/browser';

const OFFSCREEN_PATH = '/offscreen.html';

export async function clearClipboard(): Promise<boolean> {
  try {
    if (typeof document !== 'undefined' && navigator.clipboard) {
      await navigator.clipboard.writeText('');
      return true;
    }
    const offscreen = (browser as unknown as { offscreen?: ChromeOffscreen }).offscreen;
    if (!offscreen) return false;
    await offscreen.closeDocument().catch(() => {});
    await offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['CLIPBOARD'],
      justification: 'Remove a copied one-time code from the clipboard after the time the user chose.',
    });
    await offscreen.closeDocument();
    return true;
  } catch {
    return false;
  }
}

interface ChromeOffscreen {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}

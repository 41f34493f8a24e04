// Chromium offscreen document (reason CLIPBOARD): on the background's request, replace the
// clipboard's text with an empty string unless it holds something other than what TwoStep copied
// (lib/background/clipboard.ts). Only the runtime API exists here. navigator.clipboard needs a
// focused document, which an offscreen one never is; the paste and copy commands work without
// focus. Paste succeeds only with the optional clipboardRead permission; without it the clipboard
// cannot be read and is cleared whatever it holds.
import { browser } from 'wxt/browser';
import { OFFSCREEN_CLEAR } from '@/lib/background/clipboard';
import { shouldClear } from '@/lib/background/clipboard-check';

function readClipboard(): string | null {
  const area = document.createElement('textarea');
  document.body.append(area);
  area.focus();
  const ok = document.execCommand('paste');
  const text = area.value;
  area.remove();
  return ok ? text : null;
}

function writeEmpty(): void {
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', '');
    event.preventDefault();
  };
  document.addEventListener('copy', onCopy);
  document.execCommand('copy');
  document.removeEventListener('copy', onCopy);
}

// Reply through sendResponse when given, else return the promise (the background's listener shape).
// Only TwoStep's background asks: a content script's runtime.sendMessage reaches extension pages
// too, but carries a tab.
browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse?: (r: unknown) => void) => {
  const m = message as { type?: unknown; expectedHash?: unknown } | null;
  if (m?.type !== OFFSCREEN_CLEAR || sender.id !== browser.runtime.id || sender.tab) return undefined;
  const expected = typeof m.expectedHash === 'string' ? m.expectedHash : null;
  const outcome = shouldClear(readClipboard(), expected).then((clear) => {
    if (clear) writeEmpty();
    return clear ? 'cleared' : 'kept';
  });
  if (typeof sendResponse === 'function') {
    void outcome.then(sendResponse);
    return true;
  }
  return outcome;
});

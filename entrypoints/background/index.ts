/**
 * Wiring only: browser events → lib/background. Every decision lives in lib/.
 * (WXT imports this file in Node at build time, so nothing runs outside `main`.)
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { clearClipboard } from '@/lib/background/clipboard';
import { createBackgroundService } from '@/lib/background/service';

const AUTO_LOCK_ALARM = 'twostep.autolock';
const CLIPBOARD_ALARM = 'twostep.clipboard';

export default defineBackground({
  // Firefox: an event page (suspended when idle) like Chromium's service worker, so both browsers
  // exercise the same restart path. Chromium MV3 ignores this.
  persistent: false,
  main() {
    // Only extension pages may read the session area (the default in Chromium; explicit for clarity).
    void browser.storage.session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => {});

    const service = createBackgroundService({
      local: browser.storage.local,
      session: browser.storage.session,
      now: () => Date.now(),
      extensionId: browser.runtime.id,
      extensionOrigin: browser.runtime.getURL('/'),
      scheduleAutoLock: (when) => void browser.alarms.create(AUTO_LOCK_ALARM, { when }),
      cancelAutoLock: () => void browser.alarms.clear(AUTO_LOCK_ALARM),
      scheduleClipboardClear: (when) => void browser.alarms.create(CLIPBOARD_ALARM, { when }),
    });

    // A listener shape that works in both real browsers and both fake-browser versions
    // (toolchain.md §5): reply through sendResponse when given, else return the promise.
    browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse?: (r: unknown) => void) => {
      const reply = service.handle(message, sender);
      if (typeof sendResponse === 'function') {
        void reply.then(sendResponse);
        return true;
      }
      return reply;
    });

    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === AUTO_LOCK_ALARM) void service.onAutoLockAlarm();
      if (alarm.name === CLIPBOARD_ALARM) void clearClipboard();
    });

    // Screen locked or the machine left alone: lock now rather than wait for the timer.
    browser.idle?.onStateChanged.addListener((state) => {
      if (state === 'locked') void service.lock();
    });

    // storage.session is already empty after a browser restart; lock explicitly anyway.
    browser.runtime.onStartup.addListener(() => void service.onBrowserStartup());
  },
});

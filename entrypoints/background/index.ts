/**
 * Wiring only: browser events → lib/background. Every decision lives in lib/.
 * (WXT imports this file in Node at build time, so nothing runs outside `main`.)
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { clearClipboard } from '@/lib/background/clipboard';
import { readClockOverHttp } from '@/lib/background/clock';
import {
  broadcastUnlocked,
  fillFocused,
  injectPageTools,
  scanTab,
  syncGrantedSites,
  windowOfTab,
} from '@/lib/background/page-access';
import { createBackgroundService } from '@/lib/background/service';

const AUTO_LOCK_ALARM = 'twostep.autolock';
const CLIPBOARD_ALARM = 'twostep.clipboard';
const FILL_MENU = 'twostep.fill';

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
      tab: {
        captureVisibleTab: (windowId) =>
          browser.tabs.captureVisibleTab(windowId ?? (null as never), { format: 'png' }),
      },
      askToUnlock: () => {
        // A capture waits in the inbox: show it on the toolbar button and open the popup if allowed.
        void (browser.action ?? browser.browserAction)?.setBadgeText({ text: '1' });
        void (browser.action ?? browser.browserAction)?.openPopup?.()?.catch(() => {});
      },
      scanTab,
      windowOfTab,
      injectTools: injectPageTools,
      readClock: readClockOverHttp,
      onUnlocked: () => {
        void (browser.action ?? browser.browserAction)?.setBadgeText({ text: '' });
        void broadcastUnlocked();
      },
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

    // "Fill TwoStep code": a context-menu item on editable fields and a keyboard shortcut.
    browser.runtime.onInstalled.addListener(({ reason }) => {
      browser.contextMenus.create({ id: FILL_MENU, title: 'Fill TwoStep code', contexts: ['editable'] });
      // First install only: the six steps of the Microsoft setup, with a link to each page.
      if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
    });
    browser.contextMenus.onClicked.addListener((info, tab) => {
      if (info.menuItemId === FILL_MENU && tab?.id !== undefined) void fillFocused(tab.id, info.frameId ?? 0);
    });
    browser.commands.onCommand.addListener((command, tab) => {
      if (command === 'fill-code' && tab?.id !== undefined) void fillFocused(tab.id);
    });

    // Sites the user granted beyond the defaults get the content script too.
    void syncGrantedSites().catch(() => {});
    browser.permissions.onAdded.addListener(() => void syncGrantedSites().catch(() => {}));
    browser.permissions.onRemoved.addListener(() => void syncGrantedSites().catch(() => {}));

    // storage.session is already empty after a browser restart; lock explicitly anyway.
    browser.runtime.onStartup.addListener(() => void service.onBrowserStartup());
  },
});

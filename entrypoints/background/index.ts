/**
 * Wiring only: browser events → lib/background. Every decision lives in lib/.
 * (WXT imports this file in Node at build time, so nothing runs outside `main`.)
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { clearCopiedClipboard } from '@/lib/background/clipboard';
import { readClockOverHttp } from '@/lib/background/clock';
import { idleDetectionSeconds, locksOn } from '@/lib/background/idle';
import {
  broadcastUnlocked,
  fillFocused,
  injectPageTools,
  scanTab,
  syncGrantedSites,
  windowOfTab,
} from '@/lib/background/page-access';
import { createBackgroundService } from '@/lib/background/service';
import { readSettings } from '@/lib/background/settings';
import { LOCAL_KEYS } from '@/lib/storage/keys';

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

    let clipboardTimer: ReturnType<typeof setTimeout> | undefined;
    const service = createBackgroundService({
      local: browser.storage.local,
      session: browser.storage.session,
      now: () => Date.now(),
      extensionId: browser.runtime.id,
      extensionOrigin: browser.runtime.getURL('/'),
      scheduleAutoLock: (when) => void browser.alarms.create(AUTO_LOCK_ALARM, { when }),
      cancelAutoLock: () => void browser.alarms.clear(AUTO_LOCK_ALARM),
      scheduleClipboardClear: (when) => {
        // Packed Chrome MV3 fires an alarm no sooner than 30 s after it is set (unpacked builds,
        // as in the e2e stories: 1 s), so a shorter time is kept by a timer in the running
        // background; the alarm backs it up when the worker is stopped first. Both run the same
        // clearing, which does nothing once done (lib/background/clipboard-check.ts dueCopy).
        void browser.alarms.create(CLIPBOARD_ALARM, { when });
        clearTimeout(clipboardTimer);
        clipboardTimer = setTimeout(
          () => void clearCopiedClipboard(browser.storage.session),
          Math.max(0, when - Date.now()),
        );
      },
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
      if (alarm.name === CLIPBOARD_ALARM) void clearCopiedClipboard(browser.storage.session);
    });

    // Screen locked, or the machine left alone for the auto-lock time: lock now rather than wait
    // for the alarm (lib/background/idle.ts). The detection interval follows the setting.
    browser.idle?.onStateChanged.addListener((state) => {
      if (locksOn(state)) void service.lock();
    });
    const applyIdleInterval = () =>
      void readSettings(browser.storage.local)
        .then((settings) => browser.idle?.setDetectionInterval(idleDetectionSeconds(settings)))
        .catch(() => {});
    applyIdleInterval();
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && LOCAL_KEYS.settings in changes) applyIdleInterval();
    });

    // "Fill TwoStep code": a context-menu item on editable fields and a keyboard shortcut.
    browser.runtime.onInstalled.addListener(({ reason }) => {
      // The menu follows the browser's language (public/_locales), like the manifest.
      const title = (browser.i18n.getMessage as (name: string) => string)('menuFillCode');
      browser.contextMenus.create({ id: FILL_MENU, title, contexts: ['editable'] });
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

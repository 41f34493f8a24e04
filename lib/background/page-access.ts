/**
 * Reaching content scripts: the "Fill TwoStep code" shortcut and context menu, the unlock broadcast,
 * running the content script on sites the user granted (beyond the default hosts), and the page
 * tools a content script loads on demand.
 */
import { browser } from 'wxt/browser';
import type { BackgroundToContent } from '../messaging/content-protocol';
import { CONTENT_SCRIPT_FILE, DEFAULT_MATCHES, PAGE_TOOLS_FILE } from '../page/hosts';

const GRANTED_SCRIPT_ID = 'twostep-granted-sites';

/** Asks one frame's content script to fill its focused field, injecting the script if needed. */
export async function fillFocused(tabId: number, frameId = 0): Promise<void> {
  const message: BackgroundToContent = { type: 'twostep.fillFocused' };
  try {
    await browser.tabs.sendMessage(tabId, message, { frameId });
  } catch {
    // No content script there (a site without granted access): the user's shortcut or menu click
    // granted activeTab, which lets us inject it into this frame once.
    await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      files: [CONTENT_SCRIPT_FILE],
    });
    await browser.tabs.sendMessage(tabId, message, { frameId });
  }
}

/**
 * The page tools (lib/content/page-tools.ts) for one frame whose content script asked for them:
 * only ever that frame (from the request's `sender`), where the script already runs, so the host
 * permission or activeTab grant that let the content script in covers this file too.
 */
export async function injectPageTools(tabId: number, frameId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [PAGE_TOOLS_FILE] });
}

/** Tells every tab's content scripts that codes are available again. */
export async function broadcastUnlocked(): Promise<void> {
  const message: BackgroundToContent = { type: 'twostep.vaultUnlocked' };
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined ? null : browser.tabs.sendMessage(tab.id, message).catch(() => null),
    ),
  );
}

/** Registers the content script for every granted https origin that the manifest does not cover. */
export async function syncGrantedSites(): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  const defaults = new Set<string>(DEFAULT_MATCHES);
  const matches = origins.filter((o) => o.startsWith('https://') && !defaults.has(o));
  await browser.scripting.unregisterContentScripts({ ids: [GRANTED_SCRIPT_ID] }).catch(() => {});
  if (matches.length === 0) return [];
  await browser.scripting.registerContentScripts([
    { id: GRANTED_SCRIPT_ID, matches, js: [CONTENT_SCRIPT_FILE], allFrames: true, runAt: 'document_idle' },
  ]);
  return matches;
}

/**
 * "Scan this page": runs the content script in every frame of the tab (activeTab or a granted
 * permission allows it) and asks it to look for QR codes and key texts; returns how many it offers.
 */
export async function scanTab(tabId: number): Promise<number> {
  await browser.scripting
    .executeScript({ target: { tabId, allFrames: true }, files: [CONTENT_SCRIPT_FILE] })
    .catch(() => {});
  const message: BackgroundToContent = { type: 'twostep.scan' };
  const reply = (await browser.tabs.sendMessage(tabId, message).catch(() => null)) as {
    found?: number;
  } | null;
  return typeof reply?.found === 'number' ? reply.found : 0;
}

export async function windowOfTab(tabId: number): Promise<number | undefined> {
  return (await browser.tabs.get(tabId)).windowId;
}

/**
 * Requests from content scripts. The frame is identified by the browser's `sender` (tab, frame id,
 * frame URL); a content script gets at most one code, for its own frame, and only for accounts
 * bound to that frame's host or registrable domain (lib/page/binding.ts). Secrets, the account list
 * and other frames' data never go back.
 */
import type {
  CaptureItem,
  CodeReply,
  ContentRequest,
  ContentRequestType,
  ContentResponseMap,
  SaveResult,
} from '../messaging/content-protocol';
import { isBoundTo } from '../page/binding';
import type { OtpAccountRecord, StorageArea } from '../vault/types';
import { toAccountView } from './account-view';
import { autoSubmitsOn } from './auto-submit';
import { findDuplicate, interpret, titleOf } from './capture';
import { putInInbox } from './inbox';
import { loadQrImage, type TabCapture } from './qr-image';
import type { SenderLike } from './sender';
import type { VaultSession } from './session';
import { readSettings } from './settings';

export interface ContentFrame {
  tabId: number;
  windowId: number | undefined;
  frameId: number;
  url: URL;
}

/** A content script's frame, from the browser's sender; null for anything that is not one. */
export function contentFrame(
  sender: SenderLike & { tab?: { id?: number; windowId?: number } },
): ContentFrame | null {
  if (typeof sender.tab?.id !== 'number' || typeof sender.frameId !== 'number' || !sender.url) return null;
  try {
    const url = new URL(sender.url);
    if (url.protocol !== 'https:') return null;
    return { tabId: sender.tab.id, windowId: sender.tab.windowId, frameId: sender.frameId, url };
  } catch {
    return null;
  }
}

export interface ContentDeps {
  local: StorageArea;
  now: () => number;
  tab: TabCapture;
  /** The vault is locked and something waits to be saved: bring the unlock page up if we can. */
  askToUnlock: () => void;
  /** Injects the page tools into one frame (lib/background/page-access.ts `injectPageTools`). */
  injectTools: (tabId: number, frameId: number) => Promise<void>;
}

export function createContentService(session: VaultSession, deps: ContentDeps) {
  async function boundAccounts(frame: ContentFrame): Promise<OtpAccountRecord[]> {
    const { records } = await session.records();
    return records.filter(
      (r): r is OtpAccountRecord => r.type === 'account' && isBoundTo(r.sites, frame.url.href),
    );
  }

  async function codeFor(account: OtpAccountRecord, frame: ContentFrame): Promise<CodeReply> {
    // One clock reading for the code and its expiry.
    // Codes at the corrected time when the user corrected a wrong clock; expiry back in local time.
    const settings = await readSettings(deps.local);
    const { timeOffsetSeconds } = settings;
    const offset = timeOffsetSeconds * 1000;
    const view = toAccountView(account, deps.now() + offset);
    return {
      status: 'code',
      code: view.code,
      title: titleOf(account),
      validUntil: view.validUntil === null ? null : view.validUntil - offset,
      // Per site, for the frame the browser says asked (never a URL the message claims).
      autoSubmit: autoSubmitsOn(settings, frame.url.href),
    };
  }

  const find = (item: CaptureItem, frame: ContentFrame) =>
    interpret(item, frame.url, () => {
      if (item.kind !== 'qr') throw new Error('not an image');
      return loadQrImage(item.image, frame.windowId, deps.tab);
    });

  const handlers: {
    [K in ContentRequestType]: (
      r: Extract<ContentRequest, { type: K }>,
      f: ContentFrame,
    ) => Promise<ContentResponseMap[K]>;
  } = {
    'capture.inspect': async ({ item }, frame) => {
      const { offer, record } = await find(item, frame);
      if (record && offer.kind !== 'nothing' && 'alreadySaved' in offer && (await session.isUnlocked())) {
        offer.alreadySaved = findDuplicate((await session.records()).records, record) !== undefined;
      }
      return { offer };
    },
    'capture.save': async ({ item }, frame): Promise<SaveResult> => {
      const { offer, record } = await find(item, frame);
      if (!record)
        throw new Error(offer.kind === 'nothing' ? offer.reason : 'There is nothing to save here.');
      const title = titleOf(record);
      if (!(await session.isUnlocked())) {
        if (!(await putInInbox(deps.local, record, deps.now())))
          throw new Error('Create your TwoStep vault first.');
        deps.askToUnlock();
        return { status: 'queued', title };
      }
      return session.saveOnce(record);
    },
    'code.request': async ({ trigger }, frame) => {
      // Automatic filling may be turned off; the shortcut and context menu still fill on request.
      if (trigger === 'auto' && !(await readSettings(deps.local)).autoFill) return { status: 'none' };
      if (!(await session.isUnlocked())) return { status: 'locked' };
      const accounts = await boundAccounts(frame);
      if (accounts.length === 0) return { status: 'none' };
      const [only] = accounts;
      if (accounts.length === 1 && only) return codeFor(only, frame);
      return { status: 'choose', choices: accounts.map((a) => ({ accountId: a.id, title: titleOf(a) })) };
    },
    'code.choose': async ({ accountId }, frame) => {
      if (!(await session.isUnlocked())) return { status: 'locked' };
      // The choice is re-checked against this frame: an id from elsewhere gets nothing.
      const account = (await boundAccounts(frame)).find((a) => a.id === accountId);
      return account ? codeFor(account, frame) : { status: 'none' };
    },
    // Code only, no data: into the asking frame itself, which the content script already runs in.
    'tools.load': async (_, frame) => {
      await deps.injectTools(frame.tabId, frame.frameId);
      return { loaded: true };
    },
  };

  return async function handleContent(request: ContentRequest, frame: ContentFrame): Promise<unknown> {
    const handler = handlers[request.type] as (r: ContentRequest, f: ContentFrame) => Promise<unknown>;
    return handler(request, frame);
  };
}

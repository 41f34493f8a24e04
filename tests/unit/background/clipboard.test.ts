import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearCopiedClipboard, OFFSCREEN_CLEAR } from '@/lib/background/clipboard';
import { copiedHash, rememberCopied, sha256Hex } from '@/lib/background/clipboard-check';
import { MemoryArea } from '../vault/memory-area';

// Node has no `document`, so clearCopiedClipboard takes Chromium's path: an offscreen document
// asked by message. The offscreen API is stubbed; the fake runtime answers for the document.
type Offscreen = { createDocument: ReturnType<typeof vi.fn>; closeDocument: ReturnType<typeof vi.fn> };
const withOffscreen = browser as unknown as { offscreen?: Offscreen };

describe('clearCopiedClipboard (the timer and the alarm)', () => {
  let offscreen: Offscreen;
  let answer: string;
  let sent: unknown[];

  beforeEach(() => {
    fakeBrowser.reset();
    answer = 'cleared';
    sent = [];
    offscreen = {
      // A slow document: a second run that did not wait would overlap this one.
      createDocument: vi.fn(() => new Promise<void>((resolve) => setTimeout(resolve, 20))),
      closeDocument: vi.fn(async () => {}),
    };
    withOffscreen.offscreen = offscreen;
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: unknown) => {
      sent.push(message);
      return answer;
    }) as never);
  });

  afterEach(() => {
    delete withOffscreen.offscreen;
  });

  it('clears once when both fire together, asking the document with the copied hash', async () => {
    const session = new MemoryArea();
    await rememberCopied(session, '287082', Date.now() - 1);
    const outcomes = await Promise.all([clearCopiedClipboard(session), clearCopiedClipboard(session)]);
    expect(outcomes).toEqual(['cleared', null]);
    expect(offscreen.createDocument).toHaveBeenCalledTimes(1);
    expect(sent).toEqual([{ type: OFFSCREEN_CLEAR, expectedHash: await sha256Hex('287082') }]);
    expect(await copiedHash(session)).toBeNull();
  });

  it('does nothing before the chosen time (a timer left from an earlier copy)', async () => {
    const session = new MemoryArea();
    await rememberCopied(session, '287082', Date.now() + 60_000);
    expect(await clearCopiedClipboard(session)).toBeNull();
    expect(offscreen.createDocument).not.toHaveBeenCalled();
    expect(await copiedHash(session)).toBe(await sha256Hex('287082'));
  });

  it('reports a clipboard the document left alone, and forgets the copy either way', async () => {
    const session = new MemoryArea();
    answer = 'kept';
    await rememberCopied(session, '287082', Date.now() - 1);
    expect(await clearCopiedClipboard(session)).toBe('kept');
    expect(offscreen.closeDocument).toHaveBeenCalled();
    expect(await copiedHash(session)).toBeNull();
  });
});

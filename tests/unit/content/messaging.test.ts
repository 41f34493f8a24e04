import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sendToBackground, TIMEOUT_MS } from '@/lib/content/messaging';

beforeEach(() => fakeBrowser.reset());

const request = { type: 'code.request', trigger: 'auto' } as const;

describe('sendToBackground', () => {
  it('passes the background result through', async () => {
    const value = { status: 'none' };
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true, value });
    expect(await sendToBackground(request)).toEqual({ ok: true, value });
    expect(spy).toHaveBeenCalledWith(request);
  });

  it('turns a missing or malformed reply into a failure', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    expect(await sendToBackground(request)).toMatchObject({ ok: false, error: { code: 'no-reply' } });
  });

  it('gives up after 10 s instead of hanging', async () => {
    vi.useFakeTimers();
    try {
      vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockReturnValue(new Promise(() => {}));
      const pending = sendToBackground(request);
      await vi.advanceTimersByTimeAsync(TIMEOUT_MS);
      expect(await pending).toMatchObject({ ok: false, error: { code: 'timeout' } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails quietly, logging once, when the extension was updated under the page', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(
      new Error('Extension context invalidated.'),
    );
    expect(await sendToBackground(request)).toMatchObject({ ok: false, error: { code: 'invalidated' } });
    expect(await sendToBackground(request)).toMatchObject({ ok: false, error: { code: 'invalidated' } });
    expect(info).toHaveBeenCalledTimes(1);
  });

  it('reports other errors as unreachable, never throwing', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(
      new Error('Could not establish connection'),
    );
    expect(await sendToBackground(request)).toMatchObject({ ok: false, error: { code: 'unreachable' } });
  });
});

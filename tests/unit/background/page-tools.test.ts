import { beforeEach, describe, expect, it } from 'vitest';
import { createBackgroundService } from '@/lib/background/service';
import { CONTENT_SCRIPT, newWorld, POPUP, testDeps } from './deps';

let injected: Array<{ tabId: number; frameId: number }>;
let service: ReturnType<typeof createBackgroundService>;

beforeEach(() => {
  injected = [];
  service = createBackgroundService({
    ...testDeps(newWorld(1_700_000_000_000)),
    injectTools: async (tabId, frameId) => {
      injected.push({ tabId, frameId });
    },
  });
});

describe('tools.load: the page tools for a content script (lib/content/page-tools.ts)', () => {
  it('injects into the asking frame, taken from the sender, even while no vault exists', async () => {
    const frame = { ...CONTENT_SCRIPT, url: 'https://mysignins.microsoft.com/security-info', frameId: 3 };
    expect(await service.handle({ type: 'tools.load' }, frame)).toEqual({
      ok: true,
      value: { loaded: true },
    });
    expect(injected).toEqual([{ tabId: 7, frameId: 3 }]);
  });

  it('takes no target from the message', async () => {
    const reply = await service.handle({ type: 'tools.load', tabId: 1, frameId: 0 }, CONTENT_SCRIPT);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(injected).toEqual([]);
  });

  it('refuses senders that are not an https frame of a tab', async () => {
    const refused = [
      { ...CONTENT_SCRIPT, url: 'http://login.live.com/' },
      { ...CONTENT_SCRIPT, tab: undefined },
      { ...CONTENT_SCRIPT, id: 'another-extension' },
    ];
    for (const sender of refused) {
      expect(await service.handle({ type: 'tools.load' }, sender)).toMatchObject({ ok: false });
    }
    // Extension pages speak the other protocol, which has no such request.
    expect(await service.handle({ type: 'tools.load' }, POPUP)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(injected).toEqual([]);
  });

  it('reports a refused injection (no access to the frame) as an error result', async () => {
    service = createBackgroundService({
      ...testDeps(newWorld(1_700_000_000_000)),
      injectTools: async () => Promise.reject(new Error('Cannot access contents of the page')),
    });
    expect(await service.handle({ type: 'tools.load' }, CONTENT_SCRIPT)).toMatchObject({ ok: false });
  });
});

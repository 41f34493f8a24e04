import { describe, expect, it } from 'vitest';
import { delayAfter, recordFailure, retryAfterMs } from '@/lib/background/lockout';
import { isExtensionPage } from '@/lib/background/sender';

describe('wrong-password delay', () => {
  it('lets three attempts through, then doubles the wait up to five minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(delayAfter)).toEqual([0, 0, 0, 1000, 2000, 4000, 8000]);
    expect(delayAfter(30)).toBe(5 * 60_000);
  });
  it('counts from the last failure', () => {
    let state = recordFailure(undefined, 0);
    state = recordFailure(state, 10);
    state = recordFailure(state, 20);
    expect(state).toEqual({ count: 3, lastFailureAt: 20 });
    expect(retryAfterMs(state, 520)).toBe(500);
    expect(retryAfterMs(state, 5000)).toBe(0);
    expect(retryAfterMs(undefined, 0)).toBe(0);
  });
});

describe('isExtensionPage', () => {
  const id = 'abcdefghijklmnop';
  const origin = `chrome-extension://${id}/`;
  it('accepts the extension’s own pages', () => {
    expect(isExtensionPage({ id, url: `${origin}popup.html` }, id, origin)).toBe(true);
    expect(isExtensionPage({ id, url: `${origin}popup.html`, tab: { id: 3 } }, id, origin)).toBe(true);
  });
  it.each([
    ['a content script (web page URL)', { id, url: 'https://login.live.com/' }],
    ['another extension', { id: 'other', url: `${origin}popup.html` }],
    ['a lookalike origin', { id, url: `chrome-extension://${id}.evil.test/popup.html` }],
    ['no URL', { id }],
    ['a malformed URL', { id, url: 'not a url' }],
  ])('rejects %s', (_, sender) => {
    expect(isExtensionPage(sender, id, origin)).toBe(false);
  });
});

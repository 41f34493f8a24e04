// A page wrapper built only on `raw.evaluate(fn, arg)`, so it behaves the same over Playwright
// (Chromium) and Puppeteer/WebDriver BiDi (Firefox). Every wait is bounded: when the extension's
// background fails to load, the popup's sendMessage hangs forever instead of failing
// (toolchain.md §8), and an unbounded wait would hang the whole run.

export const DEFAULT_TIMEOUT = 10_000;
const POLL_MS = 100;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs inside the page (serialised, so it must be self-contained). With target 'popup' it works on
 * the real toolbar popup's document, reached from this extension page through extension.getViews.
 */
function probe({ target, op, testId, index, value }) {
  const api = globalThis.browser?.extension ? globalThis.browser : globalThis.chrome;
  let doc = document;
  if (target === 'popup') {
    const view = api?.extension?.getViews?.({ type: 'popup' })?.[0];
    if (!view) return { url: null, state: null, count: 0, found: false, why: 'no popup view open' };
    doc = view.document;
  }
  const app = doc.querySelector('[data-testid="app"]');
  const base = {
    url: String(doc.location?.href ?? ''),
    readyState: doc.readyState,
    state: app ? app.getAttribute('data-state') : null,
  };
  if (op === 'state') return base;
  // "account-row code" means a `code` inside an `account-row`.
  const selector = testId
    .trim()
    .split(/\s+/)
    .map((id) => `[data-testid="${id}"]`)
    .join(' ');
  const all = [...doc.querySelectorAll(selector)];
  const el = all[index ?? 0] ?? null;
  const win = doc.defaultView;
  const visible = (e) =>
    !!e && e.getClientRects().length > 0 && win.getComputedStyle(e).visibility !== 'hidden';
  const info = {
    ...base,
    count: all.length,
    found: !!el,
    visible: visible(el),
    enabled: !!el && !el.disabled && el.getAttribute('aria-disabled') !== 'true',
    text: el ? el.textContent.trim() : null,
    texts: all.map((e) => e.textContent.trim()),
    value: el && 'value' in el ? el.value : null,
  };
  if (op === 'query' || !el) return info;
  if (op === 'fill') {
    // The native setter bypasses Preact's own property tracking; then the events its onInput and
    // onChange listen to. Constructors come from the element's window (the popup may be another one).
    const proto =
      el instanceof win.HTMLTextAreaElement
        ? win.HTMLTextAreaElement.prototype
        : el instanceof win.HTMLSelectElement
          ? win.HTMLSelectElement.prototype
          : win.HTMLInputElement.prototype;
    el.focus();
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
    el.dispatchEvent(new win.Event('input', { bubbles: true }));
    el.dispatchEvent(new win.Event('change', { bubbles: true }));
    return { ...info, value: el.value, done: true };
  }
  if (op === 'click') {
    el.click();
    return { ...info, done: true };
  }
  return info;
}

/**
 * @param {{ evaluate: Function, screenshot: Function, close: Function }} raw Playwright or Puppeteer page
 * @param {{ target?: 'self' | 'popup', label?: string, onClose?: () => void }} [options]
 */
export function wrapPage(raw, { target = 'self', label = 'page', onClose } = {}) {
  let closed = false;

  const run = (op, testId, extra = {}) => raw.evaluate(probe, { target, op, testId, ...extra });

  /** Polls `op` until `ok(info)`; on timeout throws naming what, the testid, the state and the URL. */
  async function until(what, op, testId, ok, { timeout = DEFAULT_TIMEOUT, ...extra } = {}) {
    const end = Date.now() + timeout;
    let info = null;
    let lastError = null;
    for (;;) {
      try {
        info = await run(op, testId, extra);
        lastError = null;
        if (ok(info)) return info;
      } catch (error) {
        // Navigations destroy the execution context mid-poll; that is expected, keep polling.
        lastError = error;
      }
      if (Date.now() >= end) break;
      await sleep(POLL_MS);
    }
    const matches =
      op === 'state'
        ? ''
        : `, ${info?.count ?? 0} match(es)${info?.found && !info.visible ? ' (hidden)' : ''}${
            info?.found && !info.enabled ? ' (disabled)' : ''
          }`;
    const seen = info
      ? `state "${info.state}"${matches}, url ${info.url || '(none)'}${info.why ? `, ${info.why}` : ''}`
      : 'page never answered';
    const err = lastError ? `; last error: ${String(lastError.message ?? lastError).split('\n')[0]}` : '';
    throw new Error(
      `${what}${testId ? ` [data-testid=${testId}]` : ''} timed out after ${timeout} ms: ${seen}${err}`,
    );
  }

  const wrapper = {
    raw,
    label,
    get closed() {
      return closed;
    },

    /** Waits until the element exists (and, unless visible:false, is rendered). */
    waitFor: (testId, { timeout, visible = true, index } = {}) =>
      until('waitFor', 'query', testId, (i) => i.found && (!visible || i.visible), { timeout, index }),

    waitForGone: (testId, { timeout } = {}) =>
      until('waitForGone', 'query', testId, (i) => !i.found || !i.visible, { timeout }),

    /** Waits until exactly `n` elements match. */
    waitForCount: (testId, n, { timeout } = {}) =>
      until(`waitForCount(${n})`, 'query', testId, (i) => i.count === n, { timeout }),

    /** Waits for [data-testid=app] data-state to be `state` (or one of an array of states). */
    async waitForState(state, { timeout } = {}) {
      const wanted = Array.isArray(state) ? state : [state];
      const info = await until(
        `waitForState(${wanted.join('|')})`,
        'state',
        '',
        (i) => wanted.includes(i.state),
        {
          timeout,
        },
      );
      return info.state;
    },

    /** The current app state, or null when there is no app root (yet). */
    async state() {
      return (await run('state', '').catch(() => ({ state: null }))).state;
    },

    async fill(testId, value, { timeout, index } = {}) {
      await until('fill', 'query', testId, (i) => i.found && i.visible && i.enabled, { timeout, index });
      const info = await run('fill', testId, { index, value: String(value) });
      if (info.value !== String(value)) {
        throw new Error(`fill [data-testid=${testId}]: value is ${JSON.stringify(info.value)} after filling`);
      }
    },

    async click(testId, { timeout, index } = {}) {
      await until('click', 'query', testId, (i) => i.found && i.visible && i.enabled, { timeout, index });
      await run('click', testId, { index });
    },

    /** Trimmed text of the (index-th) match, waiting for it to exist. */
    async text(testId, { timeout, index } = {}) {
      return (await until('text', 'query', testId, (i) => i.found, { timeout, index })).text;
    },

    /** Trimmed texts of all matches right now (no wait). */
    async texts(testId) {
      return (await run('query', testId)).texts;
    },

    async count(testId) {
      return (await run('query', testId)).count;
    },

    async isVisible(testId, { index } = {}) {
      return (await run('query', testId, { index })).visible;
    },

    async url() {
      return (await run('state', '')).url;
    },

    /** Raw evaluate in the underlying page (for the real popup: the helper page that reaches it). */
    evaluate: (fn, arg) => raw.evaluate(fn, arg),

    /** Reloads and waits for the new document (a marker on the old window must be gone). */
    async reload({ timeout = DEFAULT_TIMEOUT } = {}) {
      if (target !== 'self') throw new Error('reload() is for pages opened as tabs');
      await raw.evaluate(() => {
        window.__e2eOldDocument = true;
        setTimeout(() => location.reload(), 0); // let evaluate return before the context dies
      });
      const end = Date.now() + timeout;
      for (;;) {
        const fresh = await raw
          .evaluate(() => !window.__e2eOldDocument && document.readyState !== 'loading')
          .catch(() => false);
        if (fresh) return;
        if (Date.now() >= end) throw new Error(`reload timed out after ${timeout} ms (${label})`);
        await sleep(POLL_MS);
      }
    },

    screenshot: (path) => raw.screenshot({ path }),

    async close() {
      if (closed) return;
      closed = true;
      onClose?.();
      if (target === 'self') await raw.close().catch(() => {});
    },
  };
  return wrapper;
}

/**
 * Starts a navigation without trusting its promise (Firefox never resolves page.goto for
 * moz-extension pages, toolchain.md §9), then polls until the new document has loaded.
 */
export async function navigate(raw, url, { timeout = DEFAULT_TIMEOUT } = {}) {
  let navError = null;
  raw.goto(url).catch((error) => {
    navError = error;
  });
  const end = Date.now() + timeout;
  let seen = null;
  for (;;) {
    if (navError && !/timeout|aborted|detached|closed/i.test(String(navError.message))) {
      throw new Error(`navigation to ${url} failed: ${String(navError.message).split('\n')[0]}`);
    }
    seen = await raw.evaluate(() => ({ href: location.href, ready: document.readyState })).catch(() => null);
    if (seen && seen.href !== 'about:blank' && seen.ready !== 'loading') return;
    if (Date.now() >= end) {
      throw new Error(`navigation to ${url} timed out after ${timeout} ms (at ${seen?.href ?? 'unknown'})`);
    }
    await sleep(POLL_MS);
  }
}

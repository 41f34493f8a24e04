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
 * Runs inside a web page: reads TwoStep's in-page prompt, `<twostep-prompt>` with an OPEN shadow
 * root (README "The in-page prompt's test ids"). The newest host with a shadow root wins. With
 * `op: 'click'` it clicks the element with `.click()`, which is an UNTRUSTED event: the prompt must
 * ignore it (used only to prove that). With `op: 'locate'` it scrolls the element into view and
 * returns its centre for a real mouse click.
 */
function promptProbe({ testId, index = 0, op = 'query' }) {
  const hosts = [...document.querySelectorAll('twostep-prompt')];
  const out = {
    url: location.href,
    hosts: hosts.length,
    open: false,
    kind: null,
    text: null,
    status: null,
    testIds: [],
    found: false,
    count: 0,
    visible: false,
    elementText: null,
  };
  const root = hosts
    .reverse()
    .map((h) => h.shadowRoot)
    .find(Boolean);
  if (!root) return out;
  out.open = true;
  const visible = (e) => {
    if (!e || e.getClientRects().length === 0) return false;
    const style = getComputedStyle(e);
    return style.visibility !== 'hidden' && style.display !== 'none';
  };
  const one = (id) => root.querySelector(`[data-testid="${id}"]`);
  const box = one('twostep-prompt');
  out.kind = box ? box.getAttribute('data-kind') : null;
  out.boxVisible = visible(box);
  out.text = one('twostep-prompt-text')?.textContent.trim() ?? null;
  out.status = one('twostep-status')?.textContent.trim() ?? null;
  out.testIds = [...root.querySelectorAll('[data-testid]')].map((e) => e.getAttribute('data-testid'));
  if (!testId) return out;
  const all = [...root.querySelectorAll(`[data-testid="${testId}"]`)];
  const el = all[index] ?? null;
  out.count = all.length;
  out.found = !!el;
  out.visible = visible(el);
  out.elementText = el ? el.textContent.trim() : null;
  out.dataset = el ? { ...el.dataset } : null;
  if (!el) return out;
  if (op === 'click') {
    el.click();
    out.clicked = true;
  }
  if (op === 'locate') {
    el.scrollIntoView({ block: 'center', inline: 'center' });
    const r = el.getBoundingClientRect();
    out.point = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }
  return out;
}

/**
 * Runs inside a web page: finds an element by a path of CSS selectors. Each step after the first
 * searches inside the previous match: its same-origin iframe document, else its open shadow root,
 * else the element itself. `'#otp'`, `['iframe#mfa', '#otp']`, `['otp-entry', 'input']`.
 * Ops: 'value' | 'text' | 'exists' | 'focus' | 'locate' (scroll into view, return a point a real
 * click at top-level viewport coordinates would hit, checked with elementFromPoint).
 */
function fieldProbe({ path, op, textFilter }) {
  const steps = Array.isArray(path) ? path : [path];
  let root = document;
  let el = null;
  const chain = [];
  for (let i = 0; i < steps.length; i++) {
    if (i > 0) {
      if (el.contentDocument) root = el.contentDocument;
      else if (el.shadowRoot) root = el.shadowRoot;
      else root = el;
    }
    const isLast = i === steps.length - 1;
    const matches = [...root.querySelectorAll(steps[i])];
    el =
      isLast && textFilter
        ? (matches.find((m) => m.textContent.trim() === textFilter) ??
          matches.find((m) => m.textContent.includes(textFilter)) ??
          null)
        : (matches[0] ?? null);
    if (!el) return { found: false, failedStep: i, selector: steps[i], url: location.href };
    chain.push(el);
  }
  const out = { found: true, url: location.href, tag: el.tagName.toLowerCase() };
  if (op === 'value') out.value = 'value' in el ? el.value : null;
  if (op === 'text') out.text = el.textContent.trim();
  if (op === 'focus') el.focus();
  if (op === 'locate') {
    // Scroll every frame element and the target into view, then sum the frames' offsets.
    for (const e of chain) e.scrollIntoView({ block: 'center', inline: 'center' });
    let offX = 0;
    let offY = 0;
    for (const e of chain.slice(0, -1)) {
      if (!e.contentDocument) continue;
      const r = e.getBoundingClientRect();
      const cs = getComputedStyle(e);
      offX += r.left + e.clientLeft + Number.parseFloat(cs.paddingLeft);
      offY += r.top + e.clientTop + Number.parseFloat(cs.paddingTop);
    }
    const r = el.getBoundingClientRect();
    out.rect = { x: r.left + offX, y: r.top + offY, width: r.width, height: r.height };
    if (r.width === 0 || r.height === 0) {
      out.why = 'the element has no size (hidden?)';
      return out;
    }
    // The first element in the top document must be what a click there hits (an iframe or shadow
    // host stands for its contents); something else on top, e.g. TwoStep's prompt, blocks it.
    const top = chain[0];
    const fractions = [
      [0.5, 0.5],
      [0.25, 0.5],
      [0.75, 0.5],
      [0.5, 0.25],
      [0.5, 0.75],
      [0.15, 0.15],
      [0.85, 0.85],
    ];
    for (const [fx, fy] of fractions) {
      const x = out.rect.x + out.rect.width * fx;
      const y = out.rect.y + out.rect.height * fy;
      const hit = document.elementFromPoint(x, y);
      if (hit && (hit === top || top.contains(hit))) {
        out.point = { x, y };
        return out;
      }
      out.blockedBy = hit ? `${hit.tagName.toLowerCase()}${hit.id ? `#${hit.id}` : ''}` : 'nothing';
    }
    out.why = `covered by ${out.blockedBy}`;
  }
  return out;
}

/**
 * @param {{ evaluate: Function, screenshot: Function, close: Function }} raw Playwright or Puppeteer page
 * @param {{ target?: 'self' | 'popup', label?: string, onClose?: () => void }} [options]
 */
export function wrapPage(raw, { target = 'self', label = 'page', onClose } = {}) {
  let closed = false;

  const run = (op, testId, extra = {}) => raw.evaluate(probe, { target, op, testId, ...extra });
  const assertTab = (what) => {
    if (target !== 'self') throw new Error(`${what}() needs a page opened as a tab`);
  };

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
      try {
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
      } catch (error) {
        // An "error" state shows the background's message: put it in the failure report.
        const shown = await run('query', 'form-error').catch(() => null);
        if (shown?.texts?.length)
          error.message += ` (the page shows form-error ${JSON.stringify(shown.texts)})`;
        throw error;
      }
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

    /**
     * Gives a file input these files as if the user picked them (DataTransfer → input.files, then
     * the change event). `files`: [{ name, type, base64 }] — bytes cross evaluate() as base64.
     */
    async setFiles(testId, files, { timeout } = {}) {
      assertTab('setFiles');
      await until('setFiles', 'query', testId, (i) => i.found && i.enabled, { timeout });
      await raw.evaluate(
        ({ testId: id, files: list }) => {
          const input = document.querySelector(`[data-testid="${id}"]`);
          const dt = new DataTransfer();
          for (const f of list) {
            const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
            dt.items.add(new File([bytes], f.name, { type: f.type }));
          }
          input.files = dt.files;
          input.dispatchEvent(new Event('change', { bubbles: true }));
        },
        { testId, files },
      );
    },

    /**
     * A real paste: puts a PNG (`png`, base64) or `text` on the system clipboard from inside the
     * page (navigator.clipboard.write, allowed to the extension by clipboardWrite), then presses
     * Ctrl+V through the driver, so the page gets a trusted paste event. Headless Firefox's
     * clipboard holds text only (measured: an image paste arrives with no files), so stories paste
     * images in Chromium and text in Firefox.
     */
    async pasteFromClipboard({ png, text }) {
      assertTab('pasteFromClipboard');
      const wrote = await raw.evaluate(
        async ({ png: b64, text: plain }) => {
          try {
            if (b64 !== undefined) {
              const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
              const blob = new Blob([bytes], { type: 'image/png' });
              await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
            } else await navigator.clipboard.writeText(plain);
            document.activeElement?.blur?.(); // a paste into a text field is typing, not an import
            return null;
          } catch (error) {
            return String(error);
          }
        },
        { png, text },
      );
      if (wrote) throw new Error(`pasteFromClipboard: writing the clipboard failed: ${wrote}`);
      await raw.keyboard.down('Control');
      await raw.keyboard.press('KeyV');
      await raw.keyboard.up('Control');
    },

    /**
     * A trusted mouse drag across an element, from and to points given as fractions (0–1) of its
     * box (the driver's mouse: real pointer events, as a user's drag).
     */
    async mouseDrag(testId, from, to, { timeout } = {}) {
      assertTab('mouseDrag');
      await until('mouseDrag', 'query', testId, (i) => i.found && i.visible, { timeout });
      const box = await raw.evaluate((id) => {
        const el = document.querySelector(`[data-testid="${id}"]`);
        el.scrollIntoView({ block: 'center' });
        const r = el.getBoundingClientRect();
        return { x: r.left, y: r.top, width: r.width, height: r.height };
      }, testId);
      const at = (p) => [box.x + p.x * box.width, box.y + p.y * box.height];
      await raw.mouse.move(...at(from));
      await raw.mouse.down();
      await raw.mouse.move(...at({ x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 }));
      await raw.mouse.move(...at(to));
      await raw.mouse.up();
    },

    /** Drops these files ([{ name, type, base64 }]) on an element, as a drag from the desktop would. */
    async drop(testId, files, { timeout } = {}) {
      assertTab('drop');
      await until('drop', 'query', testId, (i) => i.found, { timeout });
      await raw.evaluate(
        ({ testId: id, files: list }) => {
          const dt = new DataTransfer();
          for (const f of list) {
            const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
            dt.items.add(new File([bytes], f.name, { type: f.type }));
          }
          const zone = document.querySelector(`[data-testid="${id}"]`);
          for (const type of ['dragover', 'drop'])
            zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
        },
        { testId, files },
      );
    },

    /** The text behind a download link (a blob: URL made by the page). */
    async downloadText(testId, { timeout } = {}) {
      assertTab('downloadText');
      await until('downloadText', 'query', testId, (i) => i.found, { timeout });
      return raw.evaluate(async (id) => {
        const link = document.querySelector(`[data-testid="${id}"]`);
        return (await fetch(link.href)).text();
      }, testId);
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

    // ---- Web pages: TwoStep's in-page prompt and the page's own fields --------------------------
    // Trusted input (real mouse and keyboard events through the driver), because the prompt acts
    // only on `event.isTrusted` and some pages react only to real gestures. `click()` above is
    // evaluate-based, hence untrusted: never use it on the prompt except to prove it is ignored.

    /** The prompt as seen now: { hosts, open, kind, text, status, testIds } (kind null: none). */
    promptState: () => raw.evaluate(promptProbe, {}).catch(() => null),

    /**
     * Waits until the prompt box is shown; with `kind` (string or array), until its data-kind is
     * one of them; with `text` (RegExp or substring), until its text matches. Returns the state.
     */
    async waitForPrompt({ kind, text, timeout = DEFAULT_TIMEOUT } = {}) {
      const kinds = kind === undefined ? null : Array.isArray(kind) ? kind : [kind];
      const end = Date.now() + timeout;
      let seen = null;
      for (;;) {
        seen = await raw.evaluate(promptProbe, {}).catch(() => seen);
        const ok =
          seen?.kind &&
          seen.boxVisible &&
          (!kinds || kinds.includes(seen.kind)) &&
          (text === undefined || matchesText(seen.text, text));
        if (ok) return seen;
        if (Date.now() >= end) break;
        await sleep(POLL_MS);
      }
      throw new Error(
        `waitForPrompt(${kinds ? `kind ${kinds.join('|')}` : 'any'}${text ? `, text ${text}` : ''}) timed out after ${timeout} ms: ${describePrompt(seen)}`,
      );
    },

    /** Waits until nothing is shown (no host, or the box hidden/removed). */
    async waitForPromptGone({ timeout = DEFAULT_TIMEOUT } = {}) {
      const end = Date.now() + timeout;
      let seen = null;
      for (;;) {
        seen = await raw.evaluate(promptProbe, {}).catch(() => seen);
        if (seen && (!seen.kind || !seen.boxVisible)) return;
        if (Date.now() >= end) throw new Error(`waitForPromptGone timed out: ${describePrompt(seen)}`);
        await sleep(POLL_MS);
      }
    },

    /** Trimmed text of a test id inside the prompt's shadow root, waiting for it to exist. */
    async promptText(testId = 'twostep-prompt-text', { timeout = DEFAULT_TIMEOUT, index } = {}) {
      const end = Date.now() + timeout;
      let seen = null;
      for (;;) {
        seen = await raw.evaluate(promptProbe, { testId, index }).catch(() => seen);
        if (seen?.found) return seen.elementText;
        if (Date.now() >= end) break;
        await sleep(POLL_MS);
      }
      throw new Error(
        `promptText [data-testid=${testId}] timed out after ${timeout} ms: ${describePrompt(seen)}`,
      );
    },

    /** Waits until a prompt test id's text matches `pattern` (RegExp or substring); returns it. */
    async waitForPromptText(testId, pattern, { timeout = DEFAULT_TIMEOUT } = {}) {
      const end = Date.now() + timeout;
      let seen = null;
      for (;;) {
        seen = await raw.evaluate(promptProbe, { testId }).catch(() => seen);
        if (seen?.found && matchesText(seen.elementText, pattern)) return seen.elementText;
        if (Date.now() >= end) break;
        await sleep(POLL_MS);
      }
      throw new Error(
        `waitForPromptText [data-testid=${testId}] ${pattern} timed out after ${timeout} ms: ${
          seen?.found ? `its text is ${JSON.stringify(seen.elementText)}; ` : ''
        }${describePrompt(seen)}`,
      );
    },

    /**
     * A TRUSTED click on a test id inside the prompt's open shadow root. Chromium: playwright's
     * locator (its CSS engine pierces open shadow roots); Firefox: puppeteer's `>>>` deep
     * combinator. Both end in real input events (CDP / WebDriver BiDi input actions). With
     * `index`, a real mouse click at the element's centre instead.
     */
    async clickPrompt(testId, { timeout = DEFAULT_TIMEOUT, index } = {}) {
      assertTab('clickPrompt');
      const end = Date.now() + timeout;
      let seen = null;
      for (;;) {
        seen = await raw.evaluate(promptProbe, { testId, index }).catch(() => seen);
        if (seen?.found && seen.visible) break;
        if (Date.now() >= end) {
          throw new Error(
            `clickPrompt [data-testid=${testId}] not shown after ${timeout} ms: ${describePrompt(seen)}`,
          );
        }
        await sleep(POLL_MS);
      }
      const left = Math.max(1000, end - Date.now());
      const sel = `[data-testid="${testId}"]`;
      if (index === undefined && isPlaywright(raw)) {
        await raw.locator('twostep-prompt').last().locator(sel).first().click({ timeout: left });
      } else if (index === undefined) {
        await raw.locator(`twostep-prompt >>> ${sel}`).setTimeout(left).click();
      } else {
        const at = await raw.evaluate(promptProbe, { testId, index, op: 'locate' });
        if (!at?.point)
          throw new Error(`clickPrompt [data-testid=${testId}] #${index}: ${describePrompt(at)}`);
        await raw.mouse.click(at.point.x, at.point.y);
      }
    },

    /** An UNTRUSTED `.click()` on a prompt test id (evaluate), to prove the prompt ignores it. */
    async untrustedClickPrompt(testId, { index } = {}) {
      const seen = await raw.evaluate(promptProbe, { testId, index, op: 'click' });
      if (!seen?.clicked)
        throw new Error(`untrustedClickPrompt [data-testid=${testId}]: ${describePrompt(seen)}`);
    },

    /** The value of a page field (a path may go through same-origin iframes and open shadow roots). */
    async valueOf(path) {
      const info = await raw.evaluate(fieldProbe, { path, op: 'value' });
      if (!info.found)
        throw new Error(`valueOf ${describePath(path)}: no match for step ${info.failedStep} at ${info.url}`);
      return info.value;
    },

    /** The trimmed text of a page element (same path rules as valueOf); null when absent. */
    async textOf(path) {
      const info = await raw.evaluate(fieldProbe, { path, op: 'text' });
      return info.found ? info.text : null;
    },

    /** Whether a page element exists now (same path rules as valueOf). */
    async exists(path) {
      return (await raw.evaluate(fieldProbe, { path, op: 'exists' }).catch(() => ({ found: false }))).found;
    },

    /**
     * Waits until a page element exists (same path rules as valueOf); with `text`, one whose text
     * equals or contains it (e.g. the heading of the dialog step a click leads to).
     */
    async waitForElement(path, { text, timeout = DEFAULT_TIMEOUT } = {}) {
      const end = Date.now() + timeout;
      let info = null;
      for (;;) {
        info = await raw.evaluate(fieldProbe, { path, op: 'exists', textFilter: text }).catch(() => info);
        if (info?.found) return;
        if (Date.now() >= end) break;
        await sleep(POLL_MS);
      }
      throw new Error(
        `waitForElement ${describePath(path)}${text ? ` "${text}"` : ''} timed out after ${timeout} ms at ${info?.url ?? '?'}`,
      );
    },

    /**
     * Waits until a field's value satisfies `want`: a string (equal), a RegExp, or a predicate.
     * Returns the value; on timeout the error shows the last value and the prompt's state.
     */
    async waitForValue(path, want, { timeout = DEFAULT_TIMEOUT } = {}) {
      const ok =
        typeof want === 'function'
          ? want
          : want instanceof RegExp
            ? (v) => v !== null && want.test(v)
            : (v) => v === want;
      const end = Date.now() + timeout;
      let info = null;
      for (;;) {
        info = await raw.evaluate(fieldProbe, { path, op: 'value' }).catch(() => info);
        if (info?.found && ok(info.value)) return info.value;
        if (Date.now() >= end) break;
        await sleep(POLL_MS);
      }
      const prompt = await raw.evaluate(promptProbe, {}).catch(() => null);
      throw new Error(
        `waitForValue ${describePath(path)} timed out after ${timeout} ms: ${
          info?.found ? `value ${JSON.stringify(info.value)}` : 'no such field'
        }, url ${info?.url ?? '?'}; prompt: ${describePrompt(prompt)}`,
      );
    },

    /**
     * A TRUSTED mouse click on a page element (same path rules as valueOf), at a point the
     * element really receives (elementFromPoint), so a page's own handlers see `isTrusted`.
     * `text` picks the match whose text equals (else contains) it.
     */
    async trustedClick(path, { text, timeout = DEFAULT_TIMEOUT } = {}) {
      assertTab('trustedClick');
      const end = Date.now() + timeout;
      let info = null;
      for (;;) {
        info = await raw.evaluate(fieldProbe, { path, op: 'locate', textFilter: text }).catch(() => info);
        if (info?.point) break;
        if (Date.now() >= end) {
          throw new Error(
            `trustedClick ${describePath(path)}${text ? ` "${text}"` : ''} timed out after ${timeout} ms: ${
              !info ? 'page never answered' : !info.found ? `no match for step ${info.failedStep}` : info.why
            }`,
          );
        }
        await sleep(POLL_MS);
      }
      await raw.mouse.click(info.point.x, info.point.y);
    },

    /** Real typing: a trusted click on the field, then keyboard events for each character. */
    async typeInto(path, text, { delay = 20, timeout } = {}) {
      await wrapper.trustedClick(path, { timeout });
      await raw.keyboard.type(String(text), { delay });
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

/** Playwright's Page has context(); puppeteer's has browserContext(). */
function isPlaywright(raw) {
  return typeof raw.context === 'function' && typeof raw.browserContext !== 'function';
}

function matchesText(actual, pattern) {
  if (actual === null || actual === undefined) return false;
  return pattern instanceof RegExp ? pattern.test(actual) : actual.includes(String(pattern));
}

function describePath(path) {
  return Array.isArray(path) ? path.map((p) => JSON.stringify(p)).join(' → ') : JSON.stringify(path);
}

/** One line about the prompt for error messages. */
export function describePrompt(seen) {
  if (!seen) return 'page never answered';
  if (seen.hosts === 0) return `no <twostep-prompt> on ${seen.url}`;
  if (!seen.open) return `<twostep-prompt> without an open shadow root on ${seen.url}`;
  return `prompt kind ${JSON.stringify(seen.kind)}${seen.boxVisible === false ? ' (hidden)' : ''}, text ${JSON.stringify(
    seen.text,
  )}, status ${JSON.stringify(seen.status)}, test ids [${[...new Set(seen.testIds)].join(', ')}] on ${seen.url}`;
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

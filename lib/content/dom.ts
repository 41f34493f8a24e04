/**
 * Small DOM helpers shared by the content-script modules: open shadow roots, visibility and text.
 * Nothing here changes the page.
 */

/** The in-page prompt's host element (tests/e2e/README.md): never searched, never filled. */
export const PROMPT_TAG = 'twostep-prompt';

/** A place to search: the document or an open shadow root (closed ones are out of reach, §3.4). */
export type SearchRoot = Document | ShadowRoot;

/**
 * The document and every open shadow root below it, recursively. Same-origin iframes are left out
 * on purpose: each frame runs its own content script (`all_frames`), so walking them here would
 * find and report the same field or QR twice.
 */
export function openRoots(doc: Document): SearchRoot[] {
  const roots: SearchRoot[] = [doc];
  for (let i = 0; i < roots.length; i += 1) {
    const root = roots[i] as SearchRoot;
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot && el.localName !== PROMPT_TAG) roots.push(el.shadowRoot);
    }
  }
  return roots;
}

export function queryAll(roots: readonly SearchRoot[], selector: string): Element[] {
  return roots.flatMap((root) => [...root.querySelectorAll(selector)]);
}

/** The parent element, stepping out of a shadow root to its host. */
export function parentAcross(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  // A document fragment that is some element's shadow root (no `instanceof`: see isTextControl).
  return root?.nodeType === 11 ? ((root as ShadowRoot).host ?? null) : null;
}

/**
 * microsoft-pages.md §8 "Visible only": not `type=hidden`, not `display:none` or
 * `visibility:hidden`, not zero-size, no `hidden` or `aria-hidden=true` ancestor (also across
 * shadow boundaries). In a real browser a `display:none` ancestor already gives a zero rectangle;
 * the ancestor walk also covers DOMs without layout.
 */
export function isVisible(el: Element): boolean {
  if (el.localName === 'input' && (el as HTMLInputElement).type === 'hidden') return false;
  const rect = el.getBoundingClientRect();
  if (rect.width <= 0 || rect.height <= 0) return false;
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  const style = view.getComputedStyle(el);
  if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') {
    return false;
  }
  for (let node: Element | null = el; node; node = parentAcross(node)) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return false;
    if (node !== el && view.getComputedStyle(node).display === 'none') return false;
  }
  return true;
}

/** Collapses runs of white space (NBSP included) to one space and trims. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Text of `el` without buttons, scripts and styles ("mnop qrst uvwx yz23" without "Copy", §2.2). */
export function ownText(el: Element): string {
  if (!el.querySelector('button, [role=button], script, style, template')) return el.textContent ?? '';
  const clone = el.cloneNode(true) as Element;
  for (const skip of clone.querySelectorAll('button, [role=button], script, style, template')) skip.remove();
  return clone.textContent ?? '';
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The focused element, looking inside open shadow roots (as 2FAS does, peers.md §2). */
export function deepActiveElement(doc: Document): Element | null {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** `input` or `textarea` by tag name: `instanceof` fails across frames and in Firefox Xrays. */
export function isTextControl(el: Element | null): el is HTMLInputElement | HTMLTextAreaElement {
  return el?.localName === 'input' || el?.localName === 'textarea';
}

/** Origin check for URLs the page shows us: data:, blob: and same-origin URLs are readable. */
export function isReadableUrl(url: string, pageOrigin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    return new URL(url).origin === pageOrigin;
  } catch {
    return false;
  }
}

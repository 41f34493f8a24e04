/**
 * Walks page text for short values (a manual key, an app password) and reads labels around them.
 * Shared by capture-text.ts; reads only, never changes the page.
 */
import { clip, ownText, parentAcross, type SearchRoot, squash } from './dom';

/** A value shown on the page, the element showing it and the text as shown. */
export interface ShownValue {
  el: Element;
  shown: string;
  value: string;
}

const SKIP_PARENTS = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'title']);
const SKIP_ANCESTORS =
  '[contenteditable]:not([contenteditable=false]), button, [role=button], [role=link], a[href], select';
const MAX_VALUE_TEXT = 200;

/** Calls `visit` with the parent element of each page text node whose trimmed text passes `test`. */
function eachText(
  roots: readonly SearchRoot[],
  test: (text: string) => boolean,
  visit: (el: Element) => boolean,
) {
  for (const root of roots) {
    const doc = root.ownerDocument ?? (root as Document);
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || SKIP_PARENTS.has(parent.localName) || !test(node.textContent?.trim() ?? '')) continue;
      // The user's own text, and controls ("Generate password" is no password).
      if (parent.closest(SKIP_ANCESTORS)) continue;
      if (visit(parent) === false) return;
    }
  }
}

/**
 * Text nodes passing `quick` (a cheap character-class test), then the recogniser on the text of
 * the parent and the grandparent (a key split into `<span>`s of 4, buttons left out: §2.2's "Copy").
 * The lowest element whose text is recognised wins; each value is reported once.
 */
export function findShownValues(
  roots: readonly SearchRoot[],
  quick: RegExp,
  recognise: (text: string) => string | null,
): ShownValue[] {
  const found = new Map<string, ShownValue>();
  eachText(
    roots,
    (text) => quick.test(text),
    (parent) => {
      for (let el: Element | null = parent, level = 0; el && level < 2; el = el.parentElement, level += 1) {
        if ((el.textContent?.length ?? 0) > MAX_VALUE_TEXT * 2) break;
        const shown = squash(ownText(el));
        const value = shown.length <= MAX_VALUE_TEXT ? recognise(shown) : null;
        if (value !== null) {
          if (!found.has(value)) found.set(value, { el, shown, value });
          break;
        }
      }
      return true;
    },
  );
  return [...found.values()];
}

/** Whether text within a few wrappers of `el` matches `cue` (a label such as "Secret key"). */
export function nearText(el: Element, cue: RegExp, levels: number, maxChars: number): boolean {
  let node: Element | null = el;
  for (let i = 0; node && i <= levels; i += 1, node = parentAcross(node)) {
    const text = node.textContent ?? '';
    if (text.length > maxChars) return false;
    if (cue.test(text)) return true;
  }
  return false;
}

/**
 * The value after a label: `<dt>Label</dt><dd>value</dd>` (mysignins, §2.2), "Label: value" in one
 * element, or a label element followed by its value element ("Account name:" line, §2.1).
 */
export function labelledValue(roots: readonly SearchRoot[], label: RegExp): string | undefined {
  const inline = new RegExp(`^${label.source}\\s*:\\s*(\\S.{0,250})$`, 'i');
  const alone = new RegExp(`^${label.source}\\s*:?$`, 'i');
  let result: string | undefined;
  eachText(
    roots,
    (text) => label.test(text),
    (el) => {
      if ((el.textContent?.length ?? 0) > 600) return true;
      const own = squash(ownText(el));
      const next = alone.test(own) && el.nextElementSibling ? squash(ownText(el.nextElementSibling)) : '';
      const value = inline.exec(own)?.[1] ?? next;
      if (value) result = clip(value, 256);
      return value === '';
    },
  );
  return result;
}

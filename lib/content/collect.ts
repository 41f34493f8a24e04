/**
 * The only module that reads form fields (style.md §1.9): the page's inputs → serialisable
 * descriptors for the pure classifier (lib/page), plus a key → element map for the filler.
 */
import type { FieldDescriptor, PageContext } from '../page/descriptor';
import { BOX_COUNT } from '../page/keywords';
import { clip, isVisible, openRoots, parentAcross, queryAll, type SearchRoot, squash } from './dom';

export type FieldElement = HTMLInputElement | HTMLTextAreaElement;

export interface Collected {
  fields: FieldDescriptor[];
  elements: Map<number, FieldElement>;
}

/** Inputs that can never hold a code; `hidden` stays in, so rules can see §2.4's hidden twin. */
const SKIPPED_TYPES = new Set([
  'button',
  'submit',
  'reset',
  'image',
  'file',
  'checkbox',
  'radio',
  'range',
  'color',
]);
const TEXT_LIKE = new Set(['', 'text', 'tel', 'number', 'password']);
/** Headings and descriptions (microsoft-pages.md §2.3 ids, §2.4 test ids). */
const CUES =
  'h1,h2,h3,h4,h5,h6,[role=heading],legend,p,[data-testid=title],[data-testid=description],' +
  '#idDiv_SAOTCC_Title,#idDiv_SAOTCC_Description,#iEnterSubhead';
const CONTEXT_MAX = 300;
const PAGE_TEXT_MAX = 1000;
/** How far up a box's wrappers a shared container is looked for (§2.6: `span > div` per box). */
const GROUP_DEPTH = 6;

const text = (el: Element | null | undefined): string => squash(el?.textContent ?? '');
const attr = (el: Element, name: string): string => el.getAttribute(name) ?? '';

function labelText(el: FieldElement): string {
  const ids = attr(el, 'aria-labelledby').split(/\s+/).filter(Boolean);
  const root = el.getRootNode() as SearchRoot;
  const byId = ids.map((id) => text(root.getElementById?.(id)));
  return clip(squash([...(el.labels ?? [])].map(text).concat(byId).join(' ')), CONTEXT_MAX);
}

/**
 * The nearest headings and descriptions before the field in its form or dialog (the §2.4
 * description sits above the input in the same form), else in the closest few wrappers.
 */
function contextText(el: FieldElement): string {
  let scope: Element | null = el.closest('form, [role=dialog], dialog, fieldset');
  for (let up = 0, node = parentAcross(el); !scope && node && up < 4; up += 1, node = parentAcross(node)) {
    if (node.querySelector(CUES)) scope = node;
  }
  if (!scope) return '';
  const cues = [...scope.querySelectorAll(CUES)].filter(
    (cue) =>
      !cue.contains(el) &&
      cue.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING &&
      isVisible(cue),
  );
  return clip(squash(cues.slice(-3).map(text).join(' ')), CONTEXT_MAX);
}

/** Fields sharing the closest wrapper that holds ≥ 4 text inputs share a key (segmented boxes). */
function groupKeys(elements: readonly FieldElement[]): Map<FieldElement, string> {
  const ids = new Map<Element, number>();
  const counts = new Map<Element, number>();
  const chains = elements.map((el) => {
    const chain: Element[] = [];
    for (let node = parentAcross(el); node && chain.length < GROUP_DEPTH; node = parentAcross(node))
      chain.push(node);
    if (TEXT_LIKE.has(attr(el, 'type').toLowerCase())) {
      for (const node of chain) counts.set(node, (counts.get(node) ?? 0) + 1);
    }
    return chain;
  });
  const keyOf = (node: Element | undefined): string => {
    if (!node) return '';
    if (!ids.has(node)) ids.set(node, ids.size + 1);
    return `g${ids.get(node)}`;
  };
  return new Map(
    elements.map((el, i) => {
      const chain = chains[i] ?? [];
      return [el, keyOf(chain.find((node) => (counts.get(node) ?? 0) >= BOX_COUNT.min) ?? chain[0])];
    }),
  );
}

function describe(el: FieldElement, key: number, groupKey: string): FieldDescriptor {
  const r = el.getBoundingClientRect();
  const form = el.form;
  return {
    key,
    tag: el.localName === 'textarea' ? 'textarea' : 'input',
    type: attr(el, 'type').toLowerCase(),
    id: el.id,
    name: attr(el, 'name'),
    autocomplete: attr(el, 'autocomplete').toLowerCase(),
    inputMode: attr(el, 'inputmode').toLowerCase(),
    placeholder: attr(el, 'placeholder'),
    ariaLabel: attr(el, 'aria-label'),
    labelText: labelText(el),
    contextText: contextText(el),
    maxLength: el.maxLength,
    pattern: attr(el, 'pattern'),
    readOnly: el.readOnly,
    disabled: el.disabled,
    visible: isVisible(el),
    rect: { x: r.x, y: r.y, width: r.width, height: r.height },
    // getAttribute: `form.name` / `form.id` return a child input when one is named "name" or "id".
    formName: form ? attr(form, 'name') : '',
    formId: form ? attr(form, 'id') : '',
    groupKey,
    dataTestId: attr(el, 'data-testid'),
    value: el.value,
  };
}

/** Every input and textarea of the document and its open shadow roots, in document order. */
export function collectFields(doc: Document, roots: readonly SearchRoot[] = openRoots(doc)): Collected {
  const found = queryAll(roots, 'input, textarea').filter(
    (el): el is FieldElement =>
      el.localName === 'textarea' || !SKIPPED_TYPES.has(attr(el, 'type').toLowerCase()),
  );
  const groups = groupKeys(found);
  const fields: FieldDescriptor[] = [];
  const elements = new Map<number, FieldElement>();
  found.forEach((el, key) => {
    fields.push(describe(el, key, groups.get(el) ?? ''));
    elements.set(key, el);
  });
  return { fields, elements };
}

/** Host, path and the page's visible headings and descriptions (§8 "Text cues"). */
export function pageContext(doc: Document, roots: readonly SearchRoot[] = [doc]): PageContext {
  const location = doc.location ?? { hostname: '', pathname: '/', search: '' };
  const texts = [squash(doc.title)];
  for (const el of queryAll(roots, CUES.replace(',p,', ','))) {
    const t = text(el);
    if (t && !texts.includes(t) && isVisible(el)) texts.push(t);
  }
  return {
    host: location.hostname.toLowerCase(),
    path: `${location.pathname}${location.search}`,
    text: clip(texts.filter(Boolean).join(' \n '), PAGE_TEXT_MAX),
  };
}

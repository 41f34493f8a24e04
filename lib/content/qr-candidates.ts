/**
 * Which elements might be a setup QR (microsoft-pages.md §3: how Microsoft draws it is unknown, so
 * detect generically): visible `img`, `canvas`, inline `svg`, and elements with a CSS
 * `background-image: url(…)`, in the document and its open shadow roots, roughly square and at
 * least ~80 CSS px a side. Selection only; reading pixels is qr-pixels.ts. Decoding happens in the
 * background: nothing heavy is imported here, since this runs on every page that shows a capture
 * cue (it is part of the page tools, page-tools.ts).
 */
import { isVisible, queryAll, type SearchRoot } from './dom';

export const QR_MIN_SIDE = 80;
/** Width / height: a QR is square; allow borders, captions and sub-pixel layout. */
export const QR_ASPECT = { min: 0.8, max: 1.25 } as const;

export type QrCandidate =
  | { kind: 'img'; el: HTMLImageElement; url: string }
  | { kind: 'canvas'; el: HTMLCanvasElement }
  | { kind: 'svg'; el: SVGSVGElement }
  | { kind: 'background'; el: HTMLElement; url: string };

const CHEAP = 'img, canvas, svg, [style*="background"]';
/** Elements that might carry a stylesheet background QR (only searched when `thorough`). */
const BACKGROUND_HOSTS = 'div, span, i, a, figure, button';

export function isQrShaped(rect: { width: number; height: number }): boolean {
  const { width, height } = rect;
  if (width < QR_MIN_SIDE || height < QR_MIN_SIDE) return false;
  const aspect = width / height;
  return aspect >= QR_ASPECT.min && aspect <= QR_ASPECT.max;
}

/** The first `url(…)` of a computed `background-image`, or null (gradients, `none`). */
export function backgroundUrl(value: string): string | null {
  const match = /url\(\s*(["']?)(.*?)\1\s*\)/.exec(value);
  return match?.[2] ? match[2] : null;
}

/** The cheap pre-check: most pages have no image-like element at all and stop here. */
export function mayHaveQr(roots: readonly SearchRoot[], thorough: boolean): boolean {
  return thorough || roots.some((root) => root.querySelector(CHEAP) !== null);
}

const shaped = (el: Element): boolean => isQrShaped(el.getBoundingClientRect()) && isVisible(el);

function backgroundOf(el: Element): QrCandidate | null {
  const view = el.ownerDocument.defaultView;
  const url = view ? backgroundUrl(view.getComputedStyle(el).backgroundImage) : null;
  return url ? { kind: 'background', el: el as HTMLElement, url } : null;
}

/**
 * Candidates in document order (per root). `thorough` (a setup page, or the user asked for a
 * scan) also looks for stylesheet backgrounds on childless elements; otherwise only inline-style
 * backgrounds count, so an ordinary page costs one `querySelector` per root.
 */
export function findQrCandidates(roots: readonly SearchRoot[], thorough: boolean): QrCandidate[] {
  if (!mayHaveQr(roots, thorough)) return [];
  const found: QrCandidate[] = [];
  for (const el of queryAll(roots, CHEAP)) {
    if (!shaped(el)) continue;
    if (el.localName === 'img') {
      const img = el as HTMLImageElement;
      const url = img.currentSrc || img.src;
      if (url) found.push({ kind: 'img', el: img, url });
    } else if (el.localName === 'canvas') {
      found.push({ kind: 'canvas', el: el as HTMLCanvasElement });
    } else if (el.localName === 'svg') {
      // Only the outermost svg: a nested one is part of the drawing.
      if (!el.parentElement?.closest('svg')) found.push({ kind: 'svg', el: el as SVGSVGElement });
    } else {
      const bg = backgroundOf(el);
      if (bg) found.push(bg);
    }
  }
  if (thorough) {
    for (const el of queryAll(roots, BACKGROUND_HOSTS)) {
      if (el.childElementCount > 0 || el.matches('[style*="background"]') || !shaped(el)) continue;
      const bg = backgroundOf(el);
      if (bg) found.push(bg);
    }
  }
  return found;
}

/** What identifies a candidate's picture: a new `src` on the same `img` is a new QR. */
function signature(c: QrCandidate): string {
  switch (c.kind) {
    case 'img':
    case 'background':
      return `${c.kind}:${c.url}`;
    case 'canvas':
      return `canvas:${c.el.width}x${c.el.height}`;
    case 'svg':
      return `svg:${c.el.childElementCount}:${c.el.innerHTML.length}`;
  }
}

/** Remembers what was sent so nothing is sent twice; an element whose picture changed is new. */
export class SentQrs {
  private sent = new WeakMap<Element, string>();

  isNew(c: QrCandidate): boolean {
    return this.sent.get(c.el) !== signature(c);
  }

  mark(c: QrCandidate): void {
    this.sent.set(c.el, signature(c));
  }

  /** The user asked for a scan: send everything again. */
  reset(): void {
    this.sent = new WeakMap();
  }
}

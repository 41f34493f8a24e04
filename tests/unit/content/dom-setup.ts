/**
 * happy-dom has no layout: every rectangle is 0 × 0, which the collector reads as "invisible".
 * `useLayout()` gives elements a rectangle: `data-rect="x y width height"` when present, else a
 * plain 280 × 36 box, so tests state geometry only where it matters (boxes, QR sizes).
 */
import { vi } from 'vitest';

export function useLayout(): void {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const [x = 0, y = 0, width = 280, height = 36] = (this.getAttribute('data-rect') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    return DOMRect.fromRect({ x, y, width, height });
  });
}

/** Replaces the page: URL (host and path matter to the rules) and body markup. */
export function page(url: string, html: string): Document {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
  document.title = '';
  document.body.innerHTML = html;
  return document;
}

/** An event the page could not make: `isTrusted` is true only for real user input. */
export function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}
